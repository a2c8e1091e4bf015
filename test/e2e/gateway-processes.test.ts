import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoDatasetRefs, demoOrganization } from '@ecosystem/shared';
import { postGraphQL, type GraphQLResponse } from '../helpers/graph';
import { freePort, startNode, startSlowProxy, type NodeProcess, type SlowProxy, waitForOk } from '../helpers/processes';

/*
 * Resilience with real processes: four subgraph processes and gateway processes in production
 * mode (masked errors). A subgraph is killed and restarted during the test, another one is made
 * slow through a proxy, a gateway starts while a subgraph is down, and a gateway drains in-flight
 * requests on SIGTERM. Build first: `npx tsc -b gateway subgraphs/<each>`.
 */
const NAMES = ['members', 'datasets', 'training', 'events'] as const;
type Name = (typeof NAMES)[number];
const root = mkdtempSync(join(tmpdir(), 'gw-proc-'));
const prefix = `gw7p${process.pid}`;
const INTERNAL_JWT_SECRET = 'process-test-internal-secret-0123456789-abcdef';
const JWT_SECRET = 'process-test-user-secret-0123456789-abcdefghij';
const subgraphs = {} as Record<Name, { port: number; proc: NodeProcess }>;
const gateways: NodeProcess[] = [];
let trainingProxy: SlowProxy;
let gatewayUrl: string;
let gatewayBase: string;
let gateway: NodeProcess;

const ORG = demoOrganization('health-data-hub').id;
const DATASET = demoDatasetRefs()[0]!.id;
const MIXED = /* GraphQL */ `
  query Mixed($org: ID!, $ds: ID!) { organization(id: $org) { id name } dataset(id: $ds) { id } module(id: "00000000-0000-4000-8000-000000000000") { id } }
`;

function startSubgraph(name: Name, port: number): NodeProcess {
  return startNode(`subgraphs/${name}/dist/main.js`, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    INTERNAL_JWT_SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(root, name),
    DEMO_SEED: 'true',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, DB_PREFIX: prefix } : {}),
  });
}

async function startGateway(dataDir: string, port: number, extra: Record<string, string> = {}): Promise<NodeProcess> {
  const proc = startNode('gateway/dist/main.js', {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    JWT_SECRET,
    INTERNAL_JWT_SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SUBGRAPH_MEMBERS_URL: `http://127.0.0.1:${subgraphs.members.port}/graphql`,
    SUBGRAPH_DATASETS_URL: `http://127.0.0.1:${subgraphs.datasets.port}/graphql`,
    SUBGRAPH_TRAINING_URL: `${trainingProxy.url}/graphql`,
    SUBGRAPH_EVENTS_URL: `http://127.0.0.1:${subgraphs.events.port}/graphql`,
    SUBGRAPH_TIMEOUT_MS: '5000',
    SUBGRAPH_TIMEOUT_MS_TRAINING: '800',
    CIRCUIT_VOLUME_THRESHOLD: '3',
    CIRCUIT_ERROR_THRESHOLD_PERCENT: '50',
    CIRCUIT_RESET_TIMEOUT_MS: '1500',
    RATE_LIMIT_MAX: '0',
    STARTUP_COMPOSE_TIMEOUT_MS: '5000',
    ...extra,
  });
  gateways.push(proc);
  await waitForOk(`http://127.0.0.1:${port}/ready`, 60_000, 'gateway', proc);
  return proc;
}

type Mixed = { organization: { id: string } | null; dataset: { id: string } | null; module: null };
const mixed = (url: string, headers: Record<string, string> = {}): Promise<GraphQLResponse<Mixed>> =>
  postGraphQL<Mixed>(url, MIXED, { org: ORG, ds: DATASET }, headers);

async function metric(pattern: RegExp): Promise<string | undefined> {
  const text = await (await fetch(`${gatewayBase}/metrics`)).text();
  return pattern.exec(text)?.[1];
}

beforeAll(async () => {
  for (const name of NAMES) {
    const port = await freePort();
    mkdirSync(join(root, name), { recursive: true });
    subgraphs[name] = { port, proc: startSubgraph(name, port) };
  }
  await Promise.all(
    NAMES.map((name) => waitForOk(`http://127.0.0.1:${subgraphs[name].port}/ready`, 120_000, name, subgraphs[name].proc)),
  );
  trainingProxy = await startSlowProxy(`http://127.0.0.1:${subgraphs.training.port}`);
  const port = await freePort();
  gatewayBase = `http://127.0.0.1:${port}`;
  gatewayUrl = `${gatewayBase}/graphql`;
  gateway = await startGateway(join(root, 'gateway'), port);
}, 240_000);

afterAll(async () => {
  for (const proc of gateways) await proc.kill();
  for (const name of NAMES) await subgraphs[name]?.proc.kill();
  await trainingProxy?.close();
  rmSync(root, { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const { createConnection } = await import('mysql2/promise');
    const connection = await createConnection(process.env.DATABASE_URL);
    for (const name of NAMES) await connection.query(`DROP DATABASE IF EXISTS \`${prefix}_${name}\``);
    await connection.end();
  }
});

describe('the gateway in production, with real processes', () => {
  it('serves the whole graph', async () => {
    const response = await mixed(gatewayUrl);
    expect(response.errors).toBeUndefined();
    expect(response.data?.organization?.id).toBe(ORG);
    expect(response.data?.dataset?.id).toBe(DATASET);
  });

  it('many concurrent catalogue exports under the heap npm start gives: the gateway survives and answers each (200 or a coded 503)', async () => {
    const port = await freePort();
    const small = await startGateway(join(root, 'gateway-small-heap'), port, {
      NODE_OPTIONS: '--max-old-space-size=160',
      // The whole catalogue read by a subgraph sharing two cores with everything else: time enough.
      SUBGRAPH_TIMEOUT_MS: '60000',
    });
    const base = `http://127.0.0.1:${port}`;
    // The same three catalogues asked by many (shared conversions), and distinct questions (each its own).
    const paths = [
      ...Array.from({ length: 8 }, () => ['/catalogue.ttl', '/catalogue.jsonld', '/catalogue.rdf']).flat(),
      ...Array.from({ length: 4 }, (_, i) => `/catalogue.ttl?n=${i}`),
    ];
    const answers = await Promise.all(
      paths.map(async (path) => {
        const response = await fetch(`${base}${path}`);
        const body = await response.text();
        return { path, status: response.status, requestId: response.headers.get('x-request-id'), body, retryAfter: response.headers.get('retry-after') };
      }),
    );
    for (const answer of answers) {
      expect({ path: answer.path, status: [200, 503].includes(answer.status) ? 'ok' : answer.body }).toEqual({ path: answer.path, status: 'ok' });
      expect(answer.requestId).toBeTruthy();
      if (answer.status === 503) {
        expect(answer.retryAfter).toBe('2');
        expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', requestId: answer.requestId } });
      }
    }
    expect(answers.filter((answer) => answer.path.startsWith('/catalogue.ttl') && answer.status === 200)[0]?.body).toContain('dcat:Catalog');
    expect(small.child.exitCode).toBeNull();
    expect((await fetch(`${base}/health`)).status).toBe(200);
    await small.kill('SIGTERM');
  }, 120_000);

  it('the request id is in the response and in the logs of the gateway and of each subgraph it reached', async () => {
    await mixed(gatewayUrl, { 'x-request-id': 'log-trace-0001' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gateway.output()).toContain('"requestId":"log-trace-0001"');
    for (const name of ['members', 'datasets', 'training'] as const) {
      expect(subgraphs[name].proc.output()).toContain('"requestId":"log-trace-0001"');
    }
  });

  it('a slow subgraph costs only its own fields, after its own timeout', async () => {
    trainingProxy.delayMs = 3000;
    try {
      const started = Date.now();
      const response = await mixed(gatewayUrl, { 'x-request-id': 'slow-1' });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeLessThan(2500);
      expect(response.data?.organization?.id).toBe(ORG);
      expect(response.data?.dataset?.id).toBe(DATASET);
      expect(response.data?.module).toBeNull();
      expect(response.errors).toEqual([
        expect.objectContaining({ path: ['module'], extensions: expect.objectContaining({ code: 'SUBGRAPH_TIMEOUT', requestId: 'slow-1' }) }),
      ]);
    } finally {
      trainingProxy.delayMs = 0;
    }
  });

  it('a subgraph killed during the test: partial data with masked errors, an open circuit, then recovery', async () => {
    await subgraphs.datasets.proc.kill('SIGKILL');
    const response = await mixed(gatewayUrl, { 'x-request-id': 'kill-0001' });
    expect(response.status).toBe(200);
    expect(response.data?.organization?.id).toBe(ORG);
    expect(response.data?.dataset).toBeNull();
    expect(response.errors).toHaveLength(1);
    const [error] = response.errors!;
    expect(error!.path).toEqual(['dataset']);
    expect(error!.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', requestId: 'kill-0001' });
    // Production masking: no subgraph name, URL, port or stack.
    const text = JSON.stringify(response);
    expect(text).not.toMatch(/datasets|127\.0\.0\.1|ECONNREFUSED|stack|serviceName/);
    expect(text).not.toContain(String(subgraphs.datasets.port));

    // The circuit opens: failures come back at once, without trying the dead subgraph.
    for (let i = 0; i < 4; i++) await mixed(gatewayUrl);
    expect(await metric(/subgraph_circuit_state\{subgraph="datasets"\} (\d)/)).toBe('2');
    const started = Date.now();
    const fast = await mixed(gatewayUrl);
    expect(Date.now() - started).toBeLessThan(200);
    expect(fast.errors?.[0]?.extensions?.reason).toBe('circuit_open');
    expect(Number(await metric(/subgraph_fetch_errors_total\{subgraph="datasets",reason="circuit_open"\} (\d+)/))).toBeGreaterThan(0);

    // It comes back: after the cool-down a probe goes through and the circuit closes.
    subgraphs.datasets.proc = startSubgraph('datasets', subgraphs.datasets.port);
    await waitForOk(`http://127.0.0.1:${subgraphs.datasets.port}/ready`, 120_000, 'datasets', subgraphs.datasets.proc);
    const deadline = Date.now() + 15_000;
    let recovered: GraphQLResponse<Mixed> | undefined;
    while (Date.now() < deadline) {
      recovered = await mixed(gatewayUrl);
      if (recovered.data?.dataset) break;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(recovered?.errors).toBeUndefined();
    expect(recovered?.data?.dataset?.id).toBe(DATASET);
    expect(await metric(/subgraph_circuit_state\{subgraph="datasets"\} (\d)/)).toBe('0');
  }, 180_000);

  it('a gateway started while a subgraph is down serves the others from the last accepted supergraph', async () => {
    await subgraphs.events.proc.kill('SIGKILL');
    const dataDir = join(root, 'gateway-2');
    mkdirSync(dataDir, { recursive: true });
    copyFileSync(join(root, 'gateway', 'supergraph.graphql'), join(dataDir, 'supergraph.graphql'));
    const port = await freePort();
    await startGateway(dataDir, port);
    const response = await postGraphQL<{ organization: { id: string; organizedEvents: unknown } | null; event: unknown }>(
      `http://127.0.0.1:${port}/graphql`,
      `query { organization(id: "${ORG}") { id } event(id: "00000000-0000-4000-8000-000000000000") { id } }`,
    );
    expect(response.data?.organization?.id).toBe(ORG);
    expect(response.data?.event).toBeNull();
    expect(response.errors?.[0]).toMatchObject({ path: ['event'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
    subgraphs.events.proc = startSubgraph('events', subgraphs.events.port);
    await waitForOk(`http://127.0.0.1:${subgraphs.events.port}/ready`, 120_000, 'events', subgraphs.events.proc);
  }, 180_000);

  it('exports OpenTelemetry traces over OTLP when configured, and passes the trace context to subgraphs', async () => {
    const received: string[] = [];
    const collector: Server = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.url === '/v1/traces') received.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', () => resolve()));
    try {
      const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
      const port = await freePort();
      const traced = await startGateway(join(root, 'gateway-traced'), port, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'gateway-e2e' });
      trainingProxy.seen.length = 0;
      const response = await mixed(`http://127.0.0.1:${port}/graphql`);
      expect(response.errors).toBeUndefined();
      const traceparents = trainingProxy.seen.map((h) => h.traceparent).filter(Boolean);
      expect(traceparents.length).toBeGreaterThan(0);
      expect(traceparents[0]).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
      await traced.kill('SIGTERM'); // shutdown flushes the batch of spans
      const all = received.join('\n');
      expect(all).toContain('gateway-e2e');
      expect(all).toContain('gateway.request');
      expect(all).toContain('gateway.fetch');
    } finally {
      collector.closeAllConnections();
      await new Promise<void>((resolve) => collector.close(() => resolve()));
    }
  }, 60_000);

  it('graceful shutdown: SIGTERM lets in-flight requests finish, then the process exits 0', async () => {
    trainingProxy.delayMs = 500;
    // A keep-alive client: its connection was used before, and is asked to close by the answer that
    // was under way when the drain started, so its next request is refused (new connection), never reset.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (body: string): Promise<{ status?: number; connection?: string; error?: string }> =>
      new Promise((resolve) => {
        const req = httpRequest(gatewayUrl, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-request-id': 'drain-keepalive' } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection }));
        });
        req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code }));
        req.end(body);
      });
    try {
      const mixedBody = JSON.stringify({ query: MIXED, variables: { org: ORG, ds: DATASET } });
      expect(await send(JSON.stringify({ query: '{ __typename }' }))).toEqual({ status: 200, connection: 'keep-alive' });
      const keptAlive = send(mixedBody);
      const inFlight = mixed(gatewayUrl, { 'x-request-id': 'drain-1' });
      await new Promise((resolve) => setTimeout(resolve, 150));
      gateway.child.kill('SIGTERM');
      expect(await keptAlive).toEqual({ status: 200, connection: 'close' });
      const after = await send(JSON.stringify({ query: '{ __typename }' }));
      expect(after.error === 'ECONNREFUSED' || after.status !== undefined).toBe(true);
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(response.errors).toBeUndefined();
      expect(response.data?.organization?.id).toBe(ORG);
      expect(await gateway.exited).toBe(0);
      expect(gateway.output()).toContain('"requestId":"drain-1"');
      await expect(fetch(`${gatewayBase}/health`)).rejects.toThrow();
    } finally {
      agent.destroy();
      trainingProxy.delayMs = 0;
    }
  }, 60_000);
});
