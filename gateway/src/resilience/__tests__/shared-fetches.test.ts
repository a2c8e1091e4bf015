import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createLogger, IDENTITY_HEADER } from '@ecosystem/shared';
import { parse } from 'graphql';
import { type GatewayContext } from '../../context';
import { INCOMING_OPERATION } from '../../fast-path/single-fetch';
import { sharedKey } from '../subgraph-breaker';
import { type SubgraphClients } from '../subgraph-clients';
import { type GatewayMetrics } from '../../observability/metrics';
import { testClients } from './test-clients';

/*
 * Identical queries in flight share one subgraph fetch: on a real HTTP server standing in for the
 * subgraph, which answers after a delay so that the callers overlap, and counts what it receives.
 */

let server: Server;
let url: string;
let delayMs = 150;
let status = 200;
const seen: { headers: IncomingMessage['headers']; body: string }[] = [];
let clients: SubgraphClients;
let metrics: GatewayMetrics;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(status === 200 ? '{"data":{"organizations":{"totalCount":3,"edges":[{"node":{"id":"o1"}}]}}}' : '{"errors":[{"message":"down"}]}');
      }, delayMs);
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  ({ clients, metrics } = testClients({ PROPAGATE_HEADERS: 'accept-language', CIRCUIT_BREAKER_ENABLED: 'false', SUBGRAPH_TIMEOUT_MS_TRAINING: '50' }));
});

afterAll(async () => {
  await clients.close();
  await new Promise((resolvePromise) => server.close(resolvePromise));
});

beforeEach(() => {
  seen.length = 0;
  delayMs = 150;
  status = 200;
});

const query = 'query Page__members__0($first:Int){organizations(first:$first){totalCount edges{node{id}}}}';
const mutation = 'mutation Join__members__0($id:ID!){join(id:$id){id}}';

function context(requestId: string, viewer: string | null, language = 'fr'): GatewayContext {
  return {
    requestId,
    viewer: viewer ? ({ sub: viewer, roles: ['member'] } as unknown as GatewayContext['viewer']) : null,
    logger: createLogger('shared-fetches-test', 'silent'),
    identityTokens: new Map(),
    propagatedHeaders: [['accept-language', language]],
  } as GatewayContext;
}

async function ask(ctx: GatewayContext, through: SubgraphClients = clients, operation = query, subgraph = 'members'): Promise<Record<string, unknown>> {
  return (await through.dataSource(subgraph, url, true).process({
    kind: INCOMING_OPERATION,
    request: { query: operation, variables: { first: 2, id: 'x' }, operationName: 'Page__members__0' },
    incomingRequestContext: { overallCachePolicy: { restrict: () => undefined }, request: { query: '{ x }' } } as never,
    context: ctx,
    document: parse(operation),
    pathInIncomingRequest: [] as never,
  })) as unknown as Record<string, unknown>;
}

describe('identical subgraph queries in flight', () => {
  it('share one fetch across requests (request ids differ), each caller with its own answer objects', async () => {
    const [a, b, c] = await Promise.all([ask(context('req-a', null)), ask(context('req-b', null)), ask(context('req-c', null))]);
    expect(seen).toHaveLength(1);
    for (const response of [a, b, c]) expect(response.data).toEqual({ organizations: { totalCount: 3, edges: [{ node: { id: 'o1' } }] } });
    // The executor merges later fetches into these objects: one caller's must not be another's.
    expect(b.data).not.toBe(a.data);
    ((a.data as { organizations: { edges: unknown[] } }).organizations.edges as unknown[]).push('merged');
    expect((b.data as { organizations: { edges: unknown[] } }).organizations.edges).toHaveLength(1);
  });

  it('are counted in subgraph_fetches_shared_total, and all sent with SUBGRAPH_DEDUPLICATE_QUERIES=false', async () => {
    const before = (await metrics.registry.getSingleMetric('subgraph_fetches_shared_total')!.get()).values.reduce((n, v) => n + v.value, 0);
    await Promise.all([ask(context('req-a', null)), ask(context('req-b', null))]);
    const after = (await metrics.registry.getSingleMetric('subgraph_fetches_shared_total')!.get()).values.reduce((n, v) => n + v.value, 0);
    expect(after - before).toBe(1);
    seen.length = 0;
    const off = testClients({ SUBGRAPH_DEDUPLICATE_QUERIES: 'false', CIRCUIT_BREAKER_ENABLED: 'false' });
    try {
      await Promise.all([ask(context('req-a', null), off.clients), ask(context('req-b', null), off.clients), ask(context('req-c', null), off.clients)]);
      expect(seen).toHaveLength(3);
    } finally {
      await off.clients.close();
    }
  });

  it('are asked again once the first answer arrived: nothing is kept', async () => {
    await ask(context('req-a', null));
    await ask(context('req-b', null));
    expect(seen).toHaveLength(2);
  });

  it('are not shared between two viewers, nor between a viewer and an anonymous caller', async () => {
    await Promise.all([ask(context('req-a', 'person-1')), ask(context('req-b', 'person-2')), ask(context('req-c', null))]);
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((r) => r.headers[IDENTITY_HEADER])).size).toBe(3);
  });

  it('are shared by one viewer (the same identity token), and not across languages', async () => {
    await Promise.all([ask(context('req-a', 'person-1')), ask(context('req-b', 'person-1')), ask(context('req-c', 'person-1', 'en'))]);
    expect(seen).toHaveLength(2);
    expect(seen.map((r) => r.headers['accept-language']).sort()).toEqual(['en', 'fr']);
  });

  it('never share a mutation', async () => {
    await Promise.all([ask(context('req-a', 'person-1'), clients, mutation), ask(context('req-b', 'person-1'), clients, mutation)]);
    expect(seen).toHaveLength(2);
  });

  it('share a failure: every caller gets its errors per lost field', async () => {
    status = 503;
    const [a, b] = await Promise.all([ask(context('req-a', null)), ask(context('req-b', null))]);
    expect(seen).toHaveLength(1);
    for (const response of [a, b]) {
      expect(response).toMatchObject({ errors: [{ path: ['organizations'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'bad_response' } }] });
    }
  });

  it('share a timeout', async () => {
    const [a, b] = await Promise.all([ask(context('req-a', null), clients, query, 'training'), ask(context('req-b', null), clients, query, 'training')]);
    expect(seen).toHaveLength(1);
    for (const response of [a, b]) expect(response).toMatchObject({ errors: [{ extensions: { code: 'SUBGRAPH_TIMEOUT' } }] });
  });
});

describe('sharedKey', () => {
  const body = JSON.stringify({ query, variables: { first: 2 } });
  it('ignores the request id and nothing else', () => {
    const key = sharedKey(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'a' }, body });
    expect(key).toBe(sharedKey(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'b' }, body }));
    expect(key).not.toBe(sharedKey(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-viewer-token': 't' }, body }));
    expect(key).not.toBe(sharedKey(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables: { first: 3 } }) }));
  });
  it('leaves mutations, subscriptions and traced fetches alone', () => {
    expect(sharedKey(url, { method: 'POST', headers: {}, body: JSON.stringify({ query: mutation }) })).toBeUndefined();
    expect(sharedKey(url, { method: 'POST', headers: {}, body: JSON.stringify({ query: 'subscription S { x }' }) })).toBeUndefined();
    expect(sharedKey(url, { method: 'POST', headers: { traceparent: '00-abc-def-01' }, body })).toBeUndefined();
    expect(sharedKey(url, { method: 'POST', headers: {}, body: JSON.stringify({ query: '{ x }' }) })).toBeDefined();
  });
});
