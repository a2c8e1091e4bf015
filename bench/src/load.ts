import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { type Execute, type SubgraphUrls, type Vars, type Workload } from './workloads';

/**
 * A GraphQL error in a 2xx body: `errors`, or data the gateway nulled (`data: null`, or the
 * `valueCompletion` extension it adds when a subgraph left a non-null field empty).
 */
export function isGraphqlError(body: string): boolean {
  return body.includes('"errors"') || body.includes('"valueCompletion"') || body.startsWith('{"data":null');
}

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** Process whose resident memory is sampled (the gateway under test). */
  pid?: number | undefined;
  /** The subgraph processes: their CPU time during the timed window is reported too. */
  subgraphPids?: number[] | undefined;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  /** Transport errors, timeouts and non-2xx answers. */
  errors: number;
  /** 2xx answers whose body carried GraphQL errors (or lost its data: `data: null`, `valueCompletion`). */
  graphqlErrors: number;
  peakRssMb: number | null;
  driver: 'autocannon' | 'chain';
  /** Share of cache lookups that hit, per cache (our gateway with caching on). */
  cacheHitRatio?: Record<string, number>;
  /**
   * CPU time (user + system) spent during the timed window by the gateway process and by the
   * subgraph processes together, in ms (null when not measured). Per 1,000 requests in the report.
   */
  cpuMs?: { gateway: number | null; subgraphs: number | null };
  /** Runs merged into this result (BENCH_ROUNDS). */
  rounds?: number;
  /** Every response time, sorted, and the measured seconds: for merging rounds (not reported). */
  samples?: { latenciesMs: number[]; seconds: number };
}

/**
 * Several runs of one target as one result: requests over the total measured time, percentiles
 * and maximum over every response, errors added up, the highest RSS, hit ratios averaged.
 */
export function mergeRuns(runs: LoadResult[]): LoadResult {
  const strip = ({ samples: _samples, ...rest }: LoadResult): LoadResult => rest;
  if (runs.length === 1) return strip(runs[0]!);
  const sorted = runs.flatMap((r) => r.samples?.latenciesMs ?? []).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + (r.samples?.seconds ?? 0), 0);
  const requests = runs.reduce((sum, r) => sum + r.requests, 0);
  const rss = runs.map((r) => r.peakRssMb).filter((mb): mb is number => mb !== null);
  const ratios: Record<string, number> = {};
  for (const cache of new Set(runs.flatMap((r) => Object.keys(r.cacheHitRatio ?? {})))) {
    const values = runs.map((r) => r.cacheHitRatio?.[cache]).filter((v): v is number => v !== undefined);
    ratios[cache] = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000;
  }
  return {
    requests,
    requestsPerSecond: round(seconds > 0 ? requests / seconds : 0),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      mean: round(runs.reduce((sum, r) => sum + r.latencyMs.mean * r.requests, 0) / Math.max(1, requests)),
      max: round(sorted.at(-1) ?? 0),
    },
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    graphqlErrors: runs.reduce((sum, r) => sum + r.graphqlErrors, 0),
    peakRssMb: rss.length > 0 ? Math.max(...rss) : null,
    driver: runs[0]!.driver,
    ...(Object.keys(ratios).length > 0 ? { cacheHitRatio: ratios } : {}),
    cpuMs: { gateway: sumOrNull(runs.map((r) => r.cpuMs?.gateway)), subgraphs: sumOrNull(runs.map((r) => r.cpuMs?.subgraphs)) },
    rounds: runs.length,
  };
}

/** Resident set size of a process in MB, from /proc (null where /proc is not available). */
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time a process has used so far (user + system), in ms; null when it cannot be read. */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU used by the processes (summed) from now until `stop`. */
export function cpuMeter(pids: (number | undefined)[]): { stop(): number | null } {
  const known = pids.filter((pid): pid is number => pid !== undefined);
  const total = (): number | null => {
    if (known.length === 0) return null;
    let sum = 0;
    for (const pid of known) {
      const ms = cpuMs(pid);
      if (ms === null) return null;
      sum += ms;
    }
    return sum;
  };
  const start = total();
  return {
    stop() {
      const end = total();
      return start === null || end === null ? null : end - start;
    },
  };
}

export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the peak. */
export function rssSampler(pid: number | undefined, intervalMs = 250): { stop(): number | null; samples: { t: number; mb: number }[] } {
  const samples: { t: number; mb: number }[] = [];
  if (pid === undefined) return { stop: () => null, samples };
  const started = Date.now();
  const take = (): void => {
    const mb = rssMb(pid);
    if (mb !== null) samples.push({ t: (Date.now() - started) / 1000, mb });
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
      return samples.length > 0 ? Math.max(...samples.map((s) => s.mb)) : null;
    },
  };
}

function sumOrNull(values: (number | null | undefined)[]): number | null {
  return values.every((v): v is number => typeof v === 'number') ? values.reduce((a, b) => a + b, 0) : null;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Drives one URL with autocannon: every request carries the next variable set of the mix. */
export async function autocannonRun(
  url: string,
  workload: Workload,
  nextVariables: () => Vars,
  options: LoadOptions,
  body: (variables: Vars) => string = (variables) => JSON.stringify({ query: workload.query, variables }),
): Promise<LoadResult> {
  // The warm-up and the timed window are one run: the load never stops between them, so the window
  // starts and ends with the same requests in flight. With a run for each, autocannon abandoned the
  // warm-up's last requests, which the gateway and its subgraphs still carried out in the window:
  // their CPU was counted, they were not. That weighed most on the slowest target (at 5 req/s and
  // 10 connections, a quarter more subgraph fetches than counted requests; by hand, issue 24).
  let graphqlErrors = 0;
  let errors = 0;
  let requests = 0;
  const latencies: number[] = [];
  let counting = false;
  let meters: { rss: ReturnType<typeof rssSampler>; gateway: ReturnType<typeof cpuMeter>; subgraphs: ReturnType<typeof cpuMeter>; startedAt: number } | undefined;
  let measured: { cpu: { gateway: number | null; subgraphs: number | null }; peakRssMb: number | null; seconds: number } | undefined;
  const open = (): void => {
    meters = { rss: rssSampler(options.pid), gateway: cpuMeter([options.pid]), subgraphs: cpuMeter(options.subgraphPids ?? []), startedAt: performance.now() };
    counting = true;
  };
  const close = (): void => {
    if (!meters || measured) return;
    counting = false;
    measured = {
      cpu: { gateway: meters.gateway.stop(), subgraphs: meters.subgraphs.stop() },
      peakRssMb: meters.rss.stop(),
      seconds: (performance.now() - meters.startedAt) / 1000,
    };
  };
  await new Promise<void>((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        // Stopped when the window closes; the spare seconds only keep it from ending first.
        duration: options.warmupSeconds + options.durationSeconds + 5,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        requests: [
          {
            setupRequest: (request) => {
              if (!workload.request) return { ...request, body: body(nextVariables()) };
              const built = workload.request();
              return { ...request, body: built.body, headers: { ...request.headers, ...built.headers } };
            },
            onResponse: (status, responseBody) => {
              if (counting && status === 200 && isGraphqlError(responseBody)) graphqlErrors += 1;
            },
          },
        ],
      },
      (error) => {
        close();
        if (error) reject(error as Error);
        else resolvePromise();
      },
    );
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (!counting) return;
      requests += 1;
      latencies.push(responseTime);
      if (status < 200 || status >= 300) errors += 1;
    });
    const failed = (): void => {
      if (counting) errors += 1;
    };
    instance.on('reqError', failed);
    // A request timed out (not in autocannon's typings).
    (instance as unknown as { on(event: 'timeout', listener: () => void): void }).on('timeout', failed);
    const warmup = setTimeout(open, options.warmupSeconds * 1000);
    setTimeout(
      () => {
        clearTimeout(warmup);
        close();
        instance.stop();
      },
      (options.warmupSeconds + options.durationSeconds) * 1000,
    );
  });
  const { cpu, peakRssMb, seconds } = measured ?? { cpu: { gateway: null, subgraphs: null }, peakRssMb: null, seconds: options.durationSeconds };
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests,
    requestsPerSecond: round(requests / seconds),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      mean: round(sorted.length ? sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length : 0),
      max: round(sorted.at(-1) ?? 0),
    },
    errors,
    graphqlErrors,
    peakRssMb: peakRssMb === null ? null : round(peakRssMb),
    driver: 'autocannon',
    cpuMs: cpu,
    samples: { latenciesMs: sorted, seconds },
  };
}

/** POST with Node's fetch (pooled keep-alive): the harness's own client for set-up and chains. */
export const execute: Execute = async (url, query, variables, headers = {}) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] };
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Closed-loop driver for the direct floor of cross-subgraph workloads: `connections` workers each
 * run the plan's fetches against the subgraphs (a chain of dependent requests), back to back.
 */
export async function chainRun(
  urls: SubgraphUrls,
  workload: Workload,
  nextVariables: () => Vars,
  options: LoadOptions,
): Promise<LoadResult> {
  const plan = workload.direct;
  if (!plan) throw new Error(`${workload.id} has no direct plan`);
  const drive = async (seconds: number): Promise<{ latencies: number[]; errors: number; elapsed: number }> => {
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const worker = async (): Promise<void> => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          await plan.run(urls, nextVariables(), execute, options.headers ?? {});
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: options.connections }, () => worker()));
    return { latencies, errors, elapsed: (performance.now() - started) / 1000 };
  };
  if (options.warmupSeconds > 0) await drive(options.warmupSeconds);
  const { latencies, errors, elapsed } = await drive(options.durationSeconds);
  const sorted = [...latencies].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return {
    requests: sorted.length,
    requestsPerSecond: round(sorted.length / elapsed),
    latencyMs: {
      p50: round(percentile(sorted, 50)),
      p95: round(percentile(sorted, 95)),
      p99: round(percentile(sorted, 99)),
      mean: round(mean),
      max: round(sorted.at(-1) ?? 0),
    },
    errors,
    graphqlErrors: 0,
    peakRssMb: null,
    driver: 'chain',
    samples: { latenciesMs: sorted, seconds: elapsed },
  };
}
