// A/B of the subgraphs alone: old and new builds of events, members, datasets side by side (own
// databases, demo seed), the W3 chain of fetches (as our gateway sends them, representations
// deduplicated) driven at fixed concurrency, old and new blocks alternated; CPU from /proc.
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync, openSync } from 'node:fs';
const ROUNDS = Number(process.env.AB_ROUNDS ?? 4), SECONDS = Number(process.env.AB_SECONDS ?? 12), CONC = 4;
const builds = { old: '/tmp/h24/before', new: '/tmp/h24/after' };
const names = ['events', 'members', 'datasets'];
let port = 7360;
const procs = {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function start(build, name) {
  const p = port++;
  mkdirSync(`/tmp/h24/ab/${build}`, { recursive: true });
  const fd = openSync(`/tmp/h24/ab/${build}/${name}.log`, 'a');
  const child = spawn(process.execPath, [`${builds[build]}/subgraphs/${name}/dist/main.js`], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'info', INTERNAL_JWT_SECRET: 'bench-internal-jwt-secret-0123456789-abcdefgh',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306', DB_PREFIX: `h24ab${build}`, DATA_DIR: `/tmp/h24/ab/${build}/${name}`, DEMO_SEED: 'true', PORT: String(p), HOST: '127.0.0.1' },
    stdio: ['ignore', fd, fd],
  });
  for (;;) { try { if ((await fetch(`http://127.0.0.1:${p}/ready`)).ok) break; } catch {} await sleep(300); }
  return { child, url: `http://127.0.0.1:${p}/graphql` };
}
const cpu = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; }; // ms
async function post(url, query, variables) {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await r.json(); if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300)); return body.data;
}
const PAGE = `query ($first: Int, $after: String, $filter: EventFilter) { events(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title start organizers { __typename id } presentedDatasets { __typename id } } } } }`;
const ENT = (sel) => `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${sel} } }`;
const reps = (t, ids) => [...new Set(ids)].map((id) => ({ __typename: t, id }));
const filters = [{}, { kinds: ['WEBINAR'] }, { kinds: ['CONFERENCE'] }, { kinds: ['WORKSHOP'] }, ...[2024, 2023, 2022, 2021].flatMap((y) => [{ from: `${y}-01-01T00:00:00Z`, to: `${y}-07-01T00:00:00Z` }, { from: `${y}-07-01T00:00:00Z`, to: `${y + 1}-01-01T00:00:00Z` }])];
async function chain(s, i) {
  const page = await post(s.events.url, PAGE, { first: 100, filter: filters[i % filters.length] });
  const ev = page.events.edges.map((e) => e.node);
  const [, ds] = await Promise.all([
    post(s.members.url, ENT('... on Organization { name }'), { representations: reps('Organization', ev.flatMap((e) => e.organizers.map((o) => o.id))) }),
    post(s.datasets.url, ENT('... on Dataset { title { fr } publisher { __typename id } }'), { representations: reps('Dataset', ev.flatMap((e) => e.presentedDatasets.map((d) => d.id))) }),
  ]);
  const pubs = ds._entities.map((d) => d.publisher?.id).filter(Boolean);
  if (pubs.length) await post(s.members.url, ENT('... on Organization { name }'), { representations: reps('Organization', pubs) });
}
async function block(s) {
  const before = Object.fromEntries(names.map((n) => [n, cpu(s[n].child.pid)]));
  const end = Date.now() + SECONDS * 1000; let done = 0, i = 0;
  await Promise.all(Array.from({ length: CONC }, async () => { while (Date.now() < end) { await chain(s, i++); done++; } }));
  return { done, cpu: Object.fromEntries(names.map((n) => [n, cpu(s[n].child.pid) - before[n]])) };
}
const sets = {};
for (const b of Object.keys(builds)) { sets[b] = {}; for (const n of names) sets[b][n] = await start(b, n); }
for (const b of Object.keys(builds)) for (let i = 0; i < 30; i++) await chain(sets[b], i); // warm-up
const tot = { old: { done: 0, cpu: {} }, new: { done: 0, cpu: {} } };
for (let r = 0; r < ROUNDS; r++) for (const b of r % 2 ? ['new', 'old'] : ['old', 'new']) {
  const x = await block(sets[b]); tot[b].done += x.done; for (const n of names) tot[b].cpu[n] = (tot[b].cpu[n] ?? 0) + x.cpu[n];
  console.log(`round ${r} ${b}: ${x.done} chains`, Object.fromEntries(names.map((n) => [n, (x.cpu[n] / x.done).toFixed(2)])));
}
for (const b of ['old', 'new']) {
  const per = Object.fromEntries(names.map((n) => [n, tot[b].cpu[n] / tot[b].done]));
  console.log(`${b}: ${tot[b].done} chains; CPU ms per chain`, Object.fromEntries(Object.entries(per).map(([k, v]) => [k, v.toFixed(2)])), 'total', Object.values(per).reduce((a, c) => a + c, 0).toFixed(2));
}
for (const b of Object.keys(sets)) for (const n of names) sets[b][n].child.kill('SIGTERM');
