import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadResult } from './load';

export type TargetName = string;

export interface RunRecord {
  scale: number;
  workload: string;
  target: TargetName;
  result: LoadResult | null;
  skipped?: string;
}

export interface SqlRecord {
  scale: number;
  workload: string;
  /** Statements for the first page at 10 and 100 rows, through the gateway. */
  rows10: number | null;
  rows100: number | null;
  /** Mean statements per request over the workload's variable mix. */
  perRequest: number | null;
}

export interface SoakRecord {
  target: TargetName;
  workload: string;
  scale: number;
  /** The gateway's NODE_OPTIONS during the soak (the heap ceiling it ran with). */
  nodeOptions: string;
  seconds: number;
  samples: { t: number; mb: number }[];
  finalMb: number | null;
  peakMb: number | null;
  /** Least-squares slope of RSS over the second half of the soak, MB per minute. */
  slopeMbPerMin: number | null;
  requestsPerSecond: number | null;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: { nproc: number; memory: string; node: string; loadAverageStart: number[]; loadAverageEnd: number[]; commit: string };
  settings: Record<string, unknown>;
  workloads: { id: string; title: string; notes: string[]; samples: number }[];
  runs: RunRecord[];
  sql: SqlRecord[];
  soak: SoakRecord | null;
  /** RSS of each gateway right after start, before any load. */
  idleRssMb: Record<string, number>;
  steps: RunRecord[];
  targets: { name: string; value: string; goal: string; met: boolean | null }[];
  notes: string[];
}

/** CPU ms per 1,000 requests, or blank when not measured. */
export function perThousand(ms: number | null | undefined, requests: number): string {
  return typeof ms === 'number' && requests > 0 ? String(Math.round((ms / requests) * 1000)) : '';
}

export function slope(samples: { t: number; mb: number }[]): number | null {
  if (samples.length < 3) return null;
  const n = samples.length;
  const mt = samples.reduce((s, p) => s + p.t, 0) / n;
  const mm = samples.reduce((s, p) => s + p.mb, 0) / n;
  const num = samples.reduce((s, p) => s + (p.t - mt) * (p.mb - mm), 0);
  const den = samples.reduce((s, p) => s + (p.t - mt) ** 2, 0);
  return den === 0 ? null : (num / den) * 60;
}

function find(report: BenchReport, scale: number, workload: string, target: string): LoadResult | null {
  const result = report.runs.find((r) => r.scale === scale && r.workload === workload && r.target === target)?.result ?? null;
  // A run in which no request completed has no latency to compare.
  return result && result.requests > 0 ? result : null;
}

const fmt = (n: number | null | undefined, digits = 1): string => (n === null || n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits));

/** Evaluates the issue's targets from the runs. */
export function evaluateTargets(report: BenchReport): BenchReport['targets'] {
  const targets: BenchReport['targets'] = [];
  const ratio = (a: number | undefined, b: number | undefined): number | null => (a !== undefined && b ? a / b : null);
  for (const w of ['W1', 'W2', 'W3']) {
    const ours = find(report, 1, w, 'ours');
    const stock = find(report, 1, w, 'stock');
    const r = ratio(ours?.requestsPerSecond, stock?.requestsPerSecond);
    targets.push({
      name: `${w} throughput, features on + caching off vs stock (1x)`,
      value: `${fmt(r, 2)}x (${fmt(ours?.requestsPerSecond)} vs ${fmt(stock?.requestsPerSecond)} req/s)`,
      goal: '>= 0.95x',
      met: r === null ? null : r >= 0.95,
    });
  }
  {
    const cached = find(report, 1, 'W2', 'ours-cached');
    const stock = find(report, 1, 'W2', 'stock');
    const r = ratio(cached?.requestsPerSecond, stock?.requestsPerSecond);
    targets.push({
      name: 'W2 throughput, caching on vs stock (1x)',
      value: `${fmt(r, 2)}x (${fmt(cached?.requestsPerSecond)} vs ${fmt(stock?.requestsPerSecond)} req/s)`,
      goal: '>= 2x',
      met: r === null ? null : r >= 2,
    });
    targets.push({
      name: 'W2 p99, caching on vs stock (1x)',
      value: `${fmt(cached?.latencyMs.p99)} vs ${fmt(stock?.latencyMs.p99)} ms`,
      goal: 'no worse',
      met: cached && stock ? cached.latencyMs.p99 <= stock.latencyMs.p99 : null,
    });
  }
  // Without the cache, against the peers (Hive Gateway), at every scale: only when they ran.
  const scales = [...new Set(report.runs.map((r) => r.scale))].sort((a, b) => a - b);
  for (const scale of scales) {
    for (const w of ['W1', 'W2', 'W3']) {
      const ours = find(report, scale, w, 'ours');
      const stock = find(report, scale, w, 'stock');
      const rust = find(report, scale, w, 'hive-rust');
      const hive = find(report, scale, w, 'hive');
      if (!rust && !hive) continue;
      const vsStock = ratio(ours?.requestsPerSecond, stock?.requestsPerSecond);
      const vsRust = ratio(ours?.requestsPerSecond, rust?.requestsPerSecond);
      targets.push({
        name: `${w} throughput, caching off, vs stock and vs Hive Gateway + Rust planner (${scale}x)`,
        value: `${fmt(vsStock, 2)}x stock, ${fmt(vsRust, 2)}x hive-rust (${fmt(ours?.requestsPerSecond)} vs ${fmt(stock?.requestsPerSecond)} / ${fmt(rust?.requestsPerSecond)} req/s)`,
        goal: '>= 1.5x stock and >= 1x hive-rust',
        met: vsStock === null || vsRust === null ? null : vsStock >= 1.5 && vsRust >= 1,
      });
      const perRequest = (x: LoadResult | null): number | null =>
        x && typeof x.cpuMs?.subgraphs === 'number' && x.requests > 0 ? x.cpuMs.subgraphs / x.requests : null;
      const behindOurs = perRequest(ours);
      const behindHive = [perRequest(hive), perRequest(rust)].filter((v): v is number => v !== null);
      const lowestHive = behindHive.length > 0 ? Math.min(...behindHive) : null;
      targets.push({
        name: `${w} subgraphs' CPU per request behind ours vs behind Hive Gateway (${scale}x)`,
        value: `${fmt(behindOurs, 1)} vs ${fmt(lowestHive, 1)} ms`,
        goal: 'no higher',
        met: behindOurs === null || lowestHive === null ? null : behindOurs <= lowestHive,
      });
    }
  }
  for (const target of ['ours', 'ours-cached']) {
    const ours = find(report, 1, 'W1', `${target} c=1`);
    const direct = find(report, 1, 'W1', 'direct c=1');
    if (!ours && target === 'ours-cached') continue;
    const r = ratio(ours?.latencyMs.p50, direct?.latencyMs.p50);
    const forwarder = target === 'ours' ? find(report, 1, 'W1', 'raw forwarder c=1') : null;
    const floor = ratio(forwarder?.latencyMs.p50, direct?.latencyMs.p50);
    const percent = (x: number | null): string => `${x !== null && x >= 1 ? '+' : ''}${fmt(x === null ? null : (x - 1) * 100, 0)} %`;
    targets.push({
      name: `W1 p50 through the gateway (${target === 'ours' ? 'caching off' : 'caching on'}) vs the subgraph directly (1x, one connection)`,
      value: `${percent(r)} (${fmt(ours?.latencyMs.p50, 2)} vs ${fmt(direct?.latencyMs.p50, 2)} ms)${
        floor !== null ? `; a raw forwarder, no GraphQL: ${percent(floor)}` : ''
      }`,
      goal: '<= +25 %',
      met: r === null ? null : r <= 1.25,
    });
  }
  for (const s of report.sql.filter((x) => x.scale === 1 && x.workload !== 'W4')) {
    targets.push({
      name: `${s.workload} SQL statements, 10 vs 100 rows`,
      value: `${s.rows10 ?? 'n/a'} vs ${s.rows100 ?? 'n/a'}`,
      goal: 'identical',
      met: s.rows10 === null || s.rows100 === null ? null : s.rows10 === s.rows100,
    });
  }
  for (const target of ['ours', 'ours-cached']) {
    for (const w of ['W1', 'W2', 'W3']) {
      const one = find(report, 1, w, target);
      const ten = find(report, 10, w, target);
      if (target === 'ours-cached' && !one && !ten) continue;
      const r = ratio(ten?.latencyMs.p99, one?.latencyMs.p99);
      targets.push({
        name: `${w} p99 at 10x data vs 1x (${target === 'ours' ? 'features on, caching off' : 'caching on'})`,
        value: `${fmt(r, 2)}x (${fmt(ten?.latencyMs.p99)} vs ${fmt(one?.latencyMs.p99)} ms)`,
        goal: '<= 1.5x',
        met: r === null ? null : r <= 1.5,
      });
    }
  }
  if (report.soak) {
    const s = report.soak;
    targets.push({
      name: `Gateway RSS after ${s.seconds >= 60 ? `${Math.round(s.seconds / 60)} min` : `${s.seconds} s`} of ${s.workload} at ${s.scale}x (${s.target}, NODE_OPTIONS ${JSON.stringify(s.nodeOptions)})`,
      value: `${fmt(s.finalMb)} MB (peak ${fmt(s.peakMb)}), trend ${fmt(s.slopeMbPerMin, 2)} MB/min over the second half`,
      goal: '< 300 MB, no upward trend',
      met: s.finalMb === null ? null : s.finalMb < 300 && (s.slopeMbPerMin ?? 0) < 1,
    });
  }
  return targets;
}

function runsTable(records: RunRecord[], baseline: (r: RunRecord) => LoadResult | null): string[] {
  const lines = [
    '| scale | workload | target | req/s | vs stock | p50 ms | p95 ms | p99 ms | errors | GraphQL errors | peak RSS MB | cache hits | gateway CPU ms / 1k req | subgraphs CPU ms / 1k req |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|',
  ];
  for (const r of records) {
    if (!r.result) {
      lines.push(`| ${r.scale}x | ${r.workload} | ${r.target} | skipped: ${r.skipped ?? ''} | | | | | | | | | | |`);
      continue;
    }
    const base = r.target.endsWith(' c=1') ? null : baseline(r);
    const x = r.result;
    lines.push(
      `| ${r.scale}x | ${r.workload} | ${r.target} | ${fmt(x.requestsPerSecond)} | ${base ? `${fmt(x.requestsPerSecond / base.requestsPerSecond, 2)}x` : ''} | ${fmt(x.latencyMs.p50)} | ${fmt(x.latencyMs.p95)} | ${fmt(x.latencyMs.p99)} | ${x.errors} | ${x.graphqlErrors} | ${fmt(x.peakRssMb, 0)} | ${Object.entries(x.cacheHitRatio ?? {}).map(([c, v]) => `${c} ${Math.round(v * 100)} %`).join(', ')} | ${perThousand(x.cpuMs?.gateway, x.requests)} | ${perThousand(x.cpuMs?.subgraphs, x.requests)} |`,
    );
  }
  return lines;
}

export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines: string[] = [
    `# Benchmark report (${report.startedAt})`,
    '',
    `Machine: ${m.nproc} cores, ${m.memory} memory, Node ${m.node}; load average at start ${m.loadAverageStart.map((l) => l.toFixed(2)).join(' / ')}, at end ${m.loadAverageEnd.map((l) => l.toFixed(2)).join(' / ')}; commit ${m.commit}.`,
    '',
    `Settings: ${Object.entries(report.settings).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}.`,
    '',
    '## Targets',
    '',
    '| target | measured | goal | met |',
    '|---|---|---|---|',
    ...report.targets.map((t) => `| ${t.name} | ${t.value} | ${t.goal} | ${t.met === null ? 'n/a' : t.met ? 'yes' : '**no**'} |`),
    '',
    '## Runs',
    '',
    'Targets: `direct` = the subgraphs queried directly (W1: the members subgraph; W2/W3: the query plan\'s fetches run in order by the harness, its own closed-loop driver); `stock` = @apollo/gateway with default settings (bench/stock-gateway.ts); `ours` = our gateway, production settings, caching off; `ours-cached` = the same with the response and entity caches on, measured in steady state (after its cold run and `cachedWarmupSeconds` more of the same mix); `ours-cached cold` = its first run after the start, from an empty cache (reported, not held to a target); `hive` = Hive Gateway (its runtime, @graphql-hive/gateway-runtime) with its JS query planner, on the supergraph ours serves (bench/hive-gateway.ts); `hive-rust` = the same with the Rust query planner of @graphql-hive/router-runtime; `raw forwarder` = bench/raw-forwarder.ts, bytes forwarded to the members subgraph with no GraphQL work: the floor of any process in the gateway\'s place (W1, one connection).',
    '',
    ...runsTable(report.runs, (r) => find(report, r.scale, r.workload, 'stock')),
    '',
    '## SQL statements per request (all subgraphs, through our gateway, caching off)',
    '',
    'Each counted request follows the same request once, so the subgraphs\u2019 short-lived aggregate caches (totals, facets; `AGGREGATE_CACHE_TTL_SECONDS`) are in the same state for 10 and 100 rows. On a miss, a connection adds its count (and the directory its facets): the same statements for any page size.',
    '',
    '| scale | workload | first page, 10 rows | first page, 100 rows | mean over the mix |',
    '|---|---|---:|---:|---:|',
    ...report.sql.map((s) => `| ${s.scale}x | ${s.workload} | ${s.rows10 ?? 'n/a'} | ${s.rows100 ?? 'n/a'} | ${fmt(s.perRequest, 2)} |`),
    '',
  ];
  if (report.steps.length > 0) {
    lines.push('## Optimisation steps (before/after, same run)', '', ...runsTable(report.steps, (r) => find(report, r.scale, r.workload, 'stock')), '');
  }
  if (Object.keys(report.idleRssMb).length > 0) {
    lines.push('## Gateway memory at rest', '', Object.entries(report.idleRssMb).map(([k, v]) => `${k}: ${v} MB`).join('; ') + '.', '');
  }
  if (report.soak) {
    const s = report.soak;
    lines.push(
      '## Memory soak',
      '',
      `${s.target}, ${s.workload} at ${s.scale}x for ${s.seconds} s (NODE_OPTIONS ${JSON.stringify(s.nodeOptions)}) at ${fmt(s.requestsPerSecond)} req/s: RSS ${s.samples
        .filter((_, i) => i % Math.max(1, Math.floor(s.samples.length / 10)) === 0)
        .map((p) => `${Math.round(p.t)}s=${Math.round(p.mb)}`)
        .join(', ')}; final ${fmt(s.finalMb)} MB, slope over the second half ${fmt(s.slopeMbPerMin, 2)} MB/min.`,
      '',
    );
  }
  lines.push('## Workloads', '');
  for (const w of report.workloads) lines.push(`- **${w.id}** ${w.title} (${w.samples} distinct variable sets; ${w.notes.join('; ')})`);
  if (report.notes.length > 0) lines.push('', '## Notes', '', ...report.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

export function writeReport(report: BenchReport, dir: string, name: string): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${name}.json`);
  const markdown = join(dir, `${name}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, toMarkdown(report));
  return { json, markdown };
}
