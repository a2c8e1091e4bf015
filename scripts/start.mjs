#!/usr/bin/env node
// `npm start`: builds what changed (scripts/build.mjs), then runs the four subgraphs (4001-4004) and
// the gateway (4000) as five processes, on the embedded database under DATA_DIR (default ./.data)
// unless DATABASE_URL is set. Ctrl-C stops all. The ports can be moved with MEMBERS_PORT,
// DATASETS_PORT, TRAINING_PORT, EVENTS_PORT and PORT.
// While the subgraphs seed their demo data it shows, per subgraph, the rows written of the rows to
// write; once the gateway is ready it prints the playground's URL, however long that takes, and
// every 15 s until then what it is still waiting for.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseEnv } from 'node:util';
import { ensureBuilt, ROOT } from './build.mjs';

const env = process.env;
const subgraphs = [
  { name: 'members', port: Number(env.MEMBERS_PORT ?? 4001) },
  { name: 'datasets', port: Number(env.DATASETS_PORT ?? 4002) },
  { name: 'training', port: Number(env.TRAINING_PORT ?? 4003) },
  { name: 'events', port: Number(env.EVENTS_PORT ?? 4004) },
];
const gatewayPort = Number(env.PORT ?? 4000);
/** The gateway's Node settings (the heap ceiling), shared with docker-compose.yml. */
const gatewayNodeOptions = parseEnv(readFileSync(join(ROOT, 'gateway/node-options.env'), 'utf8')).NODE_OPTIONS ?? '';
const children = new Map();
/** What each process last said about itself: 'starting', 'seeding 1,200 / 30,000 rows', 'ready'. */
const status = new Map([...subgraphs.map(({ name }) => [name, 'starting']), ['gateway', 'starting']]);
const started = Date.now();
let stopping = false;

const say = (line) => process.stderr.write(`[start] ${line}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const number = (n) => Number(n).toLocaleString('en-US');

try {
  ensureBuilt(['gateway', ...subgraphs.map(({ name }) => `subgraphs/${name}`)], { label: 'start' });
} catch (error) {
  say(`${error.message}: nothing started`);
  process.exit(1);
}

/** Passes a process's output through, and reads its JSON log lines for seeding and readiness. */
function follow(name, stream, target) {
  createInterface({ input: stream }).on('line', (line) => {
    let entry;
    try {
      entry = line.startsWith('{') ? JSON.parse(line) : undefined;
    } catch {
      entry = undefined;
    }
    // Seeding progress is shown once, as the launcher's own line below.
    const progress = entry?.msg === 'seeding demo data' && typeof entry.total === 'number';
    if (!progress) target.write(`${line}\n`);
    if (!entry) return;
    if (progress) {
      const done = entry.written === entry.total;
      status.set(name, done ? `seeded ${number(entry.total)} rows` : `seeding ${number(entry.written)} / ${number(entry.total)} rows`);
      say(`${name}: ${done ? 'seeded' : 'seeding'} ${number(entry.written)} / ${number(entry.total)} rows (${elapsed()})`);
    } else if (typeof entry.msg === 'string' && entry.msg.endsWith('ready') && entry.url) {
      status.set(name, 'ready');
    } else if (entry.level >= 50 && entry.msg) {
      status.set(name, `error: ${entry.msg}`);
    }
  });
}

function start(name, script, extraEnv) {
  const child = spawn(process.execPath, [join(ROOT, script)], {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.set(name, child);
  follow(name, child.stdout, process.stdout);
  follow(name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      say(`${name} exited (${signal ?? code}) before the graph was stopped; stopping the others. Its last lines are above.`);
      stop(1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  for (const child of children.values()) child.kill('SIGTERM');
  if (children.size === 0) process.exit(code);
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code);
  }, 10_000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
// The terminal went away: stop the processes rather than leave them running unseen.
process.on('SIGHUP', () => stop(0));
// npm does not pass every signal on (SIGTERM to npm ends npm alone): started by npm, stop when npm
// is gone. Started directly (`nohup node scripts/start.mjs &`), outliving the shell is wanted.
if (env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop(0);
  }, 1000).unref();
}

/** Whether something already listens on a port (another graph, another program). */
function portTaken(port) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(true))
      .once('listening', () => probe.close(() => resolve(false)))
      .listen(port);
  });
}

// Before anything opens a database: a second `npm start` must not touch the files of a running one.
const wanted = [...subgraphs.map(({ name, port }) => ({ name, port, setting: `${name.toUpperCase()}_PORT` })), { name: 'gateway', port: gatewayPort, setting: 'PORT' }];
const taken = [];
for (const entry of wanted) if (await portTaken(entry.port)) taken.push(entry);
if (taken.length > 0) {
  for (const { name, port, setting } of taken) say(`port ${port} (${name}) is already in use; free it or choose another with ${setting}=<port>`);
  say('nothing started');
  process.exit(1);
}

for (const { name, port } of subgraphs) {
  // PORT is the gateway's own setting; each subgraph gets its port explicitly.
  start(name, `subgraphs/${name}/dist/main.js`, { PORT: String(port) });
}
start('gateway', 'gateway/dist/main.js', {
  PORT: String(gatewayPort),
  // The heap ceiling of gateway/node-options.env, which docker-compose gives too (docs/performance.md,
  // Memory). An operator's own ceiling wins; other options of theirs are kept.
  NODE_OPTIONS: /--max-old-space-size/.test(env.NODE_OPTIONS ?? '') ? env.NODE_OPTIONS : `${env.NODE_OPTIONS ?? ''} ${gatewayNodeOptions}`.trim(),
  ...Object.fromEntries(
    subgraphs.map(({ name, port }) => [`SUBGRAPH_${name.toUpperCase()}_URL`, env[`SUBGRAPH_${name.toUpperCase()}_URL`] ?? `http://localhost:${port}/graphql`]),
  ),
});

/**
 * GET http://localhost:<port><path> as { status, body }. Not fetch: fetch refuses the ports that
 * browsers block (6000, 6665-6669, ...), and a graph may be started on one.
 */
function get(port, path) {
  return new Promise((resolve, reject) => {
    const request = httpGet({ host: 'localhost', port, path, timeout: 5000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', reject);
  });
}

/** The gateway's /ready: ok, or the reason it gives (a 503 body), or that it does not answer yet. */
async function gatewayReadiness() {
  try {
    const { status, body } = await get(gatewayPort, '/ready');
    if (status === 200) return { ok: true };
    return { ok: false, reason: `gateway /ready: ${status} ${body.slice(0, 300)}` };
  } catch {
    return { ok: false, reason: `gateway not listening on port ${gatewayPort} yet` };
  }
}

/** Asks each subgraph not yet known ready for its own /ready (for when its log level hides the ready line). */
async function probeSubgraphs() {
  await Promise.all(
    subgraphs.map(async ({ name, port }) => {
      if (status.get(name) === 'ready') return;
      const ok = await get(port, '/ready').then((r) => r.status === 200, () => false);
      if (ok) status.set(name, 'ready');
    }),
  );
}

// Tell a person where to go once the graph answers, and until then what it waits for. The gateway
// is ready as soon as it can serve (from the shipped core supergraph, while subgraphs still seed),
// so the graph is ready only when every subgraph is too: before that, answers lack their fields.
async function waitReady() {
  let lastReport = Date.now();
  while (!stopping) {
    await probeSubgraphs();
    const readiness = await gatewayReadiness();
    const waiting = [...status].filter(([name, state]) => name !== 'gateway' && state !== 'ready').map(([name, state]) => `${name} ${state}`);
    if (readiness.ok && waiting.length === 0) {
      say(`The graph is ready after ${elapsed()}: http://localhost:${gatewayPort}/graphql  (Ctrl-C stops it)`);
      return;
    }
    if (Date.now() - lastReport >= 15_000) {
      lastReport = Date.now();
      say(`not ready yet after ${elapsed()}: ${[...waiting, readiness.ok ? 'gateway ready' : readiness.reason].join('; ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
waitReady();
