import { join } from 'node:path';

/*
 * The scales' graphs run at once and their runs are interleaved (runPlan): for each workload, each
 * round, each scale, each target. The caching-on target's cold run comes once per scale, in round
 * 0, just before its steady run; writes run once. The merged records still come scale by scale.
 * No processes: the targets below are not running, so every run is skipped at once.
 */

// The harness lives outside the test project (bench/ has its own tsconfig): load it at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped on purpose, see above
type Module = any;
const load = (file: string): Promise<Module> => import(join(__dirname, '..', '..', 'bench', file));

const settings = (targets: string[]) => ({ durationSeconds: 1, warmupSeconds: 0, connections: 1, workloads: [], targets, rounds: 2, cachedWarmupSeconds: 10 });
const workload = (id: string, writes = false) => ({
  id,
  title: id,
  query: '{ __typename }',
  samples: [{ variables: {}, weight: 1 }],
  rowsVariables: () => ({}),
  authenticated: false,
  notes: [],
  ...(writes ? { request: () => ({ body: '{}' }) } : {}),
});
// 10x with the later targets, 1x with every target and the writes.
const contexts = () => [
  { ctx: { scale: 10, subgraphs: {}, gateways: [], settings: settings(['direct', 'stock', 'ours']) }, workloads: [workload('W1'), workload('W2')] },
  { ctx: { scale: 1, subgraphs: {}, gateways: [], settings: settings(['direct', 'ours', 'ours-cached']) }, workloads: [workload('W1'), workload('W2'), workload('W4', true)] },
];

describe('runPlan', () => {
  it('interleaves the scales round by round, every other round backwards, a cold run once per scale, writes once', async () => {
    const { runPlan } = await load('src/run');
    const plan: { workload: string; runs: { context: number; target: string; round: number; cachedWarmup: number }[]; records: unknown[] }[] = runPlan(contexts());
    expect(plan.map((p) => p.workload)).toEqual(['W1', 'W2', 'W4']);
    const order = (i: number) => plan[i]!.runs.map((r) => `${r.round}:${[10, 1][r.context]}x ${r.target}`);
    const w1 = [
      '0:10x direct', '0:10x stock', '0:10x ours',
      '0:1x direct', '0:1x ours', '0:1x ours-cached cold', '0:1x ours-cached',
      // Round 2 backwards: a drift during a round falls on the first and the last targets alike.
      '1:1x ours-cached', '1:1x ours', '1:1x direct',
      '1:10x ours', '1:10x stock', '1:10x direct',
    ];
    expect(order(0)).toEqual(w1);
    expect(order(1)).toEqual(w1);
    expect(plan[0]!.runs.every((r) => r.cachedWarmup === 10)).toBe(true);
    // The writes: at 1x only, one round, no cold run (nothing of theirs is cached).
    expect(order(2)).toEqual(['0:1x direct', '0:1x ours', '0:1x ours-cached']);
    expect(plan[2]!.runs.every((r) => r.cachedWarmup === 0)).toBe(true);
    // Merged per scale and target, scale by scale.
    expect(plan[0]!.records).toEqual([
      { context: 0, target: 'direct' }, { context: 0, target: 'stock' }, { context: 0, target: 'ours' },
      { context: 1, target: 'direct' }, { context: 1, target: 'ours' }, { context: 1, target: 'ours-cached cold' }, { context: 1, target: 'ours-cached' },
    ]);
  });
});

/** Runs `action` with the harness's log (stderr) captured in `lines` instead of printed. */
async function quietly<T>(lines: string[], action: () => Promise<T>): Promise<T> {
  const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    return await action();
  } finally {
    write.mockRestore();
  }
}

type RunRow = { scale: number; workload: string; target: string; result: unknown; skipped?: string };

describe('runScales', () => {
  it('runs in the plan order and returns the records by scale, then workload, then target', async () => {
    const { runScales, runScale } = await load('src/run');
    const lines: string[] = [];
    const records: RunRow[] = await quietly(lines, () => runScales(contexts()));
    // The log alternates the scales within each workload's rounds (the second one backwards).
    const runs = lines.map((l) => /\] (\d+x) (W\d) ([^:,]+)(?::|,)/.exec(l)).filter((m) => m !== null).map((m) => `${m[1]} ${m[2]}`);
    expect(runs.slice(0, 14)).toEqual([
      ...Array(3).fill('10x W1'), ...Array(4).fill('1x W1'),
      ...Array(3).fill('1x W1'), ...Array(3).fill('10x W1'),
      '10x W2',
    ]);
    expect(records.map((r) => `${r.scale}x ${r.workload} ${r.target}`)).toEqual([
      '10x W1 direct', '10x W1 stock', '10x W1 ours',
      '10x W2 direct', '10x W2 stock', '10x W2 ours',
      '1x W1 direct', '1x W1 ours', '1x W1 ours-cached cold', '1x W1 ours-cached',
      '1x W2 direct', '1x W2 ours', '1x W2 ours-cached cold', '1x W2 ours-cached',
      '1x W4 direct', '1x W4 ours', '1x W4 ours-cached',
    ]);
    expect(records.map((r) => r.skipped)).toEqual(records.map((r) => (r.target === 'direct' ? 'no direct plan' : 'target not running')));
    expect(records.every((r) => r.result === null)).toBe(true);
    // One scale alone: the same records as that scale's part of the interleaved run.
    const alone = contexts()[1]!;
    const one: RunRow[] = await quietly([], () => runScale(alone.ctx, alone.workloads));
    expect(one).toEqual(records.filter((r) => r.scale === 1));
  });
});

describe('the one-connection windows (W1 overhead target)', () => {
  it('cut the time the other reads get per target into more, shorter rounds, warm-up 1 s', async () => {
    const { latencyWindows } = (await load('src/run')) as Module;
    expect(latencyWindows({ rounds: 2, durationSeconds: 10, warmupSeconds: 3, latencyRounds: 6 })).toEqual({ rounds: 6, durationSeconds: 3, warmupSeconds: 1 });
    // Never under 2 s a window, never more warm-up than the others', never fewer than one round.
    expect(latencyWindows({ rounds: 1, durationSeconds: 2, warmupSeconds: 0, latencyRounds: 6 })).toEqual({ rounds: 6, durationSeconds: 2, warmupSeconds: 0 });
    expect(latencyWindows({ rounds: 2, durationSeconds: 10, warmupSeconds: 3, latencyRounds: 0 })).toEqual({ rounds: 1, durationSeconds: 20, warmupSeconds: 1 });
  });
});
