import { IdentityTokenVerifier, signIdentityToken, verifyIdentityToken } from '../identity-token';
import type * as jose from 'jose';
import { jwtVerify } from 'jose';
import { Role } from '../viewer';

// The real jwtVerify, counted: the verifier's promise is to call it once per distinct token.
jest.mock('jose', () => {
  const actual = jest.requireActual<typeof jose>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});

const secret = 'a'.repeat(32);
const viewer = { sub: 'person-1', org: 'org-1', roles: [Role.MEMBER] };

describe('identity token between gateway and subgraphs', () => {
  it('round-trips the viewer for the audience it was signed for', async () => {
    const token = await signIdentityToken(viewer, { secret, audience: 'members' });
    await expect(verifyIdentityToken(token, { secret, audience: 'members' })).resolves.toEqual(viewer);
  });

  it.each([
    ['another subgraph', { secret, audience: 'events' }],
    ['a forged signature', { secret: 'b'.repeat(32), audience: 'members' }],
  ])('is refused when presented to %s', async (_label, options) => {
    const token = await signIdentityToken(viewer, { secret, audience: 'members' });
    await expect(verifyIdentityToken(token, options)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('is refused once expired', async () => {
    const token = await signIdentityToken(viewer, { secret, audience: 'members', ttlSeconds: -10 });
    await expect(verifyIdentityToken(token, { secret, audience: 'members' })).rejects.toMatchObject({
      message: 'Identity token expired',
    });
  });

  it('drops roles it does not know', async () => {
    const token = await signIdentityToken({ ...viewer, roles: ['superuser' as never, Role.ADMIN] }, { secret, audience: 'members' });
    expect((await verifyIdentityToken(token, { secret, audience: 'members' })).roles).toEqual([Role.ADMIN]);
  });
});

describe('IdentityTokenVerifier: each token verified once, until its expiry', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('verifies a token once and answers repeats from its cache', async () => {
    const spy = jest.mocked(jwtVerify);
    spy.mockClear();
    const verifier = new IdentityTokenVerifier({ secret, audience: 'members' });
    const token = await signIdentityToken(viewer, { secret, audience: 'members' });
    for (let i = 0; i < 5; i += 1) await expect(verifier.verify(token)).resolves.toEqual(viewer);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(verifier.size).toBe(1);
  });

  it('hands out copies, so a caller changing its viewer cannot change the next one', async () => {
    const verifier = new IdentityTokenVerifier({ secret, audience: 'members' });
    const token = await signIdentityToken(viewer, { secret, audience: 'members' });
    (await verifier.verify(token)).roles.push(Role.ADMIN);
    expect((await verifier.verify(token)).roles).toEqual([Role.MEMBER]);
  });

  it('refuses a remembered token once it has expired', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const verifier = new IdentityTokenVerifier({ secret, audience: 'members' });
    const token = await signIdentityToken({ ...viewer, sub: 'expiring' }, { secret, audience: 'members', ttlSeconds: 5 });
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'expiring' });
    jest.setSystemTime(Date.now() + 6_000);
    await expect(verifier.verify(token)).rejects.toMatchObject({ message: 'Identity token expired' });
    expect(verifier.size).toBe(0);
  });

  it('refuses an expired token it never saw, and does not remember it', async () => {
    const verifier = new IdentityTokenVerifier({ secret, audience: 'members' });
    const token = await signIdentityToken(viewer, { secret, audience: 'members', ttlSeconds: -10 });
    await expect(verifier.verify(token)).rejects.toMatchObject({ message: 'Identity token expired' });
    expect(verifier.size).toBe(0);
  });

  it('refuses a tampered copy of a token it has already verified', async () => {
    const verifier = new IdentityTokenVerifier({ secret, audience: 'members' });
    const token = await signIdentityToken(viewer, { secret, audience: 'members' });
    await verifier.verify(token);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const escalated = Buffer.from(JSON.stringify({ ...claims, roles: [Role.ADMIN] })).toString('base64url');
    await expect(verifier.verify(`${header}.${escalated}.${signature}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const flipped = signature.slice(0, -2) + (signature.endsWith('AA') ? 'BB' : 'AA');
    await expect(verifier.verify(`${header}.${payload}.${flipped}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(verifier.size).toBe(1);
  });

  it('refuses a token for another subgraph even when that subgraph verified it', async () => {
    const members = new IdentityTokenVerifier({ secret, audience: 'members' });
    const events = new IdentityTokenVerifier({ secret, audience: 'events' });
    const token = await signIdentityToken(viewer, { secret, audience: 'members' });
    await members.verify(token);
    await expect(events.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('stays within its bound, forgetting the least recently used tokens', async () => {
    const verifier = new IdentityTokenVerifier({ secret, audience: 'members', maxEntries: 3 });
    for (let i = 0; i < 10; i += 1) {
      await verifier.verify(await signIdentityToken({ ...viewer, sub: `person-${i}` }, { secret, audience: 'members' }));
    }
    expect(verifier.size).toBe(3);
  });
});
