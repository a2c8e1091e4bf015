// `node bench/dist/src/subgraph-ab.js`: an A/B of the four subgraphs alone, without a gateway. Two
// builds of the project (AB_OLD, AB_NEW: bench/snapshot.sh directories) run side by side on their
// own databases (demo seed); the chains of subgraph fetches of W1-W3 as our gateway sends them (the
// workloads' direct plans, bench/src/workloads.ts: representations deduplicated, same variables)
// are driven at a fixed concurrency in blocks, old and new alternated within each round (old first
// in even rounds, new first in odd ones). It prints each block's subgraph CPU per chain (from
// /proc), the medians per build, and the medians of the per-round new/old ratios (all subgraphs
// together and each alone), and writes them to <AB_OUT>/subgraph-ab.json. Settings (environment;
// it takes no arguments):
//   AB_OLD, AB_NEW      the builds (default AB_NEW: this checkout, built with `npx tsc -b`)
//   AB_ONLY             old | new: run one build alone (e.g. to profile it)
//   AB_WORKLOADS        W2,W3 (any of W1,W2,W3)      AB_ROUNDS   4      AB_SECONDS  12 (s per block)
//   AB_CONC             4 (chains in flight)          AB_WARMUP   30 (chains per workload and build)
//   AB_SQL              1 = the subgraphs count their SQL statements (LOG_SQL_STATEMENTS), reported
//                       per chain and subgraph; counting costs CPU: a run of its own, not for CPU figures
//   AB_PROFILE          V8 CPU profiles (--cpu-prof) of every subgraph, written here when they stop
//   AB_OUT              logs, data directories and the JSON result (default: a new temporary directory)
//   BENCH_PORTS         first-last: ports of the subgraphs (default: any free one)
//   BENCH_DB_PREFIX     prefix of the databases (`<prefix>ab<build>_<subgraph>`)
//   DATABASE_URL        mysql://root@127.0.0.1:3306 by default
import '@ecosystem/shared/dist/bootstrap';
import { mkdirSync, mkdtempSync, openSync, readSync, closeSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { cpuMs, execute } from './load';
import { freePort, type Managed, ROOT, startProcess, stopAll, subgraphEnv } from './processes';
import { readWorkloads, sampler, searchTerms, type SubgraphUrls, type Vars, type Workload } from './workloads';

const SUBGRAPHS = ['members', 'datasets', 'training', 'events'] as const;
type Subgraph = (typeof SUBGRAPHS)[number];
type Build = 'old' | 'new';

interface Settings {
  builds: Partial<Record<Build, string>>;
  workloads: string[];
  rounds: number;
  seconds: number;
  concurrency: number;
  warmup: number;
  sql: boolean;
  profileDir?: string;
  outDir: string;
  dbPrefix: string;
  databaseUrl: string;
}

function settingsFromEnv(env = process.env): Settings {
  const only = env.AB_ONLY;
  if (only !== undefined && only !== 'old' && only !== 'new') throw new Error('AB_ONLY must be old or new');
  const builds: Partial<Record<Build, string>> = {};
  if (only !== 'new') {
    if (!env.AB_OLD) throw new Error('AB_OLD (a bench/snapshot.sh build) is required, unless AB_ONLY=new');
    builds.old = env.AB_OLD;
  }
  if (only !== 'old') builds.new = env.AB_NEW ?? ROOT;
  const workloads = (env.AB_WORKLOADS ?? 'W2,W3').split(',').filter(Boolean);
  for (const w of workloads) if (!['W1', 'W2', 'W3'].includes(w)) throw new Error(`AB_WORKLOADS: unknown workload ${w} (W1, W2, W3)`);
  return {
    builds,
    workloads,
    rounds: Number(env.AB_ROUNDS ?? 4),
    seconds: Number(env.AB_SECONDS ?? 12),
    concurrency: Number(env.AB_CONC ?? 4),
    warmup: Number(env.AB_WARMUP ?? 30),
    sql: env.AB_SQL === '1',
    ...(env.AB_PROFILE ? { profileDir: env.AB_PROFILE } : {}),
    outDir: env.AB_OUT ?? mkdtempSync(join(tmpdir(), 'subgraph-ab-')),
    dbPrefix: env.BENCH_DB_PREFIX ?? '',
    databaseUrl: env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306',
  };
}

type Graph = Record<Subgraph, Managed & { logFile: string }>;

async function startGraph(settings: Settings, build: Build, root: string): Promise<Graph> {
  const dir = join(settings.outDir, build);
  mkdirSync(dir, { recursive: true });
  const started = await Promise.all(
    SUBGRAPHS.map(async (name) => {
      const port = await freePort();
      const logFile = join(dir, `${name}.log`);
      const managed = await startProcess({
        name: `${build}-${name}`,
        script: `subgraphs/${name}/dist/main.js`,
        root,
        nodeArgs: settings.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(settings.profileDir, build, name)}`] : [],
        port,
        env: subgraphEnv({ databaseUrl: settings.databaseUrl, dbPrefix: `${settings.dbPrefix}ab${build}`, dataDir: join(dir, name), port, sqlStatements: settings.sql }),
        logFile,
        timeoutMs: 600_000,
      });
      return [name, { ...managed, logFile }] as const;
    }),
  );
  return Object.fromEntries(started) as Graph;
}

/** The SQL statements the request log lines appended to `file` since `offset` report, and the new offset. */
function statementsSince(file: string, offset: number): { statements: number; requests: number; offset: number } {
  if (!existsSync(file)) return { statements: 0, requests: 0, offset };
  const size = statSync(file).size;
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  let statements = 0;
  let requests = 0;
  for (const line of buffer.toString('utf8').split('\n')) {
    if (!line.includes('"sqlStatements"')) continue;
    const entry = JSON.parse(line) as { sqlStatements?: number };
    if (typeof entry.sqlStatements === 'number') {
      statements += entry.sqlStatements;
      requests += 1;
    }
  }
  return { statements, requests, offset: size };
}

interface Block {
  round: number;
  workload: string;
  build: Build;
  chains: number;
  /** Subgraph CPU ms per chain. */
  cpu: Record<Subgraph, number>;
  total: number;
  /** SQL statements per chain (AB_SQL=1). */
  sql?: Record<Subgraph, number>;
}

async function runBlock(settings: Settings, graph: Graph, workload: Workload, next: () => Vars, seconds: number): Promise<{ chains: number; cpu: Record<Subgraph, number>; sql: Record<Subgraph, number> }> {
  const urls = Object.fromEntries(SUBGRAPHS.map((name) => [name, graph[name].url])) as SubgraphUrls;
  const offsets = Object.fromEntries(SUBGRAPHS.map((name) => [name, existsSync(graph[name].logFile) ? statSync(graph[name].logFile).size : 0]));
  const before = Object.fromEntries(SUBGRAPHS.map((name) => [name, cpuMs(graph[name].pid) ?? 0]));
  const end = Date.now() + seconds * 1000;
  let chains = 0;
  await Promise.all(
    Array.from({ length: settings.concurrency }, async () => {
      while (Date.now() < end) {
        await workload.direct!.run(urls, next(), execute, {});
        chains += 1;
      }
    }),
  );
  const cpu = Object.fromEntries(SUBGRAPHS.map((name) => [name, ((cpuMs(graph[name].pid) ?? 0) - before[name]!) / Math.max(chains, 1)])) as Record<Subgraph, number>;
  let sql = {} as Record<Subgraph, number>;
  if (settings.sql) {
    // The log lines are written as the answers go out; give the last ones time to reach the files.
    await new Promise((r) => setTimeout(r, 300));
    sql = Object.fromEntries(SUBGRAPHS.map((name) => [name, statementsSince(graph[name].logFile, offsets[name]!).statements / Math.max(chains, 1)])) as Record<Subgraph, number>;
  }
  return { chains, cpu, sql };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const rounded = (record: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, Math.round(v * 100) / 100]));

async function main(): Promise<void> {
  if (process.argv.length > 2) throw new Error('subgraph-ab takes no arguments: its settings are environment variables (see the header of bench/src/subgraph-ab.ts)');
  const settings = settingsFromEnv();
  const builds = Object.keys(settings.builds) as Build[];
  const load = { start: loadavg().map((x) => Math.round(x * 10) / 10), end: [] as number[] };
  console.log(`subgraph A/B: ${builds.map((b) => `${b}=${settings.builds[b]}`).join(' ')}, ${settings.workloads.join(',')}, ${settings.rounds} rounds of ${settings.seconds} s, ${settings.concurrency} chains in flight, out ${settings.outDir}`);
  const graphs: Partial<Record<Build, Graph>> = {};
  for (const build of builds) graphs[build] = await startGraph(settings, build, settings.builds[build]!);
  const first = graphs[builds[0]!]!;
  const schema = buildSchema(readFileSync(join(ROOT, 'schema', 'api.graphql'), 'utf8'));
  const terms = await searchTerms(first.members.url, execute);
  const workloads = new Map(readWorkloads(schema, terms).map((w) => [w.id as string, w]));
  // One sampler per workload and build, same seed: both builds see the same variables in the same order.
  const samplers = new Map<string, () => Vars>();
  const nextFor = (workload: Workload, build: Build): (() => Vars) => {
    const key = `${workload.id}-${build}`;
    if (!samplers.has(key)) samplers.set(key, sampler(workload, 7));
    return samplers.get(key)!;
  };
  for (const build of builds) {
    for (const id of settings.workloads) {
      const workload = workloads.get(id)!;
      const urls = Object.fromEntries(SUBGRAPHS.map((name) => [name, graphs[build]![name].url])) as SubgraphUrls;
      const next = sampler(workload, 11);
      for (let i = 0; i < settings.warmup; i++) await workload.direct!.run(urls, next(), execute, {});
    }
  }
  const blocks: Block[] = [];
  for (let round = 0; round < settings.rounds; round++) {
    for (const id of settings.workloads) {
      const workload = workloads.get(id)!;
      const order: Build[] = round % 2 ? ['new', 'old'] : ['old', 'new'];
      for (const build of order.filter((b) => graphs[b])) {
        const result = await runBlock(settings, graphs[build]!, workload, nextFor(workload, build), settings.seconds);
        const total = SUBGRAPHS.reduce((sum, name) => sum + result.cpu[name], 0);
        blocks.push({ round, workload: id, build, chains: result.chains, cpu: result.cpu, total, ...(settings.sql ? { sql: result.sql } : {}) });
        console.log(
          `round ${round} ${id} ${build}: ${result.chains} chains, subgraph CPU ms per chain ${JSON.stringify(rounded(result.cpu))} total ${total.toFixed(2)}` +
            (settings.sql ? `, SQL statements per chain ${JSON.stringify(rounded(result.sql))}` : ''),
        );
      }
    }
  }
  load.end = loadavg().map((x) => Math.round(x * 10) / 10);
  const summary: Record<string, unknown> = {};
  for (const id of settings.workloads) {
    const entry: Record<string, unknown> = {};
    for (const build of builds) {
      const mine = blocks.filter((b) => b.workload === id && b.build === build);
      const medians = {
        ...Object.fromEntries(SUBGRAPHS.map((name) => [name, median(mine.map((b) => b.cpu[name]))])),
        total: median(mine.map((b) => b.total)),
      };
      entry[build] = { cpuPerChain: rounded(medians), chains: mine.map((b) => b.chains) };
      if (settings.sql) entry[`${build}Sql`] = rounded(Object.fromEntries(SUBGRAPHS.map((name) => [name, median(mine.map((b) => b.sql![name]))])));
      console.log(`${id} ${build}: medians of ${mine.length} blocks, subgraph CPU ms per chain ${JSON.stringify(rounded(medians))}, chains ${mine.map((b) => b.chains).join('/')}`);
    }
    if (graphs.old && graphs.new) {
      const ratios: Record<string, number[]> = { total: [], ...Object.fromEntries(SUBGRAPHS.map((name) => [name, []])) };
      for (let round = 0; round < settings.rounds; round++) {
        const of = (build: Build): Block => blocks.find((b) => b.round === round && b.workload === id && b.build === build)!;
        ratios.total!.push(of('new').total / of('old').total);
        // A subgraph the chain does not reach (training under W3) has no ratio.
        for (const name of SUBGRAPHS) if (of('old').cpu[name] > 0) ratios[name]!.push(of('new').cpu[name] / of('old').cpu[name]);
      }
      for (const name of SUBGRAPHS) if (ratios[name]!.length < settings.rounds) delete ratios[name];
      entry.ratios = Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, v.map((x) => Math.round(x * 100) / 100)]));
      entry.medianRatios = rounded(Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, median(v)])));
      console.log(`${id} new/old per round: ${ratios.total!.map((x) => x.toFixed(2)).join(' ')}; medians ${JSON.stringify(entry.medianRatios)}`);
    }
    summary[id] = entry;
  }
  console.log(`load average (1, 5, 15 min) at the start ${load.start.join(' ')}, at the end ${load.end.join(' ')}`);
  const file = join(settings.outDir, 'subgraph-ab.json');
  writeFileSync(file, `${JSON.stringify({ settings: { ...settings, builds: settings.builds }, load, summary, blocks }, null, 1)}\n`);
  console.log(`written ${file}`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
