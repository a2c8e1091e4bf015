import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createLogger, IDENTITY_HEADER } from '@ecosystem/shared';
import { parse } from 'graphql';
import { CachedJson } from '../../cache/response-cache';
import { type GatewayContext } from '../../context';
import { INCOMING_OPERATION } from '../../fast-path/single-fetch';
import { type SubgraphClients } from '../subgraph-clients';
import { testClients } from './test-clients';

/*
 * A subgraph's data source on a real HTTP server standing in for the subgraph: what it sends (request
 * id, identity token, propagated headers, body) and what it answers (compact data as text for the
 * single-fetch executor, errors parsed, a 5xx, a failed or timed-out fetch as errors per
 * lost field) and the cache hint it gives the request's policy.
 */

interface Seen {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: Server;
let url: string;
let answer: { status: number; body: string; cacheControl?: string; delayMs?: number } = { status: 200, body: '{"data":{"a":1}}' };
const seen: Seen[] = [];
let clients: SubgraphClients;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      const { status, body, cacheControl, delayMs } = answer;
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(cacheControl ? { 'cache-control': cacheControl } : {}) });
        res.end(body);
      }, delayMs ?? 0);
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  ({ clients } = testClients({ PROPAGATE_HEADERS: 'accept-language', CIRCUIT_BREAKER_ENABLED: 'false', SUBGRAPH_TIMEOUT_MS_TRAINING: '100' }));
});

afterAll(async () => {
  await clients.close();
  await new Promise((resolvePromise) => server.close(resolvePromise));
});

const query = 'query Page__members__0($first:Int){organizations(first:$first){totalCount}}';
const context = (rawData: boolean): GatewayContext => ({
  requestId: 'req-1',
  viewer: { sub: 'person-1', roles: ['member'] } as unknown as GatewayContext['viewer'],
  logger: createLogger('data-source-test', 'silent'),
  identityTokens: new Map(),
  propagatedHeaders: [['accept-language', 'fr']],
  ...(rawData ? { rawData: true as const } : {}),
});

async function fetchOnce(subgraph: string, target = url, rawData = true): Promise<{ response: Record<string, unknown>; hints: unknown[] }> {
  const hints: unknown[] = [];
  const response = (await clients.dataSource(subgraph, target, true).process({
    kind: INCOMING_OPERATION,
    request: { query, variables: { first: 2 }, operationName: 'Page__members__0' },
    incomingRequestContext: { overallCachePolicy: { restrict: (hint: unknown) => void hints.push(hint) }, request: { query: '{ x }' } } as never,
    context: context(rawData),
    document: parse(query),
    pathInIncomingRequest: [] as never,
  })) as unknown as Record<string, unknown>;
  return { response, hints };
}

describe('a subgraph data source', () => {
  it('sends the request id, an identity token for that subgraph, the propagated headers and the operation', async () => {
    answer = { status: 200, body: '{"data":{"organizations":{"totalCount":3}}}' };
    const before = seen.length;
    await fetchOnce('members');
    const request = seen[before]!;
    expect(request.headers).toMatchObject({ 'x-request-id': 'req-1', 'accept-language': 'fr', 'content-type': 'application/json' });
    expect(typeof request.headers[IDENTITY_HEADER]).toBe('string');
    expect(JSON.parse(request.body)).toEqual({ query, variables: { first: 2 }, operationName: 'Page__members__0' });
  });

  it('hands compact data on as text for the single-fetch executor, and parsed otherwise', async () => {
    answer = { status: 200, body: '{"data":{"organizations":{"totalCount":3}}}', cacheControl: 'max-age=30, public' };
    const raw = await fetchOnce('members');
    expect(raw.response.data).toBeInstanceOf(CachedJson);
    expect((raw.response.data as CachedJson).json).toBe('{"organizations":{"totalCount":3}}');
    expect(raw.hints).toEqual([{ maxAge: 30, scope: 'PUBLIC' }]);
    const parsed = await fetchOnce('members', url, false);
    expect(parsed.response.data).toEqual({ organizations: { totalCount: 3 } });
  });

  it('parses an answer with errors, and passes a private hint on', async () => {
    answer = { status: 200, body: '{"errors":[{"message":"no"}],"data":{"organizations":null}}', cacheControl: 'private, max-age=5' };
    const { response, hints } = await fetchOnce('members');
    expect(response).toMatchObject({ errors: [{ message: 'no' }], data: { organizations: null } });
    expect(hints).toEqual([{ maxAge: 5, scope: 'PRIVATE' }]);
  });

  it('gives an answer without Cache-Control no max-age (not cacheable)', async () => {
    answer = { status: 200, body: '{"data":{"organizations":{"totalCount":3}}}' };
    expect((await fetchOnce('members')).hints).toEqual([{ maxAge: 0 }]);
  });

  it("throws a subgraph's refusal of the caller's input as the caller's refusal, and another 4xx as the fetch's error", async () => {
    answer = { status: 400, body: '{"errors":[{"message":"Variable \\"$first\\" got invalid value","extensions":{"code":"BAD_USER_INPUT"}}]}' };
    await expect(fetchOnce('members')).rejects.toMatchObject({ message: 'Variable "$first" got invalid value', extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    answer = { status: 401, body: '{"errors":[{"message":"who?"}]}' };
    await expect(fetchOnce('members')).rejects.toMatchObject({
      message: '401: Unauthorized',
      extensions: { code: 'UNAUTHENTICATED', response: { status: 401, statusText: 'Unauthorized', body: { errors: [{ message: 'who?' }] } } },
    });
  });

  it('answers a 5xx as a lost subgraph: errors per lost field', async () => {
    answer = { status: 503, body: '{"errors":[{"message":"down"}]}' };
    const { response } = await fetchOnce('members');
    expect(response).toMatchObject({ errors: [{ path: ['organizations'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'bad_response' } }] });
  });

  it('answers a timed-out fetch with errors per lost field', async () => {
    answer = { status: 200, body: '{"data":{"a":1}}', delayMs: 400 };
    const { response } = await fetchOnce('training');
    expect(response).toMatchObject({ errors: [{ path: ['organizations'], extensions: { code: 'SUBGRAPH_TIMEOUT', reason: 'timeout' } }] });
  });

  it('answers a refused connection with errors per lost field', async () => {
    const { response } = await fetchOnce('datasets', 'http://127.0.0.1:9/graphql');
    expect(response).toMatchObject({ errors: [{ path: ['organizations'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'network' } }] });
  });
});
