import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { StringDecoder } from 'node:string_decoder';

/** The repository root (from bench/src or bench/dist/src). */
export const ROOT = ((): string => {
  let dir = __dirname;
  while (dirname(dir) !== dir) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { workspaces?: unknown }).workspaces) return dir;
    dir = dirname(dir);
  }
  throw new Error('repository root not found');
})();

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  // BENCH_PORTS=first-last keeps the processes in a range (a machine shared by several people).
  const range = /^(\d+)-(\d+)$/.exec(process.env.BENCH_PORTS ?? '');
  if (range) {
    for (let port = nextPort ?? Number(range[1]); port <= Number(range[2]); port += 1) {
      nextPort = port + 1;
      if (await listens(port)) return port;
    }
    throw new Error(`no free port left in BENCH_PORTS=${process.env.BENCH_PORTS}`);
  }
  return listenOn(0);
}

let nextPort: number | undefined;

async function listens(port: number): Promise<boolean> {
  return listenOn(port).then(
    () => true,
    () => false,
  );
}

function listenOn(port: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePromise(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * SQL statements logged by the subgraphs per request id (only ids the harness marked). Lines come
 * from `accept`, or from log files the subgraphs write (`follow`), read when a count is asked for:
 * the harness then reads nothing while it measures (it is also the load generator).
 */
export class StatementLog {
  private readonly byRequest = new Map<string, number>();
  private readonly followed: { file: string; offset: number; rest: string; decoder: StringDecoder }[] = [];

  constructor(private readonly prefix: string) {}

  /** Reads `file` (a subgraph's log) from where the last read stopped, at every `statements` call. */
  follow(file: string): void {
    // From its current end: a restarted subgraph appends to the log of the one before it.
    this.followed.push({ file, offset: existsSync(file) ? statSync(file).size : 0, rest: '', decoder: new StringDecoder('utf8') });
  }

  private readFollowed(): void {
    for (const log of this.followed) {
      let fd: number;
      try {
        fd = openSync(log.file, 'r');
      } catch {
        continue; // not written yet
      }
      try {
        const buffer = Buffer.alloc(1 << 20);
        for (;;) {
          const read = readSync(fd, buffer, 0, buffer.length, log.offset);
          if (read === 0) break;
          log.offset += read;
          const lines = (log.rest + log.decoder.write(buffer.subarray(0, read))).split('\n');
          log.rest = lines.pop() ?? '';
          for (const line of lines) this.accept(line);
        }
      } finally {
        closeSync(fd);
      }
    }
  }

  /** Feeds one log line (pino JSON) of a subgraph. */
  accept(line: string): void {
    if (!line.includes(`"requestId":"${this.prefix}`)) return;
    try {
      const entry = JSON.parse(line) as { requestId?: string; sqlStatements?: number };
      if (entry.requestId && typeof entry.sqlStatements === 'number') {
        this.byRequest.set(entry.requestId, (this.byRequest.get(entry.requestId) ?? 0) + entry.sqlStatements);
      }
    } catch {
      // not JSON
    }
  }

  statements(requestId: string): number {
    this.readFollowed();
    return this.byRequest.get(requestId) ?? 0;
  }
}

export interface Managed {
  name: string;
  child: ChildProcess;
  pid: number;
  url: string;
  port: number;
  stop(): Promise<void>;
}

const running = new Set<Managed>();

/** Starts `node <script>` with env; resolves once `readyPath` answers 200. Logs go to `onLine`. */
export async function startProcess(options: {
  name: string;
  script: string;
  /** Directory the script path is relative to (default: this checkout). */
  root?: string;
  /** Node's own flags, before the script (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
  nodeArgs?: string[];
  env: Record<string, string>;
  port: number;
  readyPath?: string;
  timeoutMs?: number;
  onLine?: (line: string) => void;
  /** Logs go to this file (as in production) instead of a pipe the harness must keep reading. */
  logFile?: string;
}): Promise<Managed> {
  const fd = options.logFile ? openSync(options.logFile, 'a') : undefined;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(options.root ?? ROOT, options.script)], {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: fd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd],
  });
  if (fd !== undefined) closeSync(fd);
  const tail: string[] = [];
  const keep = (line: string): void => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
    options.onLine?.(line);
  };
  if (fd === undefined) {
    createInterface({ input: child.stdout! }).on('line', keep);
    createInterface({ input: child.stderr! }).on('line', keep);
  }
  const lastLines = (): string =>
    options.logFile ? readFileSync(options.logFile, 'utf8').split('\n').slice(-30).join('\n') : tail.join('\n');
  const exited = new Promise<number | null>((resolvePromise) => child.once('exit', (code) => resolvePromise(code)));
  let dead = false;
  void exited.then(() => {
    dead = true;
  });
  const base = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (dead) throw new Error(`${options.name} exited during start-up:\n${lastLines()}`);
    try {
      const response = await fetch(`${base}${options.readyPath ?? '/ready'}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.name} not ready in time:\n${lastLines()}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const managed: Managed = {
    name: options.name,
    child,
    pid: child.pid!,
    port: options.port,
    url: `${base}/graphql`,
    async stop() {
      running.delete(managed);
      if (dead) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(managed);
  return managed;
}

/** Stops every process the harness started (on exit or failure). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((m) => m.stop()));
}

/** The identity tokens' secret of the benchmark's subgraphs and gateways (never a deployment's). */
export const SECRET_INTERNAL = 'bench-internal-jwt-secret-0123456789-abcdefgh';

/** The environment of a benchmark subgraph: production settings and the demo data, on 127.0.0.1. */
export function subgraphEnv(options: { databaseUrl: string; dbPrefix: string; dataDir: string; port: number; sqlStatements: boolean }): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    INTERNAL_JWT_SECRET: SECRET_INTERNAL,
    DATABASE_URL: options.databaseUrl,
    DB_PREFIX: options.dbPrefix,
    DATA_DIR: options.dataDir,
    DEMO_SEED: 'true',
    LOG_SQL_STATEMENTS: options.sqlStatements ? 'true' : 'false',
    PORT: String(options.port),
    HOST: '127.0.0.1',
  };
}
