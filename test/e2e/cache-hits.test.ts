import { demoOrganization, Role } from '@ecosystem/shared';
import { startGraph, type RunningGraph } from '../helpers/graph';
import { startExtraGateway, type ExtraGateway } from '../helpers/gateways';
import { RequestRecorder } from '../helpers/processes';

/*
 * Response-cache hits over real HTTP, four subgraphs on their own databases: served by the cache's
 * step of the one request pipeline (gateway/src/cache), whatever executes a miss. A gateway with
 * the single-fetch executor (the default) and one without (FAST_PATH_ENABLED=false), both with the
 * response cache, answer misses and hits byte for byte the same, with the same headers.
 */
let graph: RunningGraph;
let full: ExtraGateway;
let membersRequests: RequestRecorder;
const CACHE = { RESPONSE_CACHE_TTL_SECONDS: '60', RESPONSE_CACHE_STALE_SECONDS: '0', MAX_COST: '20000', MASK_ERRORS: 'true' };
const HDH = demoOrganization('health-data-hub').id;
const steward = { sub: 'person-cache-hits', org: HDH, roles: [Role.MEMBER, Role.DATA_STEWARD] };

// W2's shape: four subgraphs, entities both ways.
const OVERVIEW = /* GraphQL */ `
  query Overview($first: Int, $filter: OrganizationFilter) {
    organizations(first: $first, filter: $filter) {
      totalCount
      edges { node { id name datasets { id title { fr } presentedAt { id title start } } trainingOffers { id } organizedEvents { id title start } } }
    }
  }`;

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** The response, with the headers that differ between any two requests or gateways normalised. */
async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, ...extra }),
  });
  const kept: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name === 'x-request-id' || name === 'date' || name === 'keep-alive' || name.startsWith('ratelimit-')) return;
    // Both gateways stored their entry within the last few seconds.
    kept[name] = name === 'cache-control' ? value.replace(/max-age=(5\d|60)$/, 'max-age=60') : value;
  });
  // Every error names its own request.
  const body = (await response.text()).replace(/"requestId":"[0-9a-f-]{36}"/g, '"requestId":"…"');
  return { status: response.status, body, headers: kept };
}

async function metric(url: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  const escaped = labels.replace(/[{}]/g, (c) => `\\${c}`);
  return Number(new RegExp(`^${name}${escaped} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

const cacheHits = (url: string): Promise<number> => metric(url, 'gateway_cache_lookups_total', '{cache="response",result="hit"}');

/** The same request to both gateways twice (a miss that stores, then a hit): equal answers. */
async function same(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const missFull = await post(full.url, query, variables, headers);
  const missLane = await post(graph.gatewayUrl, query, variables, headers);
  expect(missLane).toEqual(missFull);
  const hitFull = await post(full.url, query, variables, headers);
  const hitLane = await post(graph.gatewayUrl, query, variables, headers);
  expect(hitLane).toEqual(hitFull);
  expect(hitLane.body).toBe(missLane.body);
  return hitLane;
}

beforeAll(async () => {
  graph = await startGraph('hits', CACHE);
  full = await startExtraGateway(graph, { ...CACHE, FAST_PATH_ENABLED: 'false' }, 'hits-off');
  membersRequests = new RequestRecorder().attach(graph.subgraphs.members!.server.httpServer);
}, 180_000);

afterAll(async () => {
  await full?.stop();
  await graph?.stop();
});

describe('response-cache hits', () => {
  it('answers a hit byte for byte as the miss that stored it, with its headers, and asks no subgraph', async () => {
    const before = await cacheHits(graph.gatewayUrl);
    const beforeFull = await cacheHits(full.url);
    const variableSets = [{ first: 20 }, { first: 5, filter: { kinds: ['STARTUP'] } }, { first: 3, filter: { text: 'sant' } }];
    for (const variables of variableSets) {
      const answer = await same(OVERVIEW, variables);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/^\{"data":\{"organizations":\{"totalCount":\d+/);
      expect(answer.headers['cache-control']).toBe('public, max-age=60');
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    // Accept negotiation as Apollo Server does it (Apollo Client's default prefers the GraphQL-over-HTTP type).
    const preferred = await same(OVERVIEW, { first: 2 }, { accept: 'application/graphql-response+json,application/json;q=0.9' });
    expect(preferred.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    // An Accept the gateway cannot answer is refused before anything runs: no lookup, no subgraph.
    const refused = await same(OVERVIEW, { first: 2 }, { accept: 'text/html' });
    expect([refused.status, JSON.parse(refused.body).errors[0].extensions.code]).toEqual([406, 'NOT_ACCEPTABLE']);
    // A hit per variable set and for the preferred type, on both gateways.
    expect((await cacheHits(graph.gatewayUrl)) - before).toBe(variableSets.length + 1);
    expect((await cacheHits(full.url)) - beforeFull).toBe(variableSets.length + 1);
    // A hit asks no subgraph.
    membersRequests.reset();
    await post(graph.gatewayUrl, OVERVIEW, { first: 20 });
    expect(membersRequests.count).toBe(0);
  });

  it('counts, times, logs and records a hit as the full pipeline does', async () => {
    const query = /* GraphQL */ `query HitRecorded { organizations(first: 2) { totalCount } }`;
    const recorder = graph.gateway.registry.operations!;
    await post(graph.gatewayUrl, query); // a miss through Apollo Server: stored, recorded
    await recorder.flush();
    expect(recorder.stats().buffered).toBe(0);
    const hitsBefore = await cacheHits(graph.gatewayUrl);
    await post(graph.gatewayUrl, query);
    expect(await cacheHits(graph.gatewayUrl)).toBe(hitsBefore + 1);
    expect(recorder.stats().buffered).toBe(1);
    expect(await metric(graph.gatewayUrl, 'graphql_requests_total', '{operation="HitRecorded",outcome="success"}')).toBe(2);
    expect(await metric(graph.gatewayUrl, 'graphql_request_duration_seconds_count', '{operation="HitRecorded"}')).toBe(2);
  });

  it('serves no viewer from the cache; APQ and GET read it; another operation name and invalid variables are refused', async () => {
    const query = /* GraphQL */ `query Names($first: Int) { organizations(first: $first) { edges { node { id name } } } }`;
    await same(query, { first: 4 });
    // A viewer never reads the cache: private, and computed for them.
    const authorization = `Bearer ${await graph.tokenFor(steward)}`;
    membersRequests.reset();
    const asViewer = await post(graph.gatewayUrl, query, { first: 4 }, { authorization });
    expect(asViewer.headers['cache-control']).toBe('private, no-store');
    expect(membersRequests.count).toBe(1);
    // APQ (an extension), and GET: served from the cache as a POST is.
    const hitsBefore = await cacheHits(graph.gatewayUrl);
    const hash = (await import('node:crypto')).createHash('sha256').update(query).digest('hex');
    const apq = await post(graph.gatewayUrl, query, { first: 4 }, {}, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(apq.status).toBe(200);
    const params = new URLSearchParams({ query, variables: JSON.stringify({ first: 4 }) });
    const get = await fetch(`${graph.gatewayUrl}?${params}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect((await cacheHits(graph.gatewayUrl)) - hitsBefore).toBe(2);
    // The same text under an operation name it does not define: a 400, never a cached answer.
    const unknown = await post(graph.gatewayUrl, query, { first: 4 }, {}, { operationName: 'Other' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('"code":"OPERATION_RESOLUTION_FAILURE"');
    expect(unknown.body).not.toContain('"data"');
    // Variables that do not validate are not in the cache: Apollo Server's BAD_USER_INPUT.
    const invalid = await post(graph.gatewayUrl, query, { first: 'four' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('BAD_USER_INPUT');
  });

  it('serves an expired entry stale while one background request refreshes it', async () => {
    const stale = await startExtraGateway(graph, { ...CACHE, RESPONSE_CACHE_TTL_SECONDS: '3', RESPONSE_CACHE_STALE_SECONDS: '60' }, 'hits-stale');
    try {
      const query = /* GraphQL */ `query Stale { organizations(first: 3) { totalCount edges { node { id } } } }`;
      const stored = await post(stale.url, query);
      await new Promise((resolve) => setTimeout(resolve, 3_100));
      membersRequests.reset();
      const served = await post(stale.url, query);
      expect(served.body).toBe(stored.body);
      expect(served.headers['cache-control']).toBe('public, max-age=0');
      expect(await metric(stale.url, 'gateway_cache_lookups_total', '{cache="response",result="stale"}')).toBe(1);
      expect(await cacheHits(stale.url)).toBe(0);
      // The refresh runs in the background, through the pipeline, and stores a fresh entry.
      for (const deadline = Date.now() + 5_000; membersRequests.count < 1 && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(membersRequests.count).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await post(stale.url, query)).headers['cache-control']).toMatch(/^public, max-age=[0-3]$/);
      expect(await cacheHits(stale.url)).toBe(1);
      expect(membersRequests.count).toBe(1);
    } finally {
      await stale.stop();
    }
  });
});
