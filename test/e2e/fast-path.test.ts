import { demoOrganization, Role } from '@ecosystem/shared';
import { startGraph, type RunningGraph } from '../helpers/graph';
import { startExtraGateway, type ExtraGateway } from '../helpers/gateways';
import { RequestRecorder } from '../helpers/processes';

/*
 * The single-fetch executor (gateway/src/fast-path) over real HTTP, four subgraphs on their own
 * databases: a gateway with it (the default) and one without (FAST_PATH_ENABLED=false) answer
 * every request byte for byte the same, and the executor serves only what it can serve exactly.
 */
let graph: RunningGraph;
let full: ExtraGateway;
let membersRequests: RequestRecorder;
const HDH = demoOrganization('health-data-hub').id;
const steward = { sub: 'person-fast-path', org: HDH, roles: [Role.MEMBER, Role.DATA_STEWARD] };
// Production-like errors (masked, no stack traces), the same on both gateways.
const LIMITS = { MAX_COST: '1500', MASK_ERRORS: 'true' };

const DIRECTORY = /* GraphQL */ `
  query Directory($first: Int, $after: String, $filter: OrganizationFilter) {
    organizations(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id name acronym kind sectors website } }
    }
  }`;

interface Answer {
  status: number;
  body: string;
  cacheControl: string | null;
  contentType: string | null;
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    // Request ids differ between any two requests.
    body: (await response.text()).replace(/"requestId":"[^"]+"/g, '"requestId":"-"'),
    cacheControl: response.headers.get('cache-control'),
    contentType: response.headers.get('content-type'),
  };
}

async function served(url: string): Promise<{ served: number; fallback: number }> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
  const count = (result: string): number => Number(new RegExp(`^gateway_fast_path_total\\{result="${result}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { served: count('served'), fallback: count('fallback') };
}

/** Sends the same request to both gateways twice (the first teaches the fast path), expects equal answers. */
async function same(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const expected = await post(full.url, query, variables, headers);
  await post(graph.gatewayUrl, query, variables, headers);
  const answer = await post(graph.gatewayUrl, query, variables, headers);
  expect(answer).toEqual(expected);
  return answer;
}

beforeAll(async () => {
  graph = await startGraph('fastp', LIMITS);
  full = await startExtraGateway(graph, { ...LIMITS, FAST_PATH_ENABLED: 'false' }, 'fastp-off');
  membersRequests = new RequestRecorder().attach(graph.subgraphs.members!.server.httpServer);
}, 180_000);

afterAll(async () => {
  await full?.stop();
  await graph?.stop();
});

describe('single-fetch fast path', () => {
  it('answers single-subgraph queries byte for byte as the full pipeline, over a spread of variables', async () => {
    const before = await served(graph.gatewayUrl);
    const variableSets = [
      { first: 50 },
      { first: 10, filter: { kinds: ['STARTUP'] } },
      { first: 20, filter: { text: 'sant' } },
      { first: 5, filter: { sectors: ['E_HEALTH'] } },
      { first: 0 },
    ];
    for (const variables of variableSets) {
      const answer = await same(DIRECTORY, variables);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatch(/^\{"data":\{"organizations":\{"totalCount":\d+/);
      expect(answer.cacheControl).toBe('no-store');
    }
    // Fragments on the same type, aliases, literal arguments and __typename.
    await same(/* GraphQL */ `
      query Aliased { all: organizations(first: 3) { ...Page } startups: organizations(first: 2, filter: { kinds: [STARTUP] }) { __typename totalCount } }
      fragment Page on OrganizationConnection { totalCount edges { node { ... on Organization { id label: name } } } }`);
    // Accept negotiation as Apollo Server does it: Apollo Client's default prefers the GraphQL-over-HTTP type.
    const preferred = await same(DIRECTORY, { first: 2 }, { accept: 'application/graphql-response+json,application/json;q=0.9' });
    expect(preferred.contentType).toBe('application/graphql-response+json; charset=utf-8');
    // Nothing acceptable: 406 NOT_ACCEPTABLE before anything runs, the single-fetch path included.
    expect((await same(DIRECTORY, { first: 2 }, { accept: 'text/html' })).status).toBe(406);
    // The first request of each operation ran through the plan's execution; every later one was served.
    expect((await served(graph.gatewayUrl)).served - before.served).toBe(variableSets.length * 2 - 1 + 1 + 2);
    expect((await served(full.url)).served).toBe(0);
  });

  it('hands to the full pipeline what it cannot answer exactly: several subgraphs, directives, bad variables, cost over the limit', async () => {
    const before = await served(graph.gatewayUrl);
    // Three subgraphs: a plan of several fetches.
    await same(/* GraphQL */ `query Overview { organizations(first: 3) { edges { node { id name datasets { id } organizedEvents { id } } } } }`);
    // @include depends on a variable.
    await same(/* GraphQL */ `query Maybe($web: Boolean!) { organizations(first: 3) { edges { node { id website @include(if: $web) } } } }`, { web: false });
    // Learnt with valid variables, then invalid ones: BAD_USER_INPUT, status 400, refused by the
    // pipeline's variable coercion before the executor or any subgraph call.
    await same(DIRECTORY, { first: 3 });
    membersRequests.reset();
    const invalid = await same(DIRECTORY, { first: 'three' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toContain('BAD_USER_INPUT');
    expect(membersRequests.count).toBe(0);
    // Learnt under the cost limit, then over it: QUERY_TOO_COMPLEX before any subgraph call.
    const costly = /* GraphQL */ `query Costly($first: Int) { organizations(first: $first) { edges { node { id name acronym website } } } }`;
    await same(costly, { first: 5 });
    membersRequests.reset();
    const refused = await same(costly, { first: 1000 });
    expect(refused.body).toContain('QUERY_TOO_COMPLEX');
    expect(membersRequests.count).toBe(0);
    // Served: DIRECTORY with valid variables (twice, it was learnt before) and the second `costly` under the limit.
    expect((await served(graph.gatewayUrl)).served - before.served).toBe(3);
  });

  it('a subgraph error goes through the full pipeline, which reuses the answer instead of asking again', async () => {
    const query = /* GraphQL */ `query Count($first: Int) { organizations(first: $first) { totalCount } }`;
    await same(query, { first: 1 });
    const before = await served(graph.gatewayUrl);
    membersRequests.reset();
    const expected = await post(full.url, query, { first: 5000 });
    expect(membersRequests.count).toBe(1);
    membersRequests.reset();
    const answer = await post(graph.gatewayUrl, query, { first: 5000 });
    expect(answer).toEqual(expected);
    expect(answer.body).toMatch(/"code":"BAD_USER_INPUT".*"field":"first"/);
    // One fetch: the fast path's answer (with its error) was handed over, not fetched twice.
    expect(membersRequests.count).toBe(1);
    const after = await served(graph.gatewayUrl);
    expect(after.fallback - before.fallback).toBe(1);
    expect(after.served - before.served).toBe(0);
  });

  it('forwards the viewer: a data steward gets the access requests, an anonymous caller the full pipeline\'s error', async () => {
    const query = /* GraphQL */ `query Requests { accessRequests(first: 20) { totalCount edges { node { id status purpose } } } }`;
    const authorization = `Bearer ${await graph.tokenFor(steward)}`;
    const before = await served(graph.gatewayUrl);
    const asSteward = await same(query, {}, { authorization });
    expect(JSON.parse(asSteward.body).data.accessRequests.totalCount).toBeGreaterThan(0);
    const anonymous = await same(query);
    expect(anonymous.body).toContain('UNAUTHENTICATED');
    const after = await served(graph.gatewayUrl);
    // The steward's second request was served; both anonymous ones fell back (the subgraph answered an error).
    expect(after.served - before.served).toBe(1);
    expect(after.fallback - before.fallback).toBe(2);
  });

  it('answers a POST without an ETag (never revalidated, its body is not hashed); a GET keeps its ETag', async () => {
    for (const url of [graph.gatewayUrl, full.url]) {
      const post = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: DIRECTORY, variables: { first: 30 } }) });
      expect(post.status).toBe(200);
      expect(post.headers.get('etag')).toBeNull();
      const params = new URLSearchParams({ query: DIRECTORY, variables: JSON.stringify({ first: 30 }) });
      const get = await fetch(`${url}?${params}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(get.status).toBe(200);
      expect(get.headers.get('etag')).toMatch(/^W\/"/);
      expect(await get.text()).toBe(await post.text());
    }
  });

  it('counts, times and records fast-path requests as the full pipeline does', async () => {
    const query = /* GraphQL */ `query RecordedOnce { organizations(first: 2) { totalCount } }`;
    const recorder = graph.gateway.registry.operations!;
    await post(graph.gatewayUrl, query); // full pipeline: learns it, records it
    await recorder.flush();
    expect(recorder.stats().buffered).toBe(0);
    const before = await served(graph.gatewayUrl);
    await post(graph.gatewayUrl, query);
    expect((await served(graph.gatewayUrl)).served - before.served).toBe(1);
    expect(recorder.stats().buffered).toBe(1);
    const text = await (await fetch(graph.gatewayUrl.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(/graphql_requests_total\{operation="RecordedOnce",outcome="success"\} 2/);
    expect(text).toMatch(/graphql_request_duration_seconds_count\{operation="RecordedOnce"\} 2/);
  });
});
