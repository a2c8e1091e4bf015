import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEV_INTERNAL_JWT_SECRET,
  DEV_USER_JWT_SECRET,
  demoOrganization,
  IDENTITY_HEADER,
  Role,
  signIdentityToken,
} from '@ecosystem/shared';
import { decodeJwt, exportJWK, SignJWT } from 'jose';
import { postGraphQL, startGraph, type GraphQLResponse, type RunningGraph } from '../helpers/graph';
import { startExtraGateway, type ExtraGateway } from '../helpers/gateways';
import { RequestRecorder } from '../helpers/processes';

/*
 * Issue 7 over real HTTP (four subgraphs on their own databases behind real gateways): identity,
 * claims per subgraph, limits that reach no subgraph, rate limiting, persisted operations,
 * masking, web hygiene and metrics.
 */
let graph: RunningGraph;
const recorders: Record<string, RequestRecorder> = {};
const extras: ExtraGateway[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'gw-sec-'));
const secret = new TextEncoder().encode(DEV_USER_JWT_SECRET);
const HDH = demoOrganization('health-data-hub').id;
const viewer = { sub: 'person-1', org: HDH, roles: [Role.MEMBER, Role.DATA_STEWARD] };

const ORG_EVERYWHERE = /* GraphQL */ `
  query OrgEverywhere($id: ID!) {
    organization(id: $id) { id name datasets { id } trainingOffers { id } organizedEvents { id } }
  }
`;

function subgraphRequests(): number {
  return Object.values(recorders).reduce((sum, r) => sum + r.count, 0);
}
function resetRecorders(): void {
  for (const r of Object.values(recorders)) r.reset();
}
async function extra(env: Record<string, string>, storedSupergraph = false): Promise<ExtraGateway> {
  const gateway = await startExtraGateway(graph, env, 'sec', { storedSupergraph });
  extras.push(gateway);
  return gateway;
}
async function raw(url: string, init: RequestInit): Promise<{ status: number; headers: Headers; body: GraphQLResponse<unknown> & Record<string, unknown> }> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}
const json = { 'content-type': 'application/json' };

beforeAll(async () => {
  graph = await startGraph('gwsec', {
    SUBGRAPH_CLAIMS_DATASETS: 'sub,roles',
    SUBGRAPH_CLAIMS_TRAINING: 'org,roles',
    PROPAGATE_HEADERS: 'accept-language',
    MAX_DEPTH: '5',
    MAX_ALIASES: '5',
    MAX_DIRECTIVES: '5',
    MAX_TOKENS: '400',
    MAX_COST: '3000',
    MAX_BODY_BYTES: '20000',
    MAX_BATCH_OPERATIONS: '3',
    CORS_ORIGINS: 'https://app.example.org',
  });
  for (const [name, subgraph] of Object.entries(graph.subgraphs)) {
    recorders[name] = new RequestRecorder().attach(subgraph.server.httpServer);
  }
}, 180_000);

afterAll(async () => {
  for (const gateway of extras) await gateway.stop();
  await graph?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('identity at the gateway', () => {
  it('serves anonymous callers without a token', async () => {
    const response = await graph.query(ORG_EVERYWHERE, { id: HDH });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
  });

  it('refuses a garbage, a forged and an expired token with 401 before any subgraph call', async () => {
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('intruder')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-another-secret-another-secret'));
    const expired = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('person-1')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret);
    resetRecorders();
    for (const [token, message] of [
      ['not-a-jwt', /invalid signature or format/],
      [forged, /invalid signature or format/],
      [expired, /expired/],
    ] as const) {
      const response = await postGraphQL(graph.gatewayUrl, ORG_EVERYWHERE, { id: HDH }, { authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.message).toMatch(message);
      expect(response.errors?.[0]?.extensions?.requestId).toEqual(expect.any(String));
    }
    expect(subgraphRequests()).toBe(0);
  });

  it('checks issuer and audience when configured', async () => {
    const gateway = await extra({ JWT_ISSUER: 'https://idp.example.org', JWT_AUDIENCE: 'ecosystem' });
    const sign = (iss: string, aud: string): Promise<string> =>
      new SignJWT({ roles: [] }).setProtectedHeader({ alg: 'HS256' }).setSubject('p').setIssuer(iss).setAudience(aud).setExpirationTime('5m').sign(secret);
    const good = await postGraphQL(gateway.url, '{ __typename }', {}, { authorization: `Bearer ${await sign('https://idp.example.org', 'ecosystem')}` });
    expect(good.status).toBe(200);
    const badIssuer = await postGraphQL(gateway.url, '{ __typename }', {}, { authorization: `Bearer ${await sign('https://evil.example', 'ecosystem')}` });
    expect(badIssuer.status).toBe(401);
    expect(badIssuer.errors?.[0]?.message).toMatch(/iss/);
    const badAudience = await postGraphQL(gateway.url, '{ __typename }', {}, { authorization: `Bearer ${await sign('https://idp.example.org', 'other')}` });
    expect(badAudience.status).toBe(401);
    expect(badAudience.errors?.[0]?.message).toMatch(/aud/);
  });

  it('verifies tokens against a JWKS URL and follows key rotation', async () => {
    const makeKey = (kid: string) => {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      return { kid, privateKey, publicKey };
    };
    const first = makeKey('k1');
    const second = makeKey('k2');
    const stranger = makeKey('k3');
    let published = [first];
    let jwksFetches = 0;
    const jwks: Server = createServer((_req, res) => {
      jwksFetches += 1;
      Promise.all(published.map(async (k) => ({ ...(await exportJWK(k.publicKey)), kid: k.kid, alg: 'RS256', use: 'sig' }))).then(
        (keys) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys })),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', () => resolve()));
    try {
      const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;
      const gateway = await extra({ JWT_JWKS_URL: jwksUrl, JWKS_COOLDOWN_MS: '0' });
      const sign = (k: { kid: string; privateKey: KeyObject }, sub: string): Promise<string> =>
        new SignJWT({ roles: ['member'] }).setProtectedHeader({ alg: 'RS256', kid: k.kid }).setSubject(sub).setExpirationTime('5m').sign(k.privateKey);
      const ask = (token: string) => postGraphQL(gateway.url, '{ __typename }', {}, { authorization: `Bearer ${token}` });
      expect((await ask(await sign(first, 'a'))).status).toBe(200);
      expect((await ask(await sign(first, 'b'))).status).toBe(200);
      expect(jwksFetches).toBe(1); // keys are cached
      // Rotation: the provider now signs with k2; the unknown kid triggers one refetch.
      published = [second];
      expect((await ask(await sign(second, 'c'))).status).toBe(200);
      expect(jwksFetches).toBe(2);
      const refused = await ask(await sign(stranger, 'd'));
      expect(refused.status).toBe(401);
      expect(refused.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // HS256 tokens are not accepted in JWKS mode.
      expect((await ask(await graph.tokenFor(viewer))).status).toBe(401);
    } finally {
      jwks.closeAllConnections();
      await new Promise<void>((resolve) => jwks.close(() => resolve()));
    }
  });
});

describe('identity at the subgraphs', () => {
  const PRIVATE = '{ myRegistrations { id } }';
  const direct = (headers: Record<string, string>) => postGraphQL(graph.subgraphs.events!.url, PRIVATE, {}, headers);

  it('a caller without identity gets nothing private', async () => {
    const response = await direct({});
    // Root fields are nullable: the refused field is null, nothing private is in the answer.
    expect((response.data as { myRegistrations?: unknown } | null | undefined)?.myRegistrations ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses forged, expired and wrong-audience identity tokens with 401', async () => {
    const forged = await signIdentityToken(viewer, { secret: 'made-up-secret-made-up-secret-made-up-secret', audience: 'events' });
    const wrongAudience = await signIdentityToken(viewer, { secret: DEV_INTERNAL_JWT_SECRET, audience: 'members' });
    const expired = await new SignJWT({ roles: viewer.roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(viewer.sub)
      .setIssuer('ecosystem-gateway')
      .setAudience('events')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
      .sign(new TextEncoder().encode(DEV_INTERNAL_JWT_SECRET));
    for (const [token, message] of [
      [forged, /invalid signature/],
      [wrongAudience, /aud/],
      [expired, /expired/],
    ] as const) {
      const response = await direct({ [IDENTITY_HEADER]: token });
      expect(response.status).toBe(401);
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.message).toMatch(message);
    }
    const genuine = await signIdentityToken(viewer, { secret: DEV_INTERNAL_JWT_SECRET, audience: 'events' });
    const ok = await direct({ [IDENTITY_HEADER]: genuine });
    expect(ok.status).toBe(200);
    expect(ok.errors).toBeUndefined();
  });

  it('sends each subgraph only its granted claims, one token per subgraph, with the request id and propagated headers', async () => {
    resetRecorders();
    const response = await graph.query(ORG_EVERYWHERE, { id: HDH }, {
      viewer,
      headers: { 'x-request-id': 'claims-test-1', 'accept-language': 'fr-FR' },
    });
    expect(response.errors).toBeUndefined();
    const tokens = (name: string) => recorders[name]!.seen.map((s) => s.headers[IDENTITY_HEADER] as string | undefined);
    // members: every claim (not configured).
    const members = tokens('members').filter(Boolean).map((t) => decodeJwt(t!));
    expect(members.length).toBeGreaterThan(0);
    expect(members[0]).toMatchObject({ sub: viewer.sub, org: HDH, roles: viewer.roles, aud: 'members' });
    // datasets: sub and roles only: the organisation never reaches it.
    const datasets = tokens('datasets').map((t) => decodeJwt(t!));
    expect(datasets.length).toBeGreaterThan(0);
    for (const claims of datasets) {
      expect(claims).toMatchObject({ sub: viewer.sub, roles: viewer.roles, aud: 'datasets' });
      expect(claims).not.toHaveProperty('org');
    }
    // training: no `sub` granted -> no identity at all.
    expect(recorders.training!.count).toBeGreaterThan(0);
    expect(tokens('training').every((t) => t === undefined)).toBe(true);
    for (const recorder of Object.values(recorders)) {
      for (const seen of recorder.seen) {
        expect(seen.headers['x-request-id']).toBe('claims-test-1');
        // The caller's language, reduced to the one the graph answers in.
        expect(seen.headers['accept-language']).toBe('fr');
        expect(seen.headers.authorization).toBeUndefined(); // the caller's token stays at the gateway
      }
    }
  });

  it('forwards Accept-Language as the language the graph answers in, and drops a malformed or overlong one', async () => {
    const languagesSeen = async (acceptLanguage: string): Promise<(string | undefined)[]> => {
      resetRecorders();
      const response = await graph.query(ORG_EVERYWHERE, { id: HDH }, { viewer, headers: { 'accept-language': acceptLanguage } });
      expect(response.errors).toBeUndefined();
      const seen = Object.values(recorders).flatMap((recorder) => recorder.seen.map((s) => s.headers['accept-language'] as string | undefined));
      expect(seen.length).toBeGreaterThan(0);
      return [...new Set(seen)];
    };
    expect(await languagesSeen('en-GB,en;q=0.9,fr;q=0.8')).toEqual(['en']);
    expect(await languagesSeen('de-DE, fr;q=0.5')).toEqual(['fr']);
    for (const bad of [`en-GB,${'x'.repeat(300)}`, 'en<script>', 'en;q=2;;']) {
      const seen = await languagesSeen(bad);
      expect(seen.some((value) => value === bad || value === 'en')).toBe(false);
    }
  });
});

describe('standard exports on the gateway host', () => {
  it('forward the caller as GraphQL fetches do: an identity token for that subgraph, with its claims, never the caller\u2019s token', async () => {
    resetRecorders();
    const response = await fetch(`${graph.gatewayUrl.replace(/\/graphql$/, '')}/catalogue.jsonld`, {
      headers: { authorization: `Bearer ${await graph.tokenFor(viewer)}`, 'x-request-id': 'export-identity-1' },
    });
    expect(response.status).toBe(200);
    // The catalogue's agents are named from the members subgraph, over GraphQL, for the same caller.
    const seen = recorders.members!.seen.filter((s) => s.headers['x-request-id'] === 'export-identity-1');
    expect(seen.length).toBeGreaterThan(0);
    for (const request of seen) {
      expect(request.headers.authorization).toBeUndefined();
      expect(decodeJwt(request.headers[IDENTITY_HEADER] as string)).toMatchObject({ sub: viewer.sub, org: HDH, roles: viewer.roles, aud: 'members' });
    }
  });
});

describe('limits refuse with a specific code, before any subgraph call', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['depth', '{ organizations(first: 1) { edges { node { datasets { presentedAt { id } } } } } }', {}, 'QUERY_TOO_DEEP'],
    [
      'aliases',
      `{ ${[1, 2, 3, 4, 5, 6].map((i) => `a${i}: organization(id: "${HDH}") { id }`).join(' ')} }`,
      {},
      'TOO_MANY_ALIASES',
    ],
    [
      'directives',
      `{ organization(id: "${HDH}") { ${['id', 'name', 'id', 'name', 'id', 'name'].map((f) => `${f} @include(if: true)`).join(' ')} } }`,
      {},
      'TOO_MANY_DIRECTIVES',
    ],
    ['tokens', `{ organizations(first: 1) { ${'totalCount '.repeat(400)} } }`, {}, 'TOO_MANY_TOKENS'],
    ['cost (list sized by a variable)', 'query Big($n: Int!) { organizations(first: $n) { edges { node { id } } } }', { n: 5000 }, 'QUERY_TOO_COMPLEX'],
  ];

  it.each(cases)('%s', async (_name, query, variables, code) => {
    resetRecorders();
    graph.resetStatements();
    const response = await graph.query(query, variables);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    expect(response.errors?.[0]?.extensions?.requestId).toEqual(expect.any(String));
    expect(subgraphRequests()).toBe(0);
    expect(graph.statements()).toBe(0);
  });

  it('a cheap list under the cost limit passes', async () => {
    const response = await graph.query('query Small($n: Int!) { organizations(first: $n) { edges { node { id } } } }', { n: 50 });
    expect(response.errors).toBeUndefined();
  });

  it('body size: 413 PAYLOAD_TOO_LARGE', async () => {
    resetRecorders();
    const response = await raw(graph.gatewayUrl, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ query: '{ __typename }', variables: { padding: 'x'.repeat(30_000) } }),
    });
    expect(response.status).toBe(413);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(subgraphRequests()).toBe(0);
  });

  it('batches: up to MAX_BATCH_OPERATIONS run, more are refused; batching is off by default', async () => {
    const op = { query: `{ organization(id: "${HDH}") { id } }` };
    const ok = await raw(graph.gatewayUrl, { method: 'POST', headers: json, body: JSON.stringify([op, op]) });
    expect(ok.status).toBe(200);
    expect(Array.isArray(ok.body)).toBe(true);
    resetRecorders();
    const tooMany = await raw(graph.gatewayUrl, { method: 'POST', headers: json, body: JSON.stringify([op, op, op, op]) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BATCH_TOO_LARGE');
    expect(subgraphRequests()).toBe(0);
    const defaults = await extra({});
    resetRecorders(); // (its start-up fetched the subgraphs' SDL)
    const off = await raw(defaults.url, { method: 'POST', headers: json, body: JSON.stringify([op, op]) });
    expect(off.status).toBe(400);
    expect(off.body.errors?.[0]?.extensions?.code).toBe('BATCHING_DISABLED');
    expect(subgraphRequests()).toBe(0);
  });

  it('introspection: on in development, off when INTROSPECTION=false', async () => {
    const query = '{ __schema { queryType { name } } }';
    expect((await graph.query(query)).errors).toBeUndefined();
    const closed = await extra({ INTROSPECTION: 'false' });
    const refused = await postGraphQL(closed.url, query);
    expect(refused.errors?.[0]?.extensions?.code).toBe('INTROSPECTION_DISABLED');
    expect(refused.errors?.[0]?.message).toBe('Introspection is disabled on this endpoint');
    // __typename is not introspection: clients and health probes keep it.
    expect((await postGraphQL(closed.url, '{ __typename }')).errors).toBeUndefined();
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once a client spent its budget; subject, API key and IP have separate budgets', async () => {
    const gateway = await extra({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const ask = (headers: Record<string, string> = {}) =>
      raw(gateway.url, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });
    for (let i = 0; i < 3; i++) expect((await ask()).status).toBe(200);
    resetRecorders();
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(subgraphRequests()).toBe(0);
    // A signed-in caller from the same IP has a budget of its own (its subject), as has a partner key.
    const token = await graph.tokenFor(viewer);
    for (let i = 0; i < 3; i++) expect((await ask({ authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await ask({ authorization: `Bearer ${token}` })).status).toBe(429);
    const admin = { id: 'admin-1', admin: true, subgraphs: [], org: null };
    const { key } = await gateway.server.registry.services!.credentials.grant(admin, { label: 'Campus Nord', subgraphs: ['campus-north'] });
    for (let i = 0; i < 3; i++) expect((await ask({ 'x-api-key': key })).status).toBe(200);
    expect((await ask({ 'x-api-key': key })).status).toBe(429);
  });

  it('an API key that is not a granted credential buys no budget: it spends the address\'s', async () => {
    const gateway = await extra({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_SECONDS: '60' });
    const ask = (headers: Record<string, string> = {}) =>
      raw(gateway.url, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });
    // Three invented keys (one shaped like a partner key): one budget, the address's.
    const invented = ['rt-k1', 'rt-k2', 'egk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'];
    const remaining: string[] = [];
    for (const key of invented) {
      const answer = await ask({ 'x-api-key': key });
      expect(answer.status).toBe(200);
      remaining.push(answer.headers.get('ratelimit-remaining')!);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    expect((await ask({ 'x-api-key': 'rt-k4' })).status).toBe(429);
    expect((await ask()).status).toBe(429);
  });

  it('shares a budget between replicas through Redis', async () => {
    const env = { RATE_LIMIT_MAX: '4', REDIS_URL: 'redis://127.0.0.1:6379' };
    const a = await extra(env);
    const b = await extra(env);
    // A subject of its own per run: the budget outlives the test in Redis.
    const token = await graph.tokenFor({ ...viewer, sub: `replica-${Date.now()}-${Math.random()}` });
    const ask = (url: string) =>
      raw(url, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect((await ask(a.url)).status).toBe(200);
    expect((await ask(b.url)).status).toBe(200);
    expect((await ask(a.url)).status).toBe(200);
    expect((await ask(b.url)).status).toBe(200);
    expect((await ask(a.url)).status).toBe(429);
    expect((await ask(b.url)).status).toBe(429);
  });
});

describe('persisted operations', () => {
  it('automatic persisted queries: hash miss, then register, then hash only', async () => {
    const query = `{ organization(id: "${HDH}") { id name } }`;
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const send = (body: Record<string, unknown>) => raw(graph.gatewayUrl, { method: 'POST', headers: json, body: JSON.stringify(body) });
    const miss = await send({ extensions });
    expect(miss.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await send({ query, extensions });
    expect(registered.body.errors).toBeUndefined();
    const hit = await send({ extensions });
    expect(hit.body.errors).toBeUndefined();
    expect(hit.body.data).toEqual(registered.body.data);
  });

  it('trusted-documents mode runs manifest operations (by id or exact text) and refuses anything else', async () => {
    const document = `query OrgName($id: ID!) { organization(id: $id) { id name } }`;
    const manifest = join(tmp, 'manifest.json');
    writeFileSync(
      manifest,
      JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'org-name-v1', name: 'OrgName', type: 'query', body: document }] }),
    );
    const gateway = await extra({ TRUSTED_DOCUMENTS_FILE: manifest });
    const send = (body: Record<string, unknown>) => raw(gateway.url, { method: 'POST', headers: json, body: JSON.stringify(body) });
    const byId = await send({ documentId: 'org-name-v1', variables: { id: HDH } });
    expect(byId.status).toBe(200);
    expect(byId.body.data).toEqual({ organization: { id: HDH, name: expect.any(String) } });
    const byApqHash = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'org-name-v1' } }, variables: { id: HDH } });
    expect(byApqHash.body.data).toEqual(byId.body.data);
    const byText = await send({ query: document, variables: { id: HDH } });
    expect(byText.body.data).toEqual(byId.body.data);
    resetRecorders();
    const unknown = await send({ query: `{ organizations(first: 200) { edges { node { id name } } } }` });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
    const unknownId = await send({ documentId: 'nope' });
    expect(unknownId.status).toBe(400);
    expect(unknownId.body.errors?.[0]?.extensions?.code).toBe('TRUSTED_DOCUMENT_NOT_FOUND');
    expect(subgraphRequests()).toBe(0);
  });
});

describe('error masking', () => {
  it('hides subgraph names, URLs and internals but keeps codes, paths and the request id', async () => {
    const gateway = await extra({
      MASK_ERRORS: 'true',
      BLOCK_FIELD_SUGGESTIONS: 'true',
      SUBGRAPH_DATASETS_URL: 'http://127.0.0.1:9/graphql', // nothing listens there
    }, true);
    const response = await raw(gateway.url, {
      method: 'POST',
      headers: { ...json, 'x-request-id': 'mask-test-1' },
      body: JSON.stringify({ query: `{ organization(id: "${HDH}") { id name datasets { id } } }` }),
    });
    const text = JSON.stringify(response.body);
    expect(response.body.errors?.length).toBeGreaterThan(0);
    for (const error of response.body.errors ?? []) {
      expect(error.extensions?.requestId).toBe('mask-test-1');
      expect(error.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(error.extensions).not.toHaveProperty('serviceName');
      expect(error.extensions).not.toHaveProperty('stacktrace');
      expect(error.path?.[0]).toBe('organization');
    }
    // (`datasets` may appear in a path: it is also a field name; never as a service name or in a message.)
    expect(text).not.toMatch(/serviceName|127\.0\.0\.1|:9\/|ECONNREFUSED|stack/i);
    for (const error of response.body.errors ?? []) expect(error.message).not.toMatch(/datasets|fetch|subquery/i);
    const typo = await postGraphQL(gateway.url, '{ organisation(id: "x") { id } }');
    expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    // Enum values, as a literal and in a variable, are no hint either.
    const literal = await postGraphQL(gateway.url, '{ organizations(filter: { kinds: [STARTUPP] }) { totalCount } }');
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const variable = await postGraphQL(gateway.url, 'query ($f: OrganizationFilter) { organizations(filter: $f) { totalCount } }', { f: { kinds: ['STARTUPP'] } });
    expect(variable.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'f.kinds.0' });
    expect(JSON.stringify([literal, variable])).not.toMatch(/Did you mean|\\"STARTUP\\"/);
  });

  it('gives Apollo Server\u2019s own body refusals (400 BAD_REQUEST) the request id, masked or not, on /graphql and /public/graphql', async () => {
    const masked = await extra({ MASK_ERRORS: 'true' }, true);
    const bodies = [
      { query: '{ __typename }', variables: '{}' },
      { query: '{ __typename }', variables: [1] },
      { query: '{ __typename }', operationName: 7 },
      { query: '{ __typename }', extensions: 'x' },
      { query: 12 },
    ];
    let n = 0;
    for (const url of [graph.gatewayUrl, graph.gatewayUrl.replace(/\/graphql$/, '/public/graphql'), masked.url]) {
      for (const body of bodies) {
        const requestId = `body-check-${++n}`;
        const response = await raw(url, { method: 'POST', headers: { ...json, 'x-request-id': requestId }, body: JSON.stringify(body) });
        expect(response.status).toBe(400);
        expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', requestId });
      }
    }
    // CSRF prevention's refusal too (a GET without a preflight-forcing header); the id is made when none is sent.
    const simple = await raw(`${graph.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET' });
    expect(simple.status).toBe(400);
    expect(simple.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', requestId: simple.headers.get('x-request-id') });
  });

  it('answers an APQ whose hash does not match its query with 400 PERSISTED_QUERY_HASH_MISMATCH, masked or not', async () => {
    const masked = await extra({ MASK_ERRORS: 'true' }, true);
    for (const url of [graph.gatewayUrl, masked.url]) {
      const response = await raw(url, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
      });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
    }
  });

  it('refuses a malformed extensions.persistedQuery 400 BAD_REQUEST with its field before any lookup, by POST and GET, on every GraphQL endpoint and the SSE one', async () => {
    const base = graph.gatewayUrl.replace(/\/graphql$/, '');
    const hex = 'a'.repeat(64);
    const cases: [unknown, string][] = [
      ['x', 'extensions.persistedQuery'],
      [7, 'extensions.persistedQuery'],
      [[], 'extensions.persistedQuery'],
      [{ version: 2, sha256Hash: hex }, 'extensions.persistedQuery.version'],
      [{ version: '1', sha256Hash: hex }, 'extensions.persistedQuery.version'],
      [{ sha256Hash: hex }, 'extensions.persistedQuery.version'],
      [{ version: 1 }, 'extensions.persistedQuery.sha256Hash'],
      [{ version: 1, sha256Hash: 123 }, 'extensions.persistedQuery.sha256Hash'],
      [{ version: 1, sha256Hash: { $gt: '' } }, 'extensions.persistedQuery.sha256Hash'],
      [{ version: 1, sha256Hash: 'a'.repeat(65) }, 'extensions.persistedQuery.sha256Hash'],
      [{ version: 1, sha256Hash: 'g'.repeat(64) }, 'extensions.persistedQuery.sha256Hash'],
      [{ version: 1, sha256Hash: 'A'.repeat(64) }, 'extensions.persistedQuery.sha256Hash'],
      [{ version: 1, sha256Hash: 'a'.repeat(5_000) }, 'extensions.persistedQuery.sha256Hash'],
    ];
    const expectRefused = (response: Awaited<ReturnType<typeof raw>>, field: string, requestId: string): void => {
      expect(response.status).toBe(400);
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: 'BAD_REQUEST', field, requestId });
    };
    let n = 0;
    for (const [persistedQuery, field] of cases) {
      // The SSE endpoint shares the handlers of /graphql (its hash-only requests are another matter).
      for (const path of ['/graphql', '/public/graphql', '/export.csv', '/graphql/stream']) {
        // Hash only (a lookup would answer PERSISTED_QUERY_NOT_FOUND) and with a query (HASH_MISMATCH).
        for (const body of [{ extensions: { persistedQuery } }, { query: '{ __typename }', extensions: { persistedQuery } }]) {
          const requestId = `apq-shape-${++n}`;
          const headers = { ...json, 'x-request-id': requestId, ...(path === '/graphql/stream' ? { accept: 'text/event-stream' } : {}) };
          const post = await raw(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
          expectRefused(post, field, requestId);
        }
        const requestId = `apq-shape-${++n}`;
        const get = await raw(`${base}${path}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery }))}`, {
          method: 'GET',
          headers: { 'apollo-require-preflight': 'true', 'x-request-id': requestId },
        });
        expectRefused(get, field, requestId);
      }
    }
    // A well-formed hash is still looked up: unknown, then registered with its query.
    const query = '{ __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const batch = await raw(graph.gatewayUrl, {
      method: 'POST',
      headers: json,
      body: JSON.stringify([{ query }, { query, extensions: { persistedQuery: { version: 1, sha256Hash: 7 } } }]),
    });
    expectRefused(batch, 'extensions.persistedQuery.sha256Hash', batch.headers.get('x-request-id')!);
    const wellFormed = await raw(`${base}/public/graphql`, { method: 'POST', headers: json, body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }) });
    expect(wellFormed.status).toBe(200);
    expect(wellFormed.body.data).toEqual({ __typename: 'Query' });
  });
});

describe('web hygiene and metrics', () => {
  it('CORS answers allowed origins only; CSRF prevention refuses simple requests', async () => {
    // node:http, not fetch: fetch may drop the `origin` header it considers its own.
    const preflight = (origin: string) =>
      new Promise<IncomingHttpHeaders>((resolve, reject) => {
        const req = httpRequest(graph.gatewayUrl, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.headers);
        });
        req.on('error', reject);
        req.end();
      });
    expect((await preflight('https://app.example.org'))['access-control-allow-origin']).toBe('https://app.example.org');
    expect((await preflight('https://evil.example'))['access-control-allow-origin']).toBeUndefined();
    const simple = await fetch(`${graph.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`);
    expect(simple.status).toBe(400);
    const preflighted = await fetch(`${graph.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(preflighted.status).toBe(200);
  });

  it('/metrics exposes requests by operation and outcome, latencies, subgraph fetches, plan-cache hits and circuits', async () => {
    await graph.query(ORG_EVERYWHERE, { id: HDH });
    await graph.query(ORG_EVERYWHERE, { id: HDH });
    const text = await (await fetch(graph.gatewayUrl.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(/graphql_requests_total\{operation="OrgEverywhere",outcome="success"\} \d+/);
    expect(text).toMatch(/graphql_request_duration_seconds_bucket\{le="0.1",operation="OrgEverywhere"\}/);
    expect(text).toMatch(/subgraph_fetch_duration_seconds_count\{subgraph="datasets"\} \d+/);
    expect(text).toMatch(/query_plan_cache_total\{result="hit"\} [1-9]/);
    expect(text).toMatch(/subgraph_circuit_state\{subgraph="members"\} 0/);
    expect(text).toMatch(/gateway_refusals_total\{code="QUERY_TOO_DEEP"\} [1-9]/);
  });

  it('/ready and /health', async () => {
    const base = graph.gatewayUrl.replace('/graphql', '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { circuits: Record<string, string> }).circuits).toMatchObject({ members: 'closed' });
  });
});

describe('HTTP negotiation and hostile transport', () => {
  const origin = (): string => graph.gatewayUrl.replace(/\/graphql$/, '');
  async function feeds(token: string): Promise<number> {
    const response = await raw(graph.gatewayUrl, { method: 'POST', headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ myCalendarFeeds { id } }' }) });
    return (response.body.data as { myCalendarFeeds: unknown[] }).myCalendarFeeds.length;
  }

  it('refuses 406 NOT_ACCEPTABLE before a mutation runs when Accept takes no answer format: nothing is written', async () => {
    const token = await graph.tokenFor(viewer as never);
    const before = await feeds(token);
    for (const accept of ['application/xml', 'multipart/mixed;q=0', 'multipart/mixed']) {
      const response = await raw(graph.gatewayUrl, {
        method: 'POST',
        headers: { ...json, accept, authorization: `Bearer ${token}`, 'x-request-id': 'accept-406' },
        body: JSON.stringify({ query: 'mutation { createCalendarFeed { feed { id } } }' }),
      });
      expect({ accept, status: response.status }).toEqual({ accept, status: 406 });
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_ACCEPTABLE', field: 'accept', requestId: 'accept-406' });
    }
    expect(await feeds(token)).toBe(before);
  });

  it('reads Accept for @defer as media types: q=0 refuses multipart, case does not matter', async () => {
    const query = '{ ... @defer { __typename } }';
    const post = (accept: string): Promise<Response> => fetch(graph.gatewayUrl, { method: 'POST', headers: { ...json, accept }, body: JSON.stringify({ query }) });
    const refused = await post('multipart/mixed;q=0, application/json');
    expect(refused.status).toBe(200);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    const upper = await post('MULTIPART/MIXED; deferSpec=20220824');
    expect(upper.status).toBe(200);
    expect(upper.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    await upper.text();
  });

  it('refuses deeply nested variables and documents with a coded 400, never a 500', async () => {
    // Default token limit (a 2,000-deep literal list fits in it), bodies large enough for 100,000 levels.
    const gateway = await extra({ MAX_BODY_BYTES: '1000000' });
    const filter = 'query($f:EventFilter){ events(first:1, filter:$f){ totalCount } }';
    const ids = 'query($ids:[ID!]){ events(first:1){ totalCount } }';
    // Written as text: JSON.stringify itself recurses once per level.
    const cases = [
      { body: `{"query":${JSON.stringify(filter)},"variables":{"f":{"x":${'{"b":'.repeat(5000)}1${'}'.repeat(5000)}}}}`, code: 'BAD_USER_INPUT', field: 'f' },
      { body: `{"query":${JSON.stringify(ids)},"variables":{"ids":${'['.repeat(5000)}"a"${']'.repeat(5000)}}}`, code: 'BAD_USER_INPUT', field: 'ids' },
      { body: `{"query":${JSON.stringify(ids)},"variables":{"ids":${'['.repeat(100_000)}"a"${']'.repeat(100_000)}}}`, code: 'BAD_USER_INPUT', field: 'ids' },
      { body: JSON.stringify({ query: `{ events(first:1, filter: { ids: ${'['.repeat(2000)}"a"${']'.repeat(2000)} }){ totalCount } }` }), code: 'QUERY_TOO_DEEP', field: 'query' },
    ];
    // Extensions too: the CSV export passes them on to /graphql with JSON.stringify (a 500 before).
    cases.push({ body: `{"query":${JSON.stringify(filter)},"extensions":{"x":${'{"b":'.repeat(5000)}1${'}'.repeat(5000)}}}`, code: 'BAD_REQUEST', field: 'extensions.x' });
    // The CSV export takes the same GraphQL bodies.
    for (const url of [gateway.url, gateway.url.replace(/\/graphql$/, '/export.csv')]) {
      for (const { body, code, field } of cases) {
        const response = await raw(url, { method: 'POST', headers: { ...json, 'x-request-id': 'deep-1' }, body });
        expect({ url, field, status: response.status }).toEqual({ url, field, status: 400 });
        expect(response.body.errors?.[0]?.extensions).toMatchObject({ code, field, requestId: 'deep-1' });
        expect(response.body.errors?.[0]?.message).not.toMatch(/call stack/);
      }
    }
    // A GET carries its variables in the query string (bounded by the URL's length, so less deep).
    const get = await raw(`${gateway.url}?query=${encodeURIComponent(ids)}&variables=${encodeURIComponent(`{"ids":${'['.repeat(1500)}"a"${']'.repeat(1500)}}`)}`, { headers: { 'apollo-require-preflight': 'true', 'x-request-id': 'deep-2' } });
    expect(get.status).toBe(400);
    expect(get.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids', requestId: 'deep-2' });
  });

  it('answers a bad Content-Encoding with a coded JSON error and the request id on every JSON endpoint', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    for (const path of ['/graphql', '/public/graphql', '/graphql/stream', '/export.csv']) {
      for (const [encoding, status, code] of [['foo', 415, 'UNSUPPORTED_MEDIA_TYPE'], ['gzip', 400, 'BAD_REQUEST'], ['deflate', 400, 'BAD_REQUEST'], ['br', 400, 'BAD_REQUEST']] as const) {
        const response = await fetch(origin() + path, { method: 'POST', headers: { ...json, accept: 'application/json, text/event-stream', 'content-encoding': encoding, 'x-request-id': 'enc-1' }, body });
        expect({ path, encoding, status: response.status, type: response.headers.get('content-type') }).toEqual({ path, encoding, status, type: expect.stringMatching(/^application\/json/) });
        const parsed = (await response.json()) as GraphQLResponse<unknown>;
        expect(parsed.errors?.[0]?.extensions).toMatchObject({ code, requestId: 'enc-1' });
      }
    }
  });
});
