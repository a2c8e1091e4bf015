import { decodeJwt, SignJWT } from 'jose';
import { loadGatewayConfig } from '../../config';
import { signUserToken } from '../../auth/verify-user-token';
import { type IdentityClaimName } from '../../settings/production-env';
import { createIdentityVerifier, IdentityTokenSigner } from '../identity';

const SECRET = 'u'.repeat(32);
const config = loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: SECRET, JWT_CACHE_SIZE: '0' });
const verifier = createIdentityVerifier(config);
const now = (): number => Math.floor(Date.now() / 1000);
const token = (claims: { iat?: number; exp?: number }): Promise<string> => {
  const jwt = new SignJWT({ roles: ['member'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('person-1');
  if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(SECRET));
};
const viewerOf = async (jwt: string): Promise<unknown> => verifier.viewerFrom(`Bearer ${jwt}`);

describe('lifetime of callers\u2019 tokens', () => {
  it('accepts a token of an hour, and one of exactly JWT_MAX_TTL_SECONDS (24 h by default)', async () => {
    expect(config.JWT_MAX_TTL_SECONDS).toBe(86_400);
    await expect(viewerOf(await token({ iat: now(), exp: now() + 3600 }))).resolves.toMatchObject({ sub: 'person-1' });
    await expect(viewerOf(await token({ iat: now(), exp: now() + 86_400 }))).resolves.toMatchObject({ sub: 'person-1' });
    await expect(viewerOf(await token({ exp: now() + 600 }))).resolves.toMatchObject({ sub: 'person-1' });
  });

  it('refuses a token without exp', async () => {
    await expect(viewerOf(await token({ iat: now() }))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringMatching(/exp/) });
  });

  it('refuses a token living longer than JWT_MAX_TTL_SECONDS, from now or from its iat', async () => {
    const farFuture = now() + 31_000 * 365 * 86_400;
    await expect(viewerOf(await token({ iat: now(), exp: farFuture }))).rejects.toMatchObject({ message: expect.stringMatching(/JWT_MAX_TTL_SECONDS/) });
    await expect(viewerOf(await token({ exp: now() + 2 * 86_400 }))).rejects.toMatchObject({ message: expect.stringMatching(/JWT_MAX_TTL_SECONDS/) });
    await expect(viewerOf(await token({ iat: now() - 3 * 86_400, exp: now() + 3600 }))).rejects.toMatchObject({ message: expect.stringMatching(/JWT_MAX_TTL_SECONDS/) });
  });

  it('refuses an iat in the future beyond the clock tolerance, and accepts one within it', async () => {
    await expect(viewerOf(await token({ iat: now() + 3600, exp: now() + 7200 }))).rejects.toMatchObject({ message: expect.stringMatching(/iat/) });
    await expect(viewerOf(await token({ iat: now() + 2, exp: now() + 3600 }))).resolves.toMatchObject({ sub: 'person-1' });
  });

  it('accepts what npm run token signs (12 h by default)', async () => {
    const signed = await signUserToken({ sub: 'dev-user', roles: [] }, { secret: SECRET });
    await expect(viewerOf(signed)).resolves.toMatchObject({ sub: 'dev-user' });
  });
});

describe('the identity token signer (every subgraph request: GraphQL fetches and standard exports)', () => {
  const viewer = { sub: 'person-1', org: 'org-1', roles: ['member'] } as never;
  const signer = new IdentityTokenSigner({
    secret: 'i'.repeat(32),
    ttlSeconds: 60,
    claims: new Map<string, IdentityClaimName[]>([
      ['datasets', ['sub', 'roles']],
      ['training', ['org', 'roles']],
    ]),
  });

  it('signs for one subgraph only, with the claims it is granted (all when none are configured)', async () => {
    expect(decodeJwt((await signer.tokenFor(viewer, 'members'))!)).toMatchObject({ sub: 'person-1', org: 'org-1', roles: ['member'], aud: 'members', exp: expect.any(Number) });
    const datasets = decodeJwt((await signer.tokenFor(viewer, 'datasets'))!);
    expect(datasets).toMatchObject({ sub: 'person-1', roles: ['member'], aud: 'datasets' });
    expect(datasets).not.toHaveProperty('org');
  });

  it('gives a subgraph not granted `sub` no identity at all', () => {
    expect(signer.tokenFor(viewer, 'training')).toBeUndefined();
  });

  it('signs once per subgraph for a request, however many fetches ask', () => {
    const signed = new Map<string, Promise<string>>();
    const first = signer.tokenFor(viewer, 'members', signed);
    expect(signer.tokenFor(viewer, 'members', signed)).toBe(first);
    expect(signer.tokenFor(viewer, 'datasets', signed)).not.toBe(first);
    expect([...signed.keys()]).toEqual(['members', 'datasets']);
  });
});

describe('the identity token signer reuses a token while more than half its life is left', () => {
  const viewer = { sub: 'reuse', org: 'org-1', roles: ['member'] } as never;
  const claims = new Map<string, IdentityClaimName[]>([['datasets', ['sub', 'roles']]]);
  const signerWith = (ttlSeconds: number, secret = 'i'.repeat(32)): IdentityTokenSigner =>
    new IdentityTokenSigner({ secret, ttlSeconds, claims });

  afterEach(() => {
    jest.useRealTimers();
  });

  it('gives the same token to later requests of the same viewer for the same subgraph', async () => {
    const signer = signerWith(60);
    const first = await signer.tokenFor(viewer, 'members', new Map());
    expect(await signer.tokenFor(viewer, 'members', new Map())).toBe(first);
    expect(await signer.tokenFor({ sub: 'reuse', org: 'org-1', roles: ['member'] } as never, 'members')).toBe(first);
  });

  it('signs anew when anything the token says differs: audience, subject, roles, organisation', async () => {
    const signer = signerWith(60);
    const first = await signer.tokenFor(viewer, 'members');
    expect(await signer.tokenFor(viewer, 'events')).not.toBe(first);
    expect(await signer.tokenFor({ sub: 'other', org: 'org-1', roles: ['member'] } as never, 'members')).not.toBe(first);
    expect(await signer.tokenFor({ sub: 'reuse', org: 'org-1', roles: ['admin'] } as never, 'members')).not.toBe(first);
    expect(await signer.tokenFor({ sub: 'reuse', org: 'org-2', roles: ['member'] } as never, 'members')).not.toBe(first);
  });

  it('does not share tokens between signers of different secrets', async () => {
    const first = await signerWith(60).tokenFor(viewer, 'members');
    expect(await signerWith(60, 'c'.repeat(32)).tokenFor(viewer, 'members')).not.toBe(first);
  });

  it('keeps one token for claims a subgraph is not granted: an organisation change does not re-sign for it', async () => {
    const signer = signerWith(60);
    const first = await signer.tokenFor(viewer, 'datasets');
    expect(decodeJwt(first!)).not.toHaveProperty('org');
    expect(await signer.tokenFor({ sub: 'reuse', org: 'org-2', roles: ['member'] } as never, 'datasets')).toBe(first);
  });

  it('signs a new token once half the life has passed', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const signer = signerWith(60);
    const first = await signer.tokenFor(viewer, 'members');
    jest.setSystemTime(Date.now() + 29_000);
    expect(await signer.tokenFor(viewer, 'members')).toBe(first);
    jest.setSystemTime(Date.now() + 2_000);
    const renewed = await signer.tokenFor(viewer, 'members');
    expect(renewed).not.toBe(first);
    expect(decodeJwt(renewed!).exp! - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(59);
  });

  it('reuses nothing when the life is under two seconds', async () => {
    const signer = signerWith(1);
    const first = await signer.tokenFor(viewer, 'members');
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    jest.setSystemTime(Date.now() + 1_000);
    expect(await signer.tokenFor(viewer, 'members')).not.toBe(first);
  });
});
