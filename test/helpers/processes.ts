import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A free TCP port (bound then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A node process of this repository (`gateway/dist/main.js`, `subgraphs/x/dist/main.js`) with its output kept. */
export interface NodeProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** What was written to stderr alone. */
  errorOutput(): string;
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<number | string | null>;
  kill(signal?: NodeJS.Signals): Promise<number | string | null>;
}

export function startNode(script: string, env: Record<string, string>, args: string[] = []): NodeProcess {
  const child = spawn(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errorOutput = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    errorOutput += chunk.toString();
  });
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return {
    child,
    output: () => output,
    errorOutput: () => errorOutput,
    exited,
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls a URL until it answers 200 (or throws after `timeoutMs`). */
export async function waitForOk(url: string, timeoutMs = 60_000, what = url, proc?: NodeProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    if (proc && proc.child.exitCode !== null) throw new Error(`${what} exited:\n${proc.output().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms\n${proc?.output().slice(-3000) ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Records what reaches an HTTP server (`server.on('request')`): count and headers. */
export class RequestRecorder {
  readonly seen: { url: string; headers: IncomingHttpHeaders }[] = [];

  attach(server: Server): this {
    // Express may already have rewritten `url` (mount path stripped) when this listener runs.
    server.on('request', (req: { url?: string; originalUrl?: string; headers: IncomingHttpHeaders }) => {
      const url = req.originalUrl ?? req.url ?? '';
      if (url.startsWith('/graphql')) this.seen.push({ url, headers: req.headers });
    });
    return this;
  }

  get count(): number {
    return this.seen.length;
  }

  reset(): void {
    this.seen.length = 0;
  }
}

/**
 * An HTTP proxy in front of a subgraph: it can add latency to every response, to make the
 * subgraph "slow" without touching it.
 */
export interface SlowProxy {
  url: string;
  port: number;
  delayMs: number;
  /** Headers of the requests it forwarded. */
  seen: IncomingHttpHeaders[];
  /** Paths (with their query) of the requests it forwarded. */
  paths: string[];
  /** Bodies of the requests it forwarded, as text. */
  bodies: string[];
  close(): Promise<void>;
}

export async function startSlowProxy(target: string, port = 0): Promise<SlowProxy> {
  const state = { delayMs: 0 };
  const seen: IncomingHttpHeaders[] = [];
  const paths: string[] = [];
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    paths.push(req.url ?? '');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString());
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      setTimeout(() => {
        fetch(`${target}${req.url ?? ''}`, {
          method: req.method ?? 'GET',
          headers,
          ...(req.method === 'POST' ? { body: Buffer.concat(chunks) } : {}),
        }).then(
          async (upstream) => {
            const body = Buffer.from(await upstream.arrayBuffer());
            res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
            res.end(body);
          },
          () => {
            res.writeHead(502);
            res.end();
          },
        );
      }, state.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    seen,
    paths,
    bodies,
    get delayMs() {
      return state.delayMs;
    },
    set delayMs(value: number) {
      state.delayMs = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
