import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { createLogger, IDENTITY_HEADER } from '@ecosystem/shared';
import { parse } from 'graphql';
import { loadGatewayConfig } from '../../config';
import { type GatewayContext } from '../../context';
import { ProductionFeatures } from '../../production/features';
import { type GuardedDataSource } from '../guarded-data-source';

/*
 * GuardedDataSource.fetchDirect (the fast path's fetch) against `process` (what Apollo's executor
 * calls), on a real HTTP server standing in for a subgraph: the same request on the wire, the same
 * answer (compact data as text, errors parsed, a non-2xx thrown, a failed fetch as errors per lost
 * field, a timeout too) and the same cache hint.
 */

interface Seen {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let server: Server;
let url: string;
let answer: { status: number; body: string; cacheControl?: string; delayMs?: number } = { status: 200, body: '{"data":{"a":1}}' };
const seen: Seen[] = [];
let features: ProductionFeatures;

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
  const config = loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', PROPAGATE_HEADERS: 'accept-language', CIRCUIT_BREAKER_ENABLED: 'false', SUBGRAPH_TIMEOUT_MS_TRAINING: '100' });
  features = new ProductionFeatures(config, createLogger('fetch-direct-test', 'silent'));
});

afterAll(async () => {
  await features.close();
  await new Promise((resolvePromise) => server.close(resolvePromise));
});

const document = parse('query Page__members__0($first:Int){organizations(first:$first){totalCount}}');
const request = (): { query: string; variables: Record<string, unknown>; operationName: string | undefined } => ({
  query: 'query Page__members__0($first:Int){organizations(first:$first){totalCount}}',
  variables: { first: 2 },
  operationName: 'Page__members__0',
});
const context = (): GatewayContext => ({
  requestId: 'req-1',
  viewer: { sub: 'person-1', roles: ['member'], organizationIds: [] } as unknown as GatewayContext['viewer'],
  logger: createLogger('fetch-direct-test', 'silent'),
  identityTokens: new Map(),
  propagatedHeaders: [['accept-language', 'fr']],
  rawData: true,
});
const policy = (): { hints: unknown[]; restrict(hint: unknown): void } => {
  const hints: unknown[] = [];
  return { hints, restrict: (hint) => void hints.push(hint) };
};

type Outcome = { response?: unknown; error?: string; hints: unknown[]; seen?: Seen };

async function both(source: GuardedDataSource): Promise<[Outcome, Outcome]> {
  const viaProcess = policy();
  const viaDirect = policy();
  const run = async (go: () => Promise<unknown>, hints: unknown[]): Promise<Outcome> => {
    const before = seen.length;
    const outcome: Outcome = { hints };
    try {
      const response = (await go()) as Record<string, unknown>;
      const { http, ...rest } = response;
      outcome.response = { ...rest, status: (http as { status?: number } | undefined)?.status };
    } catch (error) {
      outcome.error = (error as Error).message;
    }
    const request = seen[before];
    // The identity token is signed per request (its time claims may differ): compare it by presence.
    if (request) outcome.seen = { headers: { ...request.headers, [IDENTITY_HEADER]: request.headers[IDENTITY_HEADER] ? 'present' : 'absent' }, body: request.body };
    return outcome;
  };
  const processed = await run(
    () =>
      source.process({
        kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
        request: request(),
        incomingRequestContext: { overallCachePolicy: viaProcess, request: { query: '{ x }' } } as never,
        context: context(),
        document,
        pathInIncomingRequest: [] as never,
      }),
    viaProcess.hints,
  );
  const direct = await run(() => source.fetchDirect(request(), context(), viaDirect, document), viaDirect.hints);
  return [processed, direct];
}

describe('GuardedDataSource.fetchDirect (the fast path) sends and answers as process does', () => {
  it.each([
    ['compact data, kept as text', { status: 200, body: '{"data":{"organizations":{"totalCount":3}}}', cacheControl: 'max-age=30, public' }],
    ['data with errors, parsed', { status: 200, body: '{"errors":[{"message":"no"}],"data":{"organizations":null}}' }],
    ['a private hint', { status: 200, body: '{"data":{"a":1}}', cacheControl: 'private, max-age=5' }],
    ['a non-2xx status, thrown', { status: 503, body: '{"errors":[{"message":"down"}]}' }],
    ['a body that is not an object', { status: 200, body: '[1]' }],
  ])('%s', async (_name, given) => {
    answer = given;
    const source = features.dataSource('members', url, true);
    const [processed, direct] = await both(source);
    expect(processed.seen?.headers).toMatchObject({ [IDENTITY_HEADER]: 'present', 'x-request-id': 'req-1', 'accept-language': 'fr' });
    expect(direct).toEqual(processed);
  });

  it('answers a fetch that timed out with errors per lost field, as process does', async () => {
    answer = { status: 200, body: '{"data":{"a":1}}', delayMs: 400 };
    const source = features.dataSource('training', url, true);
    const [processed, direct] = await both(source);
    expect(processed.response).toMatchObject({ errors: [{ path: ['organizations'], extensions: { code: 'SUBGRAPH_TIMEOUT', reason: 'timeout' } }] });
    expect(direct).toEqual(processed);
  });

  it('answers a failed fetch with errors per lost field, as process does', async () => {
    const source = features.dataSource('datasets', 'http://127.0.0.1:9/graphql', true);
    const [processed, direct] = await both(source);
    expect(processed.response).toMatchObject({ errors: [{ path: ['organizations'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'network' } }] });
    expect(direct).toEqual(processed);
  });
});
