import { join } from 'node:path';

/*
 * Rounds of one target (BENCH_ROUNDS) are merged as one run: requests over the total measured
 * time and percentiles over every response, not an average of each round's figures.
 */

// The harness lives outside the test project (bench/ has its own tsconfig): load it at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped on purpose, see above
type Module = any;
const load = (file: string): Promise<Module> => import(join(__dirname, '..', '..', 'bench', file));

function run(latenciesMs: number[], seconds: number, extra: Record<string, unknown> = {}) {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    requestsPerSecond: sorted.length / seconds,
    latencyMs: { p50: 0, p95: 0, p99: 0, mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, max: sorted.at(-1) },
    errors: 1,
    graphqlErrors: 2,
    peakRssMb: 100,
    driver: 'autocannon',
    samples: { latenciesMs: sorted, seconds },
    ...extra,
  };
}

describe('mergeRuns', () => {
  it('merges rounds over every response and the total time, and keeps no samples', async () => {
    const { mergeRuns } = await load('src/load');
    // A fast round (100 responses of 1 ms in 1 s) and a slow one (100 of 100 ms in 10 s).
    const fast = run(Array.from({ length: 100 }, () => 1), 1, { peakRssMb: 120, cacheHitRatio: { response: 1 } });
    const slow = run(Array.from({ length: 100 }, () => 100), 10, { cacheHitRatio: { response: 0.5 } });
    const merged = mergeRuns([fast, slow]);
    expect(merged.requests).toBe(200);
    expect(merged.requestsPerSecond).toBeCloseTo(200 / 11, 1);
    expect(merged.latencyMs.p50).toBe(100);
    expect(merged.latencyMs.p95).toBe(100);
    expect(merged.latencyMs.mean).toBeCloseTo(50.5, 1);
    expect(merged.latencyMs.max).toBe(100);
    expect([merged.errors, merged.graphqlErrors, merged.peakRssMb, merged.rounds]).toEqual([2, 4, 120, 2]);
    expect(merged.cacheHitRatio).toEqual({ response: 0.75 });
    expect(merged.samples).toBeUndefined();
    // One round is itself, without its samples.
    expect(mergeRuns([fast])).toEqual({ ...fast, samples: undefined });
  });

  it('adds up the CPU of the rounds, blank when a round did not measure it', async () => {
    const { mergeRuns } = await load('src/load');
    const a = run([1, 2], 1, { cpuMs: { gateway: 30, subgraphs: 100 } });
    const b = run([3, 4], 1, { cpuMs: { gateway: 20, subgraphs: null } });
    expect(mergeRuns([a, b]).cpuMs).toEqual({ gateway: 50, subgraphs: null });
  });
});

describe('cpuMeter', () => {
  it('measures the CPU a process spends between start and stop', async () => {
    const { cpuMeter, cpuMs } = await load('src/load');
    expect(cpuMs(process.pid)).toBeGreaterThan(0);
    expect(cpuMs(2 ** 30)).toBeNull();
    const meter = cpuMeter([process.pid]);
    const until = Date.now() + 300;
    while (Date.now() < until) Math.sqrt(Math.random());
    // 300 ms of wall clock busy: at least some of it on the CPU, however loaded the machine.
    expect(meter.stop()).toBeGreaterThan(0);
    expect(cpuMeter([]).stop()).toBeNull();
  });
});

describe('withSubgraphUrls (Hive Gateway target)', () => {
  it("points each subgraph of the supergraph at the bench's URL", async () => {
    const { withSubgraphUrls } = await load('hive-gateway');
    const sdl = 'enum join__Graph {\n  MEMBERS @join__graph(name: "members", url: "http://localhost:4001/graphql")\n  EVENTS @join__graph(name: "events", url: "http://localhost:4004/graphql")\n}';
    expect(withSubgraphUrls(sdl, { members: 'http://127.0.0.1:9/graphql' })).toBe(
      'enum join__Graph {\n  MEMBERS @join__graph(name: "members", url: "http://127.0.0.1:9/graphql")\n  EVENTS @join__graph(name: "events", url: "http://localhost:4004/graphql")\n}',
    );
  });
});
