import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createLogger } from '@ecosystem/shared';
import { parse } from 'graphql';
import { type GatewayContext } from '../../context';
import { INCOMING_OPERATION } from '../../fast-path/single-fetch';
import { type GatewayMetrics } from '../../observability/metrics';
import { type SubgraphClients } from '../subgraph-clients';
import { createErrorFormatter } from '../../security/error-masking';
import { GRAPHQL_POST, recordingFetcher } from './recording-fetcher';
import { testClients } from './test-clients';

/*
 * What is not a subgraph's answer costs the subgraph's fields, as a refused connection does: a real
 * HTTP server stands in for the subgraph (or the proxy in front of it) and answers a 502, a 503, an
 * HTML page, a body that is not JSON; or never answers at all. The data source answers one
 * SUBGRAPH_UNAVAILABLE error per lost field, the breaker and the metrics count the failure, and a
 * hung subgraph opens its circuit with a few sequential clients.
 */

type Answer = { status: number; type?: string; body: string } | 'hang';
let answer: Answer = { status: 200, type: 'application/json', body: '{"data":{"__typename":"Query"}}' };
let requests = 0;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests += 1;
      if (answer === 'hang') return; // never answers (a SIGSTOPped process)
      res.writeHead(answer.status, answer.type ? { 'content-type': answer.type } : {}).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const HTML = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
const BAD: [string, Answer][] = [
  ['a 502 with an HTML page (a proxy in front of a dead subgraph)', { status: 502, type: 'text/html', body: HTML }],
  ['a 503 with a text body (a mesh with no healthy upstream)', { status: 503, type: 'text/plain', body: 'no healthy upstream' }],
  ['a 500 with a GraphQL body', { status: 500, type: 'application/json', body: '{"errors":[{"message":"boom"}]}' }],
  ['a 200 with an HTML page', { status: 200, type: 'text/html', body: HTML }],
  ['a 200 JSON answer that is not JSON', { status: 200, type: 'application/json', body: '{"data":{"organizations":' }],
  ['a 200 JSON answer that looks like an object and is not JSON', { status: 200, type: 'application/json', body: '{data: oops}' }],
  ['a 404 HTML page', { status: 404, type: 'text/html', body: HTML }],
];

const fetcherWith = (env: Record<string, string>): ReturnType<typeof recordingFetcher> => recordingFetcher({ CIRCUIT_PROBE_INTERVAL_MS: '0', CIRCUIT_RESET_TIMEOUT_MS: '60000', ...env });

const init = GRAPHQL_POST;

const context = (): GatewayContext => ({
  requestId: 'req-1',
  viewer: null,
  logger: createLogger('bad-answers-test', 'silent'),
  identityTokens: new Map(),
  propagatedHeaders: [],
  rawData: true,
}) as unknown as GatewayContext;

describe('a subgraph answer that is not a GraphQL answer', () => {
  let features: { clients: SubgraphClients; metrics: GatewayMetrics };
  beforeAll(() => {
    features = testClients({ CIRCUIT_VOLUME_THRESHOLD: '1000', CIRCUIT_CONSECUTIVE_FAILURES: '0' });
  });
  afterAll(() => features.clients.close());

  const query = 'query Q__events__0{events{id}eventSeries:allEventSeries{id}}';
  const processed = (source: ReturnType<SubgraphClients['dataSource']>) =>
    source.process({
      kind: INCOMING_OPERATION,
      request: { query, variables: {}, operationName: 'Q__events__0' },
      incomingRequestContext: { overallCachePolicy: { restrict: () => undefined }, request: { query } } as never,
      context: context(),
      document: parse(query),
      pathInIncomingRequest: [] as never,
    });

  it.each(BAD)('%s: one SUBGRAPH_UNAVAILABLE error per lost field, counted as a failed fetch', async (_name, given) => {
    answer = given;
    const source = features.clients.dataSource('events', url, true);
    const expected = {
      errors: [
        { message: 'A part of the graph is unavailable', path: ['events'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'bad_response' } },
        { message: 'A part of the graph is unavailable', path: ['eventSeries'], extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'bad_response' } },
      ],
    };
    const before = await badResponses(features);
    expect(await processed(source)).toEqual(expected);
    // A body that looks like a JSON object is only found out when parsed, after the fetch was counted.
    const counted = given !== 'hang' && given.body === '{data: oops}' ? 0 : 1;
    expect((await badResponses(features)) - before).toBe(counted);
  });

  it.each([
    ['a 400 refusal of the caller’s input', { status: 400, type: 'application/json', body: '{"errors":[{"message":"Variable \\"$first\\" got invalid value -1","extensions":{"code":"BAD_USER_INPUT"}}]}' }],
    ['a 200 with the subgraph’s own field error', { status: 200, type: 'application/json; charset=utf-8', body: '{"errors":[{"message":"no","path":["events"]}],"data":{"events":null,"eventSeries":[]}}' }],
    ['a 200 graphql-response+json answer', { status: 200, type: 'application/graphql-response+json', body: '{"data":{"events":[],"eventSeries":[]}}' }],
  ] as [string, Answer][])('%s is passed on as the subgraph said it', async (name, given) => {
    answer = given;
    const source = features.clients.dataSource('events', url, true);
    const before = await badResponses(features);
    if (name.startsWith('a 400')) {
      await expect(processed(source)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } });
    } else {
      const response = (await processed(source)) as { errors?: unknown[]; data?: unknown };
      expect(response.data).toBeDefined();
      expect(JSON.stringify(response.errors ?? [])).not.toContain('SUBGRAPH_UNAVAILABLE');
    }
    expect((await badResponses(features)) - before).toBe(0);
  });
});

async function badResponses(features: { metrics: GatewayMetrics }): Promise<number> {
  const metric = await features.metrics.registry.getSingleMetric('subgraph_fetch_errors_total')!.get();
  return metric.values.filter((v) => v.labels.reason === 'bad_response').reduce((sum, v) => sum + v.value, 0);
}

describe('the circuit breaker counts bad answers and hung subgraphs', () => {
  it('opens on 502s as on refused connections', async () => {
    answer = { status: 502, type: 'text/html', body: HTML };
    const { fetcher, failures, http } = fetcherWith({ CIRCUIT_VOLUME_THRESHOLD: '3', CIRCUIT_CONSECUTIVE_FAILURES: '0' });
    try {
      for (let i = 0; i < 4; i++) await fetcher.fetch(url, init).catch(() => undefined);
      expect(failures).toEqual(['bad_response', 'bad_response', 'bad_response', 'circuit_open']);
      expect(fetcher.state).toBe('open');
    } finally {
      fetcher.shutdown();
      await http.close();
    }
  });

  it('opens for a hung subgraph after a few sequential fetches at the default window and volume, then fails fast', async () => {
    answer = 'hang';
    requests = 0;
    // The defaults scaled down (a window as long as the timeout, volume threshold 5): a client that
    // waits each fetch out never puts 5 fetches in one window, yet three timeouts in a row open the circuit.
    const { fetcher, failures, states, http } = fetcherWith({ SUBGRAPH_TIMEOUT_MS: '150', CIRCUIT_ROLLING_WINDOW_MS: '150' });
    try {
      for (let i = 0; i < 3; i++) await expect(fetcher.fetch(url, init)).rejects.toMatchObject({ reason: 'timeout' });
      expect(fetcher.state).toBe('open');
      expect(states).toEqual(['closed', 'open']);
      const started = performance.now();
      for (let i = 0; i < 5; i++) await expect(fetcher.fetch(url, init)).rejects.toMatchObject({ reason: 'circuit_open' });
      expect(performance.now() - started).toBeLessThan(100);
      expect(failures).toEqual(['timeout', 'timeout', 'timeout', 'circuit_open', 'circuit_open', 'circuit_open', 'circuit_open', 'circuit_open']);
      expect(requests).toBe(3);
    } finally {
      fetcher.shutdown();
      await http.close();
    }
  });

  it('an answer in between starts the count again', async () => {
    const { fetcher, http } = fetcherWith({ SUBGRAPH_TIMEOUT_MS: '150', CIRCUIT_VOLUME_THRESHOLD: '1000' });
    try {
      for (let i = 0; i < 2; i++) {
        answer = 'hang';
        await fetcher.fetch(url, init).catch(() => undefined);
        await fetcher.fetch(url, init).catch(() => undefined);
        answer = { status: 200, type: 'application/json', body: '{"data":{"events":[]}}' };
        expect((await fetcher.fetch(url, init)).status).toBe(200);
      }
      expect(fetcher.state).toBe('closed');
    } finally {
      fetcher.shutdown();
      await http.close();
    }
  });
});

describe('past the cap of errors per failed fetch', () => {
  it('lists 100 lost fields and says how many more were not listed', async () => {
    answer = { status: 503, type: 'text/plain', body: 'unavailable' };
    const features = testClients({ CIRCUIT_BREAKER_ENABLED: 'false' });
    try {
      const query = 'query Q__members__1($representations:[_Any!]!){_entities(representations:$representations){...on Organization{name kind}}}';
      const representations = Array.from({ length: 70 }, (_, i) => ({ __typename: 'Organization', id: `o${i}` }));
      const response = (await features.clients.dataSource('members', url, true).process({
        kind: INCOMING_OPERATION,
        request: { query, variables: { representations }, operationName: 'Q__members__1' },
        incomingRequestContext: { overallCachePolicy: { restrict: () => undefined }, request: { query } } as never,
        context: context(),
        document: parse(query),
        pathInIncomingRequest: [] as never,
      })) as { errors: { message: string; path?: (string | number)[]; extensions: Record<string, unknown> }[] };
      expect(response.errors).toHaveLength(101);
      expect(response.errors[99]!.path).toEqual(['_entities', 49, 'kind']);
      // 140 lost fields: 100 listed, one more error at the 101st that counts the 39 after it.
      expect(response.errors[100]).toEqual({
        message: 'A part of the graph is unavailable (and 39 more lost fields not listed)',
        path: ['_entities', 50, 'name'],
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'bad_response', omitted: 39 },
      });
      // Masking keeps the count.
      expect(createErrorFormatter(true)(response.errors[100]!, undefined).extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'bad_response', omitted: 39 });
    } finally {
      await features.clients.close();
    }
  });
});
