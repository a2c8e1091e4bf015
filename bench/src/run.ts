// `npm run bench`: the benchmark. Sets up every data scale first, each its own graph:
// the four subgraphs on MySQL (their own `bench<scale>x_*` databases, demo seed, grown 10x with SQL
// for the 10x scale), the stock @apollo/gateway and our gateway (caching off, and on). With all the
// scales' graphs running at once, it drives W1-W3 with autocannon at a fixed concurrency, the
// scales' runs interleaved (10x, 1x, 10x, 1x: a slow minute of the shared machine falls on both
// scales, not on the one being measured), then W1 with one connection, interleaved the same way.
// The soak (RSS under one workload, by default W3 at the largest scale) runs next; then the other
// scales stop, and the smallest one runs the steps and W4 (writes). It
// writes bench/results/<name>.{json,md}. Settings (environment):
//   DATABASE_URL        mysql://root@127.0.0.1:3306 by default
//   BENCH_SCALES        1,10            BENCH_DURATION   15 (s per run)    BENCH_WARMUP 3 (s)
//   BENCH_CONNECTIONS   10              BENCH_SOAK       300 (s of the RSS soak; 0 = none)
//   BENCH_SOAK_WORKLOAD W3              BENCH_SOAK_SCALE the largest of BENCH_SCALES
//   BENCH_SOAK_TARGET   ours (caching off, the gateway's shipped NODE_OPTIONS unless overridden)
//   BENCH_CACHED_WARMUP 10 (s): caching on, a cold run first (`ours-cached cold`), then this much more
//                       warm-up of the same mix before the steady-state run (0 = no cold run)
//   BENCH_ROUNDS        1: runs of each read workload per scale and target, interleaved (each
//                       round: every scale, every target), merged per scale and target
//   BENCH_LATENCY_ROUNDS 6: rounds of the one-connection W1 runs, the same total time as the others'
//                       (BENCH_ROUNDS x BENCH_DURATION) cut into shorter windows, finer interleaved
//   BENCH_STEPS         1 = also run the optimisation steps (before/after variants)
//   BENCH_WORKLOADS     W1,W2,W3,W4     BENCH_TARGETS    direct,stock,hive,hive-rust,ours,ours-cached
//                       (hive: Hive Gateway, its JS planner; hive-rust: with @graphql-hive/router-runtime)
//   BENCH_NAME          report file name (default: latest)
//   BENCH_PORTS         first-last: ports of the started processes (default: any free one)
//   BENCH_DB_PREFIX     prefix of the benchmark's database names (default: none: bench<scale>x_*)
//   BENCH_PROFILE_DIR   V8 CPU profiles (--cpu-prof) of our gateways and the subgraphs, written here
//                       when they stop (one directory per process)
//   BENCH_BEFORE_ROOT   a second build of the project (bench/snapshot.sh of an older commit): its
//                       gateway runs beside ours as the target `ours-before` (add it to BENCH_TARGETS),
//                       same settings, same subgraphs: a before/after in one run
//   BENCH_GATEWAY_NODE_OPTIONS  NODE_OPTIONS of our gateways (default: gateway/node-options.env of
//                       the measured build, what `npm start` and docker-compose give)
//   BENCH_BEFORE_NODE_OPTIONS   NODE_OPTIONS of `ours-before` only (default: BENCH_GATEWAY_NODE_OPTIONS);
//                       with BENCH_BEFORE_ROOT a snapshot of the same commit, one build under two
//                       V8 settings in one interleaved run
import '@ecosystem/shared/dist/bootstrap';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { DEMO_ECOSYSTEMS, IDENTITY_HEADER } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { createConnection } from 'mysql2/promise';
import { autocannonRun, chainRun, execute, type LoadOptions, type LoadResult, mergeRuns, rssMb, rssSampler } from './load';
import { freePort, type Managed, ROOT, SECRET_INTERNAL, startProcess, StatementLog, stopAll, subgraphEnv } from './processes';
import { type BenchReport, evaluateTargets, perThousand, type RunRecord, slope, type SqlRecord, writeReport } from './report';
import { scaleDatabases } from './scale-data';
import { apiSchemaOf } from './schema';
import { addPages, readWorkloads, sampler, searchTerms, type SubgraphUrls, type Workload } from './workloads';
import { writeWorkload } from './writes';

const SUBGRAPHS = ['members', 'datasets', 'training', 'events'] as const;
/** MySQL pool sizes tried in the steps (the default is 10). */
const POOL_STEPS = [2, 30];
/** Targets run with one connection: latency without queueing (the W1 overhead target). */
export const LATENCY_SUFFIX = ' c=1';
/**
 * The caching-on target measured from a cold cache (the first seconds after a start or a flush),
 * before its steady-state run: reported, not held to the targets.
 */
export const COLD_SUFFIX = ' cold';
/** The W1 latency floor: bench/raw-forwarder.ts in front of the members subgraph. */
export const FORWARDER = 'raw forwarder';
const SECRET_USER = 'bench-user-jwt-secret-0123456789-abcdefghijkl';

export interface BenchSettings {
  databaseUrl: string;
  scales: number[];
  durationSeconds: number;
  warmupSeconds: number;
  /**
   * Warm-up of a caching-on run, after its cold run (same mix): the timed window then sees the
   * cache in the state real traffic keeps it in. 0 = no cold run, the usual warm-up only.
   */
  cachedWarmupSeconds: number;
  /** Rounds of every read run, targets interleaved, merged per target (1 = one run each). */
  rounds: number;
  /**
   * Rounds of the one-connection W1 runs (the overhead target): the same time per target as the
   * other reads, in shorter windows, so that the machine's drift falls on every target alike.
   */
  latencyRounds: number;
  connections: number;
  soakSeconds: number;
  /** The soak's workload, scale and target: the memory target is W3 at the largest scale, caching off. */
  soakWorkload: string;
  soakScale: number;
  soakTarget: string;
  steps: boolean;
  workloads: string[];
  targets: string[];
  /** Targets at the larger scales (the 10x targets compare our gateway with stock and direct). */
  laterTargets: string[];
  /** Workloads of the optimisation steps. */
  stepWorkloads: string[];
  name: string;
  outDir: string;
  /** Where the subgraphs and our gateway are built (a snapshot from bench/snapshot.sh, or this checkout). */
  appRoot: string;
  /** Prefix of the scales' databases (`<prefix>bench<scale>x_*`): two benchmarks on one server apart. */
  dbPrefix: string;
  /** Where the `ours-before` target's gateway is built (BENCH_BEFORE_ROOT), if it runs. */
  beforeRoot?: string;
  /** NODE_OPTIONS of our gateway processes (e.g. a heap ceiling). */
  gatewayNodeOptions: string;
  /** NODE_OPTIONS of the `ours-before` gateway: another V8 setting of the same build, or the same as ours. */
  beforeNodeOptions: string;
  /** Where our gateways and the subgraphs write V8 CPU profiles (`--cpu-prof`), one directory each; none when unset. */
  profileDir?: string;
  /** Writes prepared for W4 (each is used once). */
  smokeWrites?: number;
}

function settingsFromEnv(env = process.env): BenchSettings {
  const list = (value: string | undefined, fallback: string): string[] =>
    (value ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
  const scales = list(env.BENCH_SCALES, '1,10').map(Number);
  const appRoot = env.BENCH_APP_ROOT ?? ROOT;
  // What users run: the NODE_OPTIONS that `npm start` and docker-compose read, unless told otherwise.
  const shipped = shippedNodeOptions(appRoot);
  return {
    databaseUrl: env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306',
    scales,
    durationSeconds: Number(env.BENCH_DURATION ?? 15),
    warmupSeconds: Number(env.BENCH_WARMUP ?? 3),
    cachedWarmupSeconds: Number(env.BENCH_CACHED_WARMUP ?? 10),
    rounds: Number(env.BENCH_ROUNDS ?? 1),
    latencyRounds: Number(env.BENCH_LATENCY_ROUNDS ?? 6),
    connections: Number(env.BENCH_CONNECTIONS ?? 10),
    soakSeconds: Number(env.BENCH_SOAK ?? 300),
    soakWorkload: env.BENCH_SOAK_WORKLOAD ?? 'W3',
    soakScale: Number(env.BENCH_SOAK_SCALE ?? Math.max(...scales)),
    soakTarget: env.BENCH_SOAK_TARGET ?? 'ours',
    steps: env.BENCH_STEPS === '1',
    workloads: list(env.BENCH_WORKLOADS, 'W1,W2,W3,W4'),
    targets: list(env.BENCH_TARGETS, 'direct,stock,hive,hive-rust,ours,ours-cached'),
    laterTargets: list(env.BENCH_TARGETS_LATER ?? env.BENCH_TARGETS, 'direct,stock,hive,hive-rust,ours,ours-cached'),
    stepWorkloads: list(env.BENCH_STEP_WORKLOADS, 'W2'),
    name: env.BENCH_NAME ?? 'latest',
    outDir: env.BENCH_OUT ?? join(ROOT, 'bench', 'results'),
    appRoot,
    dbPrefix: env.BENCH_DB_PREFIX ?? '',
    ...(env.BENCH_BEFORE_ROOT ? { beforeRoot: env.BENCH_BEFORE_ROOT } : {}),
    gatewayNodeOptions: env.BENCH_GATEWAY_NODE_OPTIONS ?? shipped,
    beforeNodeOptions: env.BENCH_BEFORE_NODE_OPTIONS ?? env.BENCH_GATEWAY_NODE_OPTIONS ?? (env.BENCH_BEFORE_ROOT ? shippedNodeOptions(env.BENCH_BEFORE_ROOT) : shipped),
    ...(env.BENCH_PROFILE_DIR ? { profileDir: env.BENCH_PROFILE_DIR } : {}),
  };
}

/** NODE_OPTIONS of gateway/node-options.env in a build (none in builds that predate the file). */
function shippedNodeOptions(appRoot: string): string {
  const file = join(appRoot, 'gateway', 'node-options.env');
  return existsSync(file) ? (parseEnv(readFileSync(file, 'utf8')).NODE_OPTIONS ?? '') : '';
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** Environment of our gateway with the production features on; caching as asked. */
export function oursEnv(caching: boolean): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    JWT_SECRET: SECRET_USER,
    INTERNAL_JWT_SECRET: SECRET_INTERNAL,
    // Production limits, metrics and the rate limiter stay on; the budget is above what the benchmark sends.
    RATE_LIMIT_MAX: '100000000',
    // Public data fresh for 60 s, then served stale for up to 5 minutes while it is refreshed.
    RESPONSE_CACHE_TTL_SECONDS: caching ? '60' : '0',
    RESPONSE_CACHE_STALE_SECONDS: caching ? '300' : '0',
    ENTITY_CACHE_TTL_SECONDS: caching ? '5' : '0',
  };
}

/** One gateway configuration under test. */
interface GatewayTarget {
  name: string;
  url: string;
  pid?: number;
}

/** How SQL statements of one request are counted (subgraph logs, or in-process counters in tests). */
export type StatementProbe = (run: (requestId: string) => Promise<unknown>) => Promise<number>;

export interface ScaleContext {
  scale: number;
  schema: GraphQLSchema;
  subgraphs: SubgraphUrls;
  /** Gateways by target name (`stock`, `ours`, `ours-cached`, steps...). */
  gateways: GatewayTarget[];
  probe: StatementProbe;
  /** The subgraph processes (their CPU per request is reported next to the gateway's). */
  subgraphPids?: number[];
  settings: Pick<BenchSettings, 'durationSeconds' | 'warmupSeconds' | 'connections' | 'workloads' | 'targets'> & Partial<Pick<BenchSettings, 'cachedWarmupSeconds' | 'rounds'>>;
  /** A member's token for our gateway and the identity token for direct subgraph calls (writes). */
  tokens?: { user: string; identity: (subgraph: string) => Promise<string> };
}

/** Prepares the workloads for a schema: variants, variable mix (search words, pages). */
export async function prepareWorkloads(
  schema: GraphQLSchema,
  url: string,
  wanted: string[],
  spread: { searchTerms: number; pages: number } = { searchTerms: 300, pages: 3 },
): Promise<Workload[]> {
  const terms = await searchTerms(url, execute, spread.searchTerms);
  const workloads = readWorkloads(schema, terms).filter((w) => wanted.includes(w.id));
  for (const w of workloads) await addPages(w, url, execute, spread.pages);
  return workloads;
}

/** SQL statements per request through a gateway: first page at 10 and 100 rows, and the mix. */
export async function countStatements(ctx: ScaleContext, workloads: Workload[], gatewayUrl: string): Promise<SqlRecord[]> {
  const records: SqlRecord[] = [];
  for (const w of workloads.filter((x) => x.id !== 'W4')) {
    // Each counted request follows the same request once, so that the subgraphs' short-lived
    // aggregate caches (totals, facets) are in the same state for 10 and for 100 rows.
    const once = async (variables: Record<string, unknown>): Promise<number> => {
      await execute(gatewayUrl, w.query, variables);
      return ctx.probe((requestId) => execute(gatewayUrl, w.query, variables, { 'x-request-id': requestId }));
    };
    const rows10 = await once(w.rowsVariables(10));
    const rows100 = await once(w.rowsVariables(100));
    const next = sampler(w, 7);
    let total = 0;
    const n = 10;
    for (let i = 0; i < n; i++) total += await once(next());
    records.push({ scale: ctx.scale, workload: w.id, rows10, rows100, perRequest: total / n });
  }
  return records;
}

/** Hits and lookups of a gateway's caches, from its /metrics (our gateway only). */
async function cacheLookups(gatewayUrl: string): Promise<Record<string, { hit: number; miss: number }>> {
  const result: Record<string, { hit: number; miss: number }> = {};
  try {
    const text = await (await fetch(gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    for (const match of text.matchAll(/^gateway_cache_lookups_total\{cache="(\w+)",result="(hit|miss|stale)"\} (\d+(?:\.\d+)?)/gm)) {
      const entry = (result[match[1]!] ??= { hit: 0, miss: 0 });
      // A stale response served while it is refreshed came from the cache: a hit for the ratio.
      if (match[2] === 'miss') entry.miss = Number(match[3]);
      else entry.hit += Number(match[3]);
    }
  } catch {
    // metrics off
  }
  return result;
}

function hitRatios(
  before: Record<string, { hit: number; miss: number }>,
  after: Record<string, { hit: number; miss: number }>,
): Record<string, number> {
  const ratios: Record<string, number> = {};
  for (const [cache, a] of Object.entries(after)) {
    const b = before[cache] ?? { hit: 0, miss: 0 };
    const hits = a.hit - b.hit;
    const lookups = hits + a.miss - b.miss;
    if (lookups > 0) ratios[cache] = Math.round((hits / lookups) * 1000) / 1000;
  }
  return ratios;
}

/**
 * One untimed request before a timed run: it fails the run at once, with the target's error, if the
 * target cannot answer, and the run does not start on cold code paths (a first parse, the JIT, an
 * in-memory index's first load), which a one-second smoke could spend whole (CI once measured 0
 * requests in a second that way). Writes (workloads that build their own requests) are not primed.
 */
async function prime(run: string, send: () => Promise<unknown>): Promise<void> {
  const answer = (await send()) as { errors?: unknown[]; data?: unknown } | undefined;
  if (answer && typeof answer === 'object' && 'errors' in answer && answer.errors?.length) {
    throw new Error(`${run}: the priming request answered ${JSON.stringify(answer.errors).slice(0, 300)}`);
  }
}

/** One scale's graph (its context) and the workloads to run on it. */
export interface ScaleRuns {
  ctx: ScaleContext;
  workloads: Workload[];
}

/** One timed run of the plan: the scale (index into runScales' contexts), workload, target, round. */
export interface PlannedRun {
  context: number;
  workload: string;
  target: string;
  round: number;
  /** Warm-up of the caching-on steady run after its cold run (0: no cold run for this workload). */
  cachedWarmup: number;
}

/**
 * The order of runScales' timed runs, workload by workload: for each round, each scale, each of
 * its targets, every other round backwards (A1 B1 C1 A10 B10 C10, C10 B10 A10 C1 B1 A1). The caching-on target gets a cold run
 * first, once per scale, in round 0; writes (workloads that build their own requests) run once,
 * with no cold run. `records` is the order of the merged runs of the workload: by scale, then target.
 */
export function runPlan(
  contexts: { ctx: { settings: Pick<ScaleContext['settings'], 'targets' | 'rounds' | 'cachedWarmupSeconds'> }; workloads: Pick<Workload, 'id' | 'request'>[] }[],
): { workload: string; runs: PlannedRun[]; records: { context: number; target: string }[] }[] {
  const ids = [...new Set(contexts.flatMap((c) => c.workloads.map((w) => w.id)))];
  return ids.map((id) => {
    const scales = contexts.flatMap(({ ctx, workloads }, context) => {
      const w = workloads.find((x) => x.id === id);
      if (!w) return [];
      // Reads with caching on run twice: cold first (reported), then in steady state after more
      // warm-up. Not the writes (W4): nothing of theirs is cached, and each prepared write is used once.
      const cachedWarmup = w.request ? 0 : (ctx.settings.cachedWarmupSeconds ?? 0);
      const rounds = w.request ? 1 : Math.max(1, ctx.settings.rounds ?? 1);
      const targets = ctx.settings.targets.flatMap((t) => (t === 'ours-cached' && cachedWarmup > 0 ? [`${t}${COLD_SUFFIX}`, t] : [t]));
      return [{ context, cachedWarmup, rounds, targets }];
    });
    const runs: PlannedRun[] = [];
    for (let round = 0; round < Math.max(0, ...scales.map((s) => s.rounds)); round += 1) {
      const inRound: PlannedRun[] = [];
      for (const s of scales) {
        if (round >= s.rounds) continue;
        for (const target of s.targets) {
          // The cold run happens once: later rounds find the cache as the steady run left it.
          if (round > 0 && target.endsWith(COLD_SUFFIX)) continue;
          inRound.push({ context: s.context, workload: id, target, round, cachedWarmup: s.cachedWarmup });
        }
      }
      // Every other round backwards (A B C, C B A): a machine slowing down or speeding up during
      // a round falls on the first and the last targets alike, not always on the last.
      runs.push(...(round % 2 === 1 ? inRound.reverse() : inRound));
    }
    return { workload: id, runs, records: scales.flatMap((s) => s.targets.map((target) => ({ context: s.context, target }))) };
  });
}

/**
 * Runs every workload against every target at several scales at once (each scale its own graph,
 * all running). Reads run `rounds` times, the scales and targets interleaved (runPlan: a slow minute
 * of this shared machine falls on every scale and target rather than on one), and each target's
 * rounds are merged: requests over the total time, percentiles over every response. The records
 * come by scale (the contexts' order), then workload, then target, as if each scale had run alone.
 */
export async function runScales(contexts: ScaleRuns[]): Promise<RunRecord[]> {
  const records = contexts.map((): RunRecord[] => []);
  for (const group of runPlan(contexts)) {
    const results = new Map<string, { results: LoadResult[]; skipped?: string; runs: number }>();
    const key = (context: number, target: string): string => `${context}\u0000${target}`;
    for (const run of group.runs) {
      const { ctx, workloads } = contexts[run.context]!;
      const w = workloads.find((x) => x.id === run.workload)!;
      const outcome = await runOne(ctx, w, run.target, run.cachedWarmup, run.round);
      const entry = results.get(key(run.context, run.target)) ?? { results: [], runs: 0 };
      entry.runs += 1;
      if (outcome.result) entry.results.push(outcome.result);
      if (outcome.skipped) entry.skipped = outcome.skipped;
      results.set(key(run.context, run.target), entry);
    }
    for (const { context, target } of group.records) {
      const { scale } = contexts[context]!.ctx;
      const entry = results.get(key(context, target)) ?? { results: [], runs: 0 };
      const result = entry.results.length > 0 ? mergeRuns(entry.results) : null;
      if (entry.runs > 1 && result) {
        log(`${scale}x ${group.workload} ${target}, ${entry.results.length} rounds: ${result.requestsPerSecond} req/s, p50 ${result.latencyMs.p50} p99 ${result.latencyMs.p99} ms`);
      }
      records[context]!.push({ scale, workload: group.workload, target, result, ...(entry.skipped && !result ? { skipped: entry.skipped } : {}) });
    }
  }
  return records.flat();
}

/** Runs every workload against every target at one scale (runScales with one scale). */
export async function runScale(ctx: ScaleContext, workloads: Workload[]): Promise<RunRecord[]> {
  return runScales([{ ctx, workloads }]);
}

/** One timed run of a workload against a target. */
async function runOne(
  ctx: ScaleContext,
  w: Workload,
  target: string,
  cachedWarmup: number,
  round: number,
): Promise<{ result: LoadResult | null; skipped?: string }> {
  // Every steady-state run of the cache warms up longer: in later rounds too, since the other
  // targets and the other scale ran meanwhile (about 100 s, longer than the bench's 60 s TTL), so the
  // entries expired and are being refreshed (stale-while-revalidate) when the round comes back.
  const steady = target === 'ours-cached' && cachedWarmup > 0;
  const options: LoadOptions = {
    connections: target.endsWith(LATENCY_SUFFIX) ? 1 : ctx.settings.connections,
    durationSeconds: ctx.settings.durationSeconds,
    warmupSeconds: steady ? cachedWarmup : ctx.settings.warmupSeconds,
  };
  // Every target sees the same sequence of variable sets.
  const next = sampler(w, w.id.charCodeAt(1));
  const first = sampler(w, w.id.charCodeAt(1))();
  let result: LoadResult | null = null;
  let skipped: string | undefined;
  try {
    if (target.startsWith('direct')) {
      if (!w.direct) skipped = 'no direct plan';
      else if (w.direct.kind === 'single' && w.direct.subgraph) {
        const headers: Record<string, string> = w.authenticated && ctx.tokens ? { [IDENTITY_HEADER]: await ctx.tokens.identity(w.direct.subgraph) } : {};
        const url = ctx.subgraphs[w.direct.subgraph];
        if (!w.request) await prime(`${w.id} ${target}`, () => execute(url, w.query, first, headers));
        result = await autocannonRun(url, w, next, { ...options, headers });
      } else {
        const plan = w.direct;
        if (!w.request) await prime(`${w.id} ${target}`, () => plan.run(ctx.subgraphs, first, execute, {}));
        result = await chainRun(ctx.subgraphs, w, next, options);
      }
    } else {
      const gateway = ctx.gateways.find((g) => g.name === target.replace(LATENCY_SUFFIX, '').replace(COLD_SUFFIX, ''));
      if (!gateway) skipped = 'target not running';
      else if (w.authenticated && (target === 'stock' || target.startsWith('hive'))) skipped = `${target} forwards no identity`;
      else {
        const headers: Record<string, string> = w.authenticated && ctx.tokens ? { authorization: `Bearer ${ctx.tokens.user}` } : {};
        if (!w.request) await prime(`${w.id} ${target}`, () => execute(gateway.url, w.query, first, headers));
        const before = await cacheLookups(gateway.url);
        result = await autocannonRun(gateway.url, w, next, { ...options, pid: gateway.pid, subgraphPids: ctx.subgraphPids, headers });
        const ratios = hitRatios(before, await cacheLookups(gateway.url));
        if (Object.keys(ratios).length > 0) result.cacheHitRatio = ratios;
      }
    }
  } catch (error) {
    skipped = `failed: ${(error as Error).message.slice(0, 200)}`;
  }
  log(
    `${ctx.scale}x ${w.id} ${target}${round > 0 ? ` (round ${round + 1})` : ''}: ${
      result ? `${result.requestsPerSecond} req/s, p50 ${result.latencyMs.p50} p99 ${result.latencyMs.p99} ms, errors ${result.errors}/${result.graphqlErrors}, rss ${result.peakRssMb}${cpuPerThousand(result)}` : skipped
    }`,
  );
  return { result, ...(skipped ? { skipped } : {}) };
}

/**
 * CPU ms per 1,000 requests of one run, for the log: the report merges the rounds, and the
 * rounds' spread is what tells a setting's effect from the machine's noise.
 */
function cpuPerThousand(result: LoadResult): string {
  return result.cpuMs ? `, CPU ms/1k gateway ${perThousand(result.cpuMs.gateway, result.requests) || 'n/a'} subgraphs ${perThousand(result.cpuMs.subgraphs, result.requests) || 'n/a'}` : '';
}

// ---------------------------------------------------------------------------------------------
// Processes on MySQL

interface Graph {
  prefix: string;
  subgraphs: Managed[];
  urls: SubgraphUrls;
  statements: StatementLog;
}

async function dropDatabases(url: string, prefix: string): Promise<void> {
  const connection = await createConnection({ uri: url });
  try {
    for (const name of [...SUBGRAPHS, 'gateway']) await connection.query(`DROP DATABASE IF EXISTS \`${prefix}_${name}\``);
  } finally {
    await connection.end();
  }
}

async function startSubgraphs(
  settings: BenchSettings,
  prefix: string,
  dataDir: string,
  extraEnv: Record<string, string> = {},
  ports?: Record<string, number>,
): Promise<Graph> {
  const statements = new StatementLog('sqlc-');
  const subgraphs = await Promise.all(
    SUBGRAPHS.map(async (name) => {
      const port = ports?.[name] ?? (await freePort());
      const logFile = join(dataDir, `${name}.log`);
      statements.follow(logFile);
      return startProcess({
        name,
        script: `subgraphs/${name}/dist/main.js`,
        root: settings.appRoot,
        nodeArgs: profileArgs(settings, `${prefix}-${name}`),
        port,
        env: {
          // The statement counts of the report are read from the request log lines; counting costs
          // every request CPU, so the measured runs restart the subgraphs without it.
          ...subgraphEnv({ databaseUrl: settings.databaseUrl, dbPrefix: prefix, dataDir: join(dataDir, name), port, sqlStatements: true }),
          ...extraEnv,
        },
        // To a file, as in production: the harness, also the load generator, reads it only to count statements.
        logFile,
        timeoutMs: 600_000,
      });
    }),
  );
  const urls = Object.fromEntries(subgraphs.map((s) => [s.name, s.url])) as SubgraphUrls;
  return { prefix, subgraphs, urls, statements };
}

/**
 * Restarts a graph's subgraphs on the same ports and data (no seeding: the data is there), with
 * other settings; the gateways reconnect on their next fetch.
 */
async function restartSubgraphs(settings: BenchSettings, graph: Graph, dataDir: string, env: Record<string, string>): Promise<Managed[]> {
  const ports = Object.fromEntries(graph.subgraphs.map((p) => [p.name, p.port]));
  await Promise.all(graph.subgraphs.map((p) => p.stop()));
  const restarted = await startSubgraphs(settings, graph.prefix, dataDir, env, ports);
  graph.subgraphs = restarted.subgraphs;
  graph.statements = restarted.statements;
  return restarted.subgraphs;
}

/** `--cpu-prof` into `<profileDir>/<name>` when profiles are asked for (written when the process stops). */
function profileArgs(settings: BenchSettings, name: string): string[] {
  return settings.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(settings.profileDir, name.replace(/[^\w.-]+/g, '_'))}`] : [];
}

async function startOurs(settings: BenchSettings, name: string, graph: Graph, env: Record<string, string>): Promise<Managed & { dataDir: string }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${name}-`));
  const managed = await startProcess({
    name,
    script: 'gateway/dist/main.js',
    root: settings.appRoot,
    nodeArgs: profileArgs(settings, `${graph.prefix}-${name}`),
    logFile: join(dataDir, 'gateway.log'),
    port,
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // The registry (recorded operations, accepted supergraphs) on MySQL, as in production.
      DATABASE_URL: settings.databaseUrl,
      DB_PREFIX: graph.prefix,
      ...(settings.gatewayNodeOptions ? { NODE_OPTIONS: settings.gatewayNodeOptions } : {}),
      ...Object.fromEntries(SUBGRAPHS.map((s) => [`SUBGRAPH_${s.toUpperCase()}_URL`, graph.urls[s]])),
      ...env,
    },
  });
  return { ...managed, dataDir };
}

/**
 * The one-connection runs' windows: `latencyRounds` rounds sharing the time the other reads get per
 * target (rounds x duration, at least 2 s each), with a 1 s warm-up (the processes are warm: every
 * target has just run the same workload at 10 connections). A p50 ratio within 25 % needs the
 * direct call and the gateways measured in the same minutes: two 10-second windows each once put
 * the direct call at 7.4 ms in the first and 5.2 ms in the second.
 */
export function latencyWindows(settings: Pick<BenchSettings, 'rounds' | 'durationSeconds' | 'warmupSeconds' | 'latencyRounds'>): {
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
} {
  const rounds = Math.max(1, settings.latencyRounds);
  return {
    rounds,
    durationSeconds: Math.max(2, Math.round((Math.max(1, settings.rounds) * settings.durationSeconds) / rounds)),
    warmupSeconds: Math.min(settings.warmupSeconds, 1),
  };
}

/** The floor of the W1 overhead target: bytes forwarded to the members subgraph (bench/raw-forwarder.ts). */
async function startForwarder(graph: Graph): Promise<Managed> {
  const port = await freePort();
  return startProcess({
    name: 'raw forwarder',
    script: 'bench/dist/raw-forwarder.js',
    port,
    env: { PORT: String(port), TARGET: graph.urls.members },
  });
}

async function startStock(graph: Graph): Promise<Managed> {
  const port = await freePort();
  return startProcess({
    name: 'stock',
    script: 'bench/dist/stock-gateway.js',
    port,
    env: { PORT: String(port), SUBGRAPHS: SUBGRAPHS.map((s) => `${s}=${graph.urls[s]}`).join(',') },
  });
}

/** Hive Gateway on the supergraph our gateway serves, with its JS planner or the Rust one (bench/hive-gateway.ts). */
async function startHive(graph: Graph, planner: 'js' | 'rust', supergraphFile: string): Promise<Managed> {
  const port = await freePort();
  return startProcess({
    name: planner === 'rust' ? 'hive-rust' : 'hive',
    script: 'bench/dist/hive-gateway.js',
    port,
    readyPath: '/readiness',
    env: { PORT: String(port), HIVE_PLANNER: planner, SUPERGRAPH_FILE: supergraphFile, SUBGRAPHS: SUBGRAPHS.map((s) => `${s}=${graph.urls[s]}`).join(',') },
  });
}

/**
 * The memory soak: RSS of one gateway under one workload for `soakSeconds`, at the scale it is
 * asked at (by default W3 at the largest scale on `ours`, caching off: the memory target), with
 * that scale's graph still running.
 */
async function soak(settings: BenchSettings, s: ScaleSetup, report: BenchReport): Promise<void> {
  const target = s.ctx.gateways.find((g) => g.name === settings.soakTarget);
  const workload = s.reads.find((w) => w.id === settings.soakWorkload);
  if (!target?.pid || !workload) {
    report.notes.push(`Memory soak: no ${settings.soakWorkload} on ${settings.soakTarget} at ${s.scale}x in this run, skipped.`);
    return;
  }
  log(`soak: ${settings.soakSeconds} s of ${workload.id} at ${s.scale}x on ${target.name}`);
  const rss = rssSampler(target.pid, 5000);
  const result = await autocannonRun(target.url, workload, sampler(workload, 99), {
    connections: settings.connections,
    durationSeconds: settings.soakSeconds,
    warmupSeconds: 0,
  });
  rss.stop();
  const secondHalf = rss.samples.filter((p) => p.t >= settings.soakSeconds / 2);
  report.soak = {
    target: target.name,
    workload: workload.id,
    scale: s.scale,
    nodeOptions: target.name === 'ours-before' ? settings.beforeNodeOptions : settings.gatewayNodeOptions,
    seconds: settings.soakSeconds,
    samples: rss.samples,
    finalMb: rss.samples.at(-1)?.mb ?? null,
    peakMb: rss.samples.length ? Math.max(...rss.samples.map((p) => p.mb)) : null,
    slopeMbPerMin: slope(secondHalf),
    requestsPerSecond: result.requestsPerSecond,
  };
  log(`soak: final ${report.soak.finalMb} MB, slope ${report.soak.slopeMbPerMin} MB/min`);
}

/** The optimisation steps: our gateway with one feature at a time, before/after. */
function stepVariants(settings: BenchSettings): { name: string; env: Record<string, string>; workloads?: string[] }[] {
  const base = oursEnv(false);
  return [
    // The single-fetch fast path serves W1 (one subgraph); W2 and W3 plan several fetches.
    { name: 'step: ours without the fast path', env: { ...base, FAST_PATH_ENABLED: 'false' }, workloads: ['W1'] },
    ...(settings.gatewayNodeOptions ? [{ name: 'step: ours without the heap ceiling', env: { ...base, NODE_OPTIONS: '' } }] : []),
    { name: 'step: ours, request logs at warn', env: { ...base, LOG_LEVEL: 'warn' } },
    { name: 'step: ours, plan cache 1 MiB', env: { ...base, QUERY_PLAN_CACHE_MB: '1' } },
    { name: 'step: ours + response cache only', env: { ...base, RESPONSE_CACHE_TTL_SECONDS: '30' } },
    { name: 'step: ours + entity cache only', env: { ...base, ENTITY_CACHE_TTL_SECONDS: '5' } },
  ];
}

function machine(): Pick<BenchReport['machine'], 'nproc' | 'memory' | 'node' | 'commit'> {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim();
  } catch {
    // not a git checkout
  }
  return {
    nproc: cpus().length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(freemem() / 2 ** 30).toFixed(1)} GiB free`,
    node: process.version,
    commit,
  };
}

/** A member's tokens: for our gateway, and the identity token of direct subgraph calls. */
interface Tokens {
  user: string;
  identity: (subgraph: string) => Promise<string>;
}

/** One scale's graph: its own databases, subgraphs and gateways, all running until the end. */
interface ScaleSetup {
  scale: number;
  /** The smallest scale: every target, then the steps and the writes. */
  first: boolean;
  graph: Graph;
  /** Our gateway with caching off (SQL counts, the writes, the pool steps). */
  ours: Managed & { dataDir: string };
  /** The gateway processes of this scale (the subgraphs are in graph). */
  gatewayProcesses: Managed[];
  ctx: ScaleContext;
  /** Read workloads (the writes, W4, are prepared later, at the first scale only). */
  reads: Workload[];
}

/**
 * Sets up one scale: fresh `bench<scale>x_*` databases, the subgraphs (data grown with SQL above
 * 1x), our gateways and stock, the workloads and the SQL statement counts. Each process is
 * added to `started` as it starts, so that a failure can stop what this scale started.
 */
async function setUpScale(settings: BenchSettings, scale: number, dataDir: string, tokens: Tokens, report: BenchReport, started: Managed[]): Promise<ScaleSetup> {
  // BENCH_DB_PREFIX keeps one checkout's benchmark databases apart from another's on a shared server.
  const prefix = `${settings.dbPrefix}bench${scale}x`;
  log(`${scale}x: fresh databases ${prefix}_*, subgraphs seeding`);
  await dropDatabases(settings.databaseUrl, prefix);
  const startedAt = Date.now();
  const graph = await startSubgraphs(settings, prefix, dataDir);
  started.push(...graph.subgraphs);
  log(`${scale}x: subgraphs ready in ${Math.round((Date.now() - startedAt) / 1000)} s`);
  if (scale > 1) {
    log(`${scale}x: growing the demo data ${scale} times with SQL`);
    await scaleDatabases(settings.databaseUrl, SUBGRAPHS.map((s) => `${prefix}_${s}`), scale, log);
  }
  // The smallest scale gets every target, the steps and the writes (whatever the order).
  const first = scale === Math.min(...settings.scales);
  const targets = first ? settings.targets : settings.laterTargets;
  const gateways: GatewayTarget[] = [];
  const gatewayProcesses: Managed[] = [];
  const ours = await startOurs(settings, 'ours', graph, oursEnv(false));
  gatewayProcesses.push(ours);
  started.push(ours);
  gateways.push({ name: 'ours', url: ours.url, pid: ours.pid });
  if (targets.includes('ours-cached')) {
    const cached = await startOurs(settings, 'ours-cached', graph, oursEnv(true));
    gatewayProcesses.push(cached);
    started.push(cached);
    gateways.push({ name: 'ours-cached', url: cached.url, pid: cached.pid });
  }
  if (targets.includes('ours-before')) {
    if (!settings.beforeRoot) throw new Error('the target ours-before needs BENCH_BEFORE_ROOT (a build from bench/snapshot.sh)');
    const before = await startOurs({ ...settings, appRoot: settings.beforeRoot, gatewayNodeOptions: settings.beforeNodeOptions }, 'ours-before', graph, oursEnv(false));
    gatewayProcesses.push(before);
    started.push(before);
    gateways.push({ name: 'ours-before', url: before.url, pid: before.pid });
  }
  if (targets.includes('stock')) {
    const stock = await startStock(graph);
    gatewayProcesses.push(stock);
    started.push(stock);
    gateways.push({ name: 'stock', url: stock.url, pid: stock.pid });
  }
  for (const [name, planner] of [['hive', 'js'], ['hive-rust', 'rust']] as const) {
    if (!targets.includes(name)) continue;
    const hive = await startHive(graph, planner, join(ours.dataDir, 'supergraph.graphql'));
    gatewayProcesses.push(hive);
    started.push(hive);
    gateways.push({ name, url: hive.url, pid: hive.pid });
  }
  await new Promise((r) => setTimeout(r, 2000));
  for (const g of gateways) {
    const mb = g.pid ? rssMb(g.pid) : null;
    if (mb !== null) report.idleRssMb[`${scale}x ${g.name}`] = Math.round(mb);
  }
  const schema = apiSchemaOf(readFileSync(join(ours.dataDir, 'supergraph.graphql'), 'utf8'));
  const workloads = await prepareWorkloads(schema, ours.url, settings.workloads);
  if (report.workloads.length === 0) {
    report.workloads = workloads.map((w) => ({ id: w.id, title: w.title, notes: w.notes, samples: w.samples.length }));
  }
  const probe: StatementProbe = async (run) => {
    const requestId = `sqlc-${Math.random().toString(36).slice(2)}`;
    await run(requestId);
    await new Promise((r) => setTimeout(r, 300));
    // graph.statements, not a copy: the pool steps restart the subgraphs with a new log.
    return graph.statements.statements(requestId);
  };
  const counting: ScaleContext = { scale, schema, subgraphs: graph.urls, gateways, probe, subgraphPids: [], settings: { ...settings, targets }, tokens };
  report.sql.push(...(await countStatements(counting, workloads, ours.url)));
  // The measured runs: the subgraphs as deployed, without the per-request statement count.
  started.push(...(await restartSubgraphs(settings, graph, dataDir, { LOG_SQL_STATEMENTS: 'false' })));
  const ctx: ScaleContext = { ...counting, subgraphPids: graph.subgraphs.map((p) => p.pid) };
  return { scale, first, graph, ours, gatewayProcesses, ctx, reads: workloads.filter((w) => w.id !== 'W4') };
}

/** Stops one scale's processes (its gateways and subgraphs). */
async function stopScale(s: ScaleSetup): Promise<void> {
  await Promise.all([...s.gatewayProcesses, ...s.graph.subgraphs].map((p) => p.stop()));
}

/** The optimisation steps and the writes: at the smallest scale, its graph alone running. */
async function firstScaleOnly(settings: BenchSettings, s: ScaleSetup, dataDir: string, report: BenchReport): Promise<void> {
  const { scale, graph, ours, ctx, reads } = s;
  const { signIdentityToken } = await import('@ecosystem/shared');
  const { SignJWT } = await import('jose');
  if (settings.steps) {
    const stepReads = reads.filter((w) => settings.stepWorkloads.includes(w.id));
    for (const variant of stepVariants(settings)) {
      const gateway = await startOurs(settings, 'step', graph, variant.env);
      const stepCtx: ScaleContext = {
        ...ctx,
        gateways: [{ name: variant.name, url: gateway.url, pid: gateway.pid }],
        settings: { ...settings, targets: [variant.name] },
      };
      const variantReads = variant.workloads ? reads.filter((w) => variant.workloads!.includes(w.id)) : stepReads;
      report.steps.push(...(await runScale(stepCtx, variantReads)));
      await gateway.stop();
    }
    // Pool sizes: the subgraphs restarted (same ports, same data) with other MySQL pool sizes.
    for (const pool of POOL_STEPS) {
      await restartSubgraphs(settings, graph, dataDir, { DB_POOL_SIZE: String(pool), LOG_SQL_STATEMENTS: 'false' });
      const name = `step: ours, subgraph pools of ${pool} connections`;
      const poolCtx: ScaleContext = {
        ...ctx,
        gateways: [{ name, url: ours.url, pid: ours.pid }],
        subgraphPids: graph.subgraphs.map((p) => p.pid),
        settings: { ...settings, targets: [name] },
      };
      report.steps.push(...(await runScale(poolCtx, stepReads)));
    }
  }
  if (settings.workloads.includes('W4')) {
    // The writes' statement counts are read from the log lines: the subgraphs count again.
    await restartSubgraphs(settings, graph, dataDir, {});
    const signUser = (sub: string): Promise<string> =>
      new SignJWT({ roles: ['member'] }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setExpirationTime('2h').sign(new TextEncoder().encode(SECRET_USER));
    const writes = await writeWorkload(
      ctx.schema,
      ours.url,
      execute,
      {
        user: signUser,
        identity: (sub, subgraph) => signIdentityToken({ sub, roles: ['member'] } as never, { secret: SECRET_INTERNAL, audience: subgraph, ttlSeconds: 7200 }),
      },
      // Enough for every W4 run at a few thousand writes a second (they run out: see reused()).
      settings.smokeWrites ?? 60_000,
      IDENTITY_HEADER,
    );
    if (!writes) {
      report.notes.push(`${scale}x: W4 (writes) skipped: no register/enrol mutation accepted a write.`);
    } else {
      if (!report.workloads.some((w) => w.id === 'W4')) report.workloads.push({ id: 'W4', title: writes.title, notes: writes.notes, samples: writes.writes.length });
      let perRequest = 0;
      for (const w of writes.writes.slice(0, 10)) {
        perRequest += await ctx.probe((requestId) => execute(ours.url, w.write.query, w.write.variables, { ...w.gateway, 'x-request-id': requestId }));
      }
      writes.writes.splice(0, 10);
      report.sql.push({ scale, workload: 'W4', rows10: null, rows100: null, perRequest: perRequest / 10 });
      await restartSubgraphs(settings, graph, dataDir, { LOG_SQL_STATEMENTS: 'false' });
      report.runs.push(...(await runScale({ ...ctx, subgraphPids: graph.subgraphs.map((p) => p.pid) }, [writes])));
      const reused = writes.reused();
      if (reused > 0) {
        report.notes.push(
          `${scale}x: W4 sent ${reused} writes a second time, the ${writes.writes.length} prepared having run out: their GraphQL errors are refused duplicates.`,
        );
      }
    }
  }
}

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: { ...machine(), loadAverageStart: loadavg(), loadAverageEnd: [] },
    settings: { ...settings, databaseUrl: settings.databaseUrl.replace(/\/\/[^@]*@/, '//***@') },
    workloads: [],
    runs: [],
    sql: [],
    soak: null,
    idleRssMb: {},
    steps: [],
    targets: [],
    notes: [],
  };
  const { signIdentityToken } = await import('@ecosystem/shared');
  const { SignJWT } = await import('jose');
  const member = { sub: '00000000-0000-5000-8000-000000000001', roles: ['MEMBER'] };
  const tokens: Tokens = {
    user: await new SignJWT({ roles: member.roles })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(member.sub)
      .setExpirationTime('2h')
      .sign(new TextEncoder().encode(SECRET_USER)),
    identity: (subgraph) => signIdentityToken(member as never, { secret: SECRET_INTERNAL, audience: subgraph, ttlSeconds: 3600 }),
  };
  // A failure still leaves a report of what was measured: it is logged and noted, and the run goes on
  // with what is left (a scale whose set-up failed is not measured; the others are).
  const attempt = async <T>(what: string, action: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await action();
    } catch (error) {
      log(`${what} failed: ${(error as Error).stack ?? String(error)}`);
      report.notes.push(`${what}: the run stopped early: ${(error as Error).message.split('\n')[0]}`);
      return undefined;
    }
  };

  const dataDirs = new Map<number, string>();
  try {
    // Every scale's graph is set up first and kept running: their runs are then interleaved.
    const scales: ScaleSetup[] = [];
    for (const scale of settings.scales) {
      const dataDir = mkdtempSync(join(tmpdir(), `bench-bench${scale}x-`));
      dataDirs.set(scale, dataDir);
      const started: Managed[] = [];
      const setup = await attempt(`${scale}x`, () => setUpScale(settings, scale, dataDir, tokens, report, started));
      if (setup) scales.push(setup);
      else await Promise.all(started.map((p) => p.stop()));
    }
    const label = scales.map((s) => `${s.scale}x`).join(', ');
    // Writes last: they change the data the reads see.
    await attempt(`${label} reads`, async () => {
      report.runs.push(...(await runScales(scales.map((s) => ({ ctx: s.ctx, workloads: s.reads })))));
    });
    // Latency without load: one connection, the W1 page directly and through each gateway, and
    // the floor: what a process that only forwards bytes adds (no GraphQL work at all).
    const latency: ScaleRuns[] = [];
    const forwarders: Managed[] = [];
    for (const s of scales) {
      const w1 = s.reads.filter((w) => w.id === 'W1');
      if (w1.length === 0) continue;
      const targets = s.ctx.settings.targets;
      const forwarder = targets.includes('ours') ? await attempt(`${s.scale}x raw forwarder`, () => startForwarder(s.graph)) : undefined;
      if (forwarder) forwarders.push(forwarder);
      const latencyTargets = ['direct', 'stock', 'hive', 'hive-rust', 'ours-before', 'ours', 'ours-cached'].filter((t) => targets.includes(t));
      if (forwarder) latencyTargets.splice(1, 0, FORWARDER);
      latency.push({
        ctx: {
          ...s.ctx,
          gateways: forwarder ? [...s.ctx.gateways, { name: FORWARDER, url: forwarder.url, pid: forwarder.pid }] : s.ctx.gateways,
          settings: { ...settings, ...latencyWindows(settings), targets: latencyTargets.map((t) => `${t}${LATENCY_SUFFIX}`) },
        },
        workloads: w1,
      });
    }
    if (latency.length > 0) {
      await attempt(`${label} latency (one connection)`, async () => {
        report.runs.push(...(await runScales(latency)));
      });
    }
    await Promise.all(forwarders.map((f) => f.stop()));
    const soaked = scales.find((s) => s.scale === settings.soakScale);
    if (settings.soakSeconds > 0) {
      if (soaked) await attempt(`${soaked.scale}x soak`, () => soak(settings, soaked, report));
      else report.notes.push(`Memory soak: no ${settings.soakScale}x scale in this run, skipped.`);
    }
    // The steps, the soak and the writes at the smallest scale, its graph alone running.
    const first = scales.find((s) => s.first);
    const others = scales.filter((s) => !s.first);
    if (others.length > 0) {
      log(`${others.map((s) => `${s.scale}x`).join(', ')}: stopping${first ? `; the steps, the soak and the writes at ${first.scale}x alone` : ''}`);
      await Promise.all(others.map((s) => stopScale(s)));
    }
    if (first) await attempt(`${first.scale}x`, () => firstScaleOnly(settings, first, dataDirs.get(first.scale)!, report));
  } finally {
    await stopAll();
    for (const dir of dataDirs.values()) rmSync(dir, { recursive: true, force: true });
  }
  // Scale by scale, as the report reads them (the runs were interleaved; the sort is stable).
  const byScale = (a: { scale: number }, b: { scale: number }): number => settings.scales.indexOf(a.scale) - settings.scales.indexOf(b.scale);
  report.runs.sort(byScale);
  report.sql.sort(byScale);
  report.finishedAt = new Date().toISOString();
  report.machine.loadAverageEnd = loadavg();
  report.targets = evaluateTargets(report);
  report.notes.push(
    `Ecosystems in the seed: ${DEMO_ECOSYSTEMS.map((e) => e.code).join(', ')}. The 10x data is the demo seed grown with SQL (bench/src/scale-data.ts): the subgraphs' seeds have no scale knob.`,
  );
  const files = writeReport(report, settings.outDir, settings.name);
  log(`report: ${files.markdown}`);
}

/** The settings are the header comment of this file: `--help` prints it, other arguments are refused. */
export function refusedArguments(args: string[]): boolean {
  if (args.length === 0) return false;
  if (args.includes('--help') || args.includes('-h')) {
    const source = readFileSync(join(ROOT, 'bench', 'src', 'run.ts'), 'utf8').split('\n');
    const header = source.slice(0, source.findIndex((line) => !line.startsWith('//')));
    process.stdout.write(`${header.map((line) => line.replace(/^\/\/ ?/, '')).join('\n')}\n`);
  } else {
    process.stderr.write(`npm run bench takes no arguments (${args.join(' ')}): its settings are environment variables; see npm run bench -- --help\n`);
    process.exitCode = 2;
  }
  return true;
}

if (require.main === module && !refusedArguments(process.argv.slice(2))) {
  main()
    .catch(async (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    })
    .finally(() => {
      void stopAll().then(() => process.exit());
    });
}
