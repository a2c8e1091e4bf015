#!/usr/bin/env node
// `npm start`: the four subgraphs (4001-4004) and the gateway (4000) as five processes, on the
// embedded database under DATA_DIR (default ./.data) unless DATABASE_URL is set. Ctrl-C stops all.
// The ports can be moved with MEMBERS_PORT, DATASETS_PORT, TRAINING_PORT, EVENTS_PORT and PORT.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const env = process.env;
const subgraphs = [
  { name: 'members', port: Number(env.MEMBERS_PORT ?? 4001) },
  { name: 'datasets', port: Number(env.DATASETS_PORT ?? 4002) },
  { name: 'training', port: Number(env.TRAINING_PORT ?? 4003) },
  { name: 'events', port: Number(env.EVENTS_PORT ?? 4004) },
];
const gatewayPort = Number(env.PORT ?? 4000);
const children = new Map();
let stopping = false;

function start(name, script, extraEnv) {
  const child = spawn(process.execPath, [join(root, script)], {
    env: { ...env, ...extraEnv },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping the others`);
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

for (const { name, port } of subgraphs) {
  // PORT is the gateway's own setting; each subgraph gets its port explicitly.
  start(name, `subgraphs/${name}/dist/main.js`, { PORT: String(port) });
}
start('gateway', 'gateway/dist/main.js', {
  PORT: String(gatewayPort),
  ...Object.fromEntries(
    subgraphs.map(({ name, port }) => [`SUBGRAPH_${name.toUpperCase()}_URL`, env[`SUBGRAPH_${name.toUpperCase()}_URL`] ?? `http://localhost:${port}/graphql`]),
  ),
});

// Tell a person where to go once the graph answers.
const deadline = Date.now() + 120_000;
async function waitReady() {
  while (!stopping && Date.now() < deadline) {
    try {
      const response = await fetch(`http://localhost:${gatewayPort}/ready`);
      if (response.ok) {
        console.error(`\n[start] The graph is ready: http://localhost:${gatewayPort}/graphql  (Ctrl-C stops it)\n`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
waitReady();
