#!/usr/bin/env node
// Smoke test of the quick start: `npm start` on a fresh embedded database answers, within the time
// limit, a query that spans the four subgraphs with non-empty data from each; Ctrl-C stops it all.
//   node scripts/smoke.mjs            (ports 4100-4104 so it does not collide with a running graph)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'smoke-'));
const base = Number(process.env.SMOKE_PORT ?? 4100);
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(base),
  MEMBERS_PORT: String(base + 1),
  DATASETS_PORT: String(base + 2),
  TRAINING_PORT: String(base + 3),
  EVENTS_PORT: String(base + 4),
  LOG_LEVEL: 'warn',
};
delete env.DATABASE_URL;
const started = Date.now();
const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { env, stdio: ['ignore', 'inherit', 'pipe'] });
const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
// What a person waits for: the launcher's ready line (the gateway alone is ready earlier, serving the
// shipped supergraph while subgraphs still seed).
const announcedReady = new Promise((resolve) => {
  createInterface({ input: child.stderr }).on('line', (line) => {
    process.stderr.write(`${line}\n`);
    if (line.startsWith('[start] The graph is ready')) resolve();
  });
});

const query = `{
  organizations(first: 200) {
    totalCount
    edges { node { name datasets { title { fr } presentedAt { title start } } trainingOffers { title } organizedEvents { title } } }
  }
}`;

function fail(message) {
  console.error(`smoke: FAILED: ${message}`);
  child.kill('SIGINT');
  setTimeout(() => process.exit(1), 5000);
}

async function main() {
  const ready = await Promise.race([
    announcedReady.then(() => true),
    exited.then(() => false),
    // unref: once ready, the remaining wait must not keep the smoke test running.
    new Promise((resolve) => setTimeout(() => resolve(false), 120_000).unref()),
  ]);
  if (!ready) return fail('npm start did not say the graph is ready within 120 s');
  const readyAfter = (Date.now() - started) / 1000;
  const response = await fetch(`http://localhost:${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  if (body.errors) return fail(JSON.stringify(body.errors).slice(0, 2000));
  const orgs = body.data.organizations.edges.map((e) => e.node);
  const datasets = orgs.flatMap((o) => o.datasets);
  const counts = {
    organizations: orgs.length,
    datasets: datasets.length,
    presentations: datasets.flatMap((d) => d.presentedAt).length,
    trainingOffers: orgs.flatMap((o) => o.trainingOffers).length,
    organizedEvents: orgs.flatMap((o) => o.organizedEvents).length,
  };
  console.log(`smoke: ready after ${readyAfter.toFixed(1)} s; ${JSON.stringify(counts)}`);
  const empty = Object.entries(counts).filter(([, n]) => n === 0).map(([k]) => k);
  if (empty.length) return fail(`empty: ${empty.join(', ')}`);
  child.kill('SIGINT');
  const { code, signal } = await Promise.race([
    exited,
    new Promise((resolve) => setTimeout(() => resolve({ code: 'timeout' }), 15_000)),
  ]);
  if (code !== 0) return fail(`npm start did not stop cleanly on Ctrl-C (${signal ?? code})`);
  rmSync(dataDir, { recursive: true, force: true });
  console.log('smoke: passed (stopped cleanly)');
}

main().catch((error) => fail(error.stack ?? String(error)));
