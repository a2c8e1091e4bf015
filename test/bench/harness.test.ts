import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraph, type RunningGraph } from '../helpers/graph';

/*
 * A few-second smoke of the benchmark harness (bench/, `npm run bench`), so that it keeps working
 * as the schema moves: the real workloads W1-W3 against the in-process graph, directly, through our
 * gateway and through the stock @apollo/gateway, two seconds each after one priming request, then
 * the report. No timing assertions: only that every run answered without errors, that SQL
 * statements do not grow with page size, and that the report was written.
 */

// The harness lives outside the test project (bench/ has its own tsconfig): load it at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped on purpose, see above
type Module = any;
const load = (file: string): Promise<Module> => import(join(__dirname, '..', '..', 'bench', file));

let graph: RunningGraph;
let stock: { url: string; stop(): Promise<void> } | undefined;
const out = mkdtempSync(join(tmpdir(), 'bench-smoke-'));

beforeAll(async () => {
  graph = await startGraph('benchsmoke');
}, 180_000);

afterAll(async () => {
  await stock?.stop();
  await graph?.stop();
  rmSync(out, { recursive: true, force: true });
});

it('runs W1-W3 directly, through our gateway and through stock @apollo/gateway, and writes the report', async () => {
  const run: Module = await load('src/run');
  const schemaModule: Module = await load('src/schema');
  const report: Module = await load('src/report');
  const { startStockGateway }: Module = await load('stock-gateway');

  const subgraphs = Object.fromEntries(Object.entries(graph.subgraphs).map(([name, s]) => [name, s.url]));
  const stockGateway: { url: string; stop(): Promise<void> } = await startStockGateway(
    Object.entries(subgraphs).map(([name, url]) => ({ name, url })),
  );
  stock = stockGateway;
  const schema = schemaModule.apiSchemaOf(graph.gateway.supergraph.supergraphSdl);
  const workloads = await run.prepareWorkloads(schema, graph.gatewayUrl, ['W1', 'W2', 'W3'], { searchTerms: 3, pages: 1 });
  expect(workloads.map((w: { id: string }) => w.id)).toEqual(['W1', 'W2', 'W3']);

  const ctx = {
    scale: 1,
    schema,
    subgraphs,
    gateways: [
      { name: 'ours', url: graph.gatewayUrl, pid: process.pid },
      { name: 'stock', url: stockGateway.url },
    ],
    probe: async (send: (requestId: string) => Promise<unknown>) => {
      graph.resetStatements();
      await send(`sqlc-smoke-${Date.now()}`);
      return graph.statements();
    },
    settings: { durationSeconds: 2, warmupSeconds: 0, connections: 2, workloads: ['W1', 'W2', 'W3'], targets: ['direct', 'stock', 'ours'] },
  };
  const sql = await run.countStatements(ctx, workloads, graph.gatewayUrl);
  const runs = await run.runScale(ctx, workloads);

  for (const record of runs) {
    expect({ run: `${record.workload} ${record.target}`, skipped: record.skipped }).toEqual({ run: `${record.workload} ${record.target}`, skipped: undefined });
    expect(record.result.requests).toBeGreaterThan(0);
    expect(record.result.errors).toBe(0);
    expect(record.result.graphqlErrors).toBe(0);
  }
  expect(runs).toHaveLength(9);
  for (const s of sql) {
    expect(s.rows10).toBeGreaterThan(0);
    expect({ workload: s.workload, rows100: s.rows100 }).toEqual({ workload: s.workload, rows100: s.rows10 });
  }

  const bench = {
    startedAt: new Date().toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { nproc: 0, memory: '', node: process.version, loadAverageStart: [0, 0, 0], loadAverageEnd: [0, 0, 0], commit: 'smoke' },
    settings: ctx.settings,
    workloads: workloads.map((w: { id: string; title: string; notes: string[]; samples: unknown[] }) => ({ id: w.id, title: w.title, notes: w.notes, samples: w.samples.length })),
    runs,
    sql,
    soak: null,
    idleRssMb: {},
    steps: [],
    targets: [],
    notes: [],
  };
  bench.targets = report.evaluateTargets(bench);
  const files = report.writeReport(bench, out, 'smoke');
  expect(existsSync(files.json)).toBe(true);
  expect(readFileSync(files.markdown, 'utf8')).toContain('| 1x | W2 | stock |');
}, 120_000);

it('W4 hands out each prepared write once, then counts the writes it sends a second time', async () => {
  const writes: Module = await load('src/writes');
  const { execute }: Module = await load('src/load');
  const schemaModule: Module = await load('src/schema');
  const schema = schemaModule.apiSchemaOf(graph.gateway.supergraph.supergraphSdl);
  const workload = await writes.writeWorkload(
    schema,
    graph.gatewayUrl,
    execute,
    // The direct (identity) headers are prepared but not sent here: only the gateway's requests are built.
    { user: (sub: string) => graph.tokenFor({ sub, roles: ['member'] }), identity: async () => 'not-sent' },
    3,
    'x-viewer-token',
  );
  expect(workload.writes).toHaveLength(3);
  const sent = Array.from({ length: 5 }, () => workload.request() as { body: string; headers: Record<string, string> });
  const viewers = sent.map((request) => request.headers.authorization);
  expect(new Set(viewers.slice(0, 3)).size).toBe(3);
  expect(viewers.slice(3)).toEqual(viewers.slice(0, 2));
  expect(workload.reused()).toBe(2);
}, 60_000);
