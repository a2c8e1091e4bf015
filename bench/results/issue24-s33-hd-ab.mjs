// (issue24-s33-hd: issue24-subgraphs-h2-ab.mjs plus the W1 chain, the directory page with facets, and
// AB_ONLY=old|new to run one build alone, e.g. to profile it.)
// A/B of the four subgraphs alone: two builds (AB_OLD, AB_NEW: bench/snapshot.sh directories) side by
// side, own databases (demo seed), the W2 and W3 chains of subgraph fetches as our gateway sends them
// (representations deduplicated), driven at fixed concurrency in alternated old/new blocks; CPU from
// /proc. AB_WORKLOADS=W2,W3 AB_ROUNDS=4 AB_SECONDS=12 AB_PORT=7260 AB_PREFIX=h2ab AB_PROFILE=<dir>
// (V8 CPU profiles of every subgraph, written when they stop). AB_NEW_SCRIPT / AB_OLD_SCRIPT: a
// script run as `node <script> <subgraph>` (PROTO_ROOT = the build) instead of the build's main.js.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
const ROUNDS = Number(process.env.AB_ROUNDS ?? 4), SECONDS = Number(process.env.AB_SECONDS ?? 12), CONC = Number(process.env.AB_CONC ?? 4);
const builds = Object.fromEntries(Object.entries({ old: process.env.AB_OLD, new: process.env.AB_NEW }).filter(([b]) => !process.env.AB_ONLY || b === process.env.AB_ONLY));
const workloads = (process.env.AB_WORKLOADS ?? 'W2,W3').split(',');
const prefix = process.env.AB_PREFIX ?? 'h2ab';
const names = ['members', 'datasets', 'training', 'events'];
const out = process.env.AB_OUT ?? '/tmp/h2/ab';
let port = Number(process.env.AB_PORT ?? 7260);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function start(build, name) {
  const p = port++;
  mkdirSync(`${out}/${build}`, { recursive: true });
  const fd = openSync(`${out}/${build}/${name}.log`, 'a');
  const prof = process.env.AB_PROFILE ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.AB_PROFILE}/${build}/${name}`] : [];
  const script = process.env[`AB_${build.toUpperCase()}_SCRIPT`];
  const entry = script ? [script, name] : [`${builds[build]}/subgraphs/${name}/dist/main.js`];
  const child = spawn(process.execPath, [...prof, ...entry], {
    env: { PATH: process.env.PATH, NODE_ENV: 'production', LOG_LEVEL: 'info', INTERNAL_JWT_SECRET: 'bench-internal-jwt-secret-0123456789-abcdefgh',
      DATABASE_URL: 'mysql://root@127.0.0.1:3306', DB_PREFIX: `${prefix}${build}`, DATA_DIR: `${out}/${build}/${name}`, DEMO_SEED: 'true', PORT: String(p), HOST: '127.0.0.1', PROTO_ROOT: builds[build] },
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
const ENT = (sel) => `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${sel} } }`;
const reps = (t, ids) => [...new Set(ids)].map((id) => ({ __typename: t, id }));
const entities = async (url, representations, sel) => (representations.length ? (await post(url, ENT(sel), { representations }))._entities : []);

const EVENT_PAGE = `query ($first: Int, $after: String, $filter: EventFilter) { events(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id title start organizers { __typename id } presentedDatasets { __typename id } } } } }`;
const eventFilters = [{}, { kinds: ['WEBINAR'] }, { kinds: ['CONFERENCE'] }, { kinds: ['WORKSHOP'] }, ...[2024, 2023, 2022, 2021].flatMap((y) => [{ from: `${y}-01-01T00:00:00Z`, to: `${y}-07-01T00:00:00Z` }, { from: `${y}-07-01T00:00:00Z`, to: `${y + 1}-01-01T00:00:00Z` }])];
async function w3(s, i) {
  const page = await post(s.events.url, EVENT_PAGE, { first: 100, filter: eventFilters[i % eventFilters.length] });
  const ev = page.events.edges.map((e) => e.node);
  const [, ds] = await Promise.all([
    entities(s.members.url, reps('Organization', ev.flatMap((e) => e.organizers.map((o) => o.id))), '... on Organization { name }'),
    entities(s.datasets.url, reps('Dataset', ev.flatMap((e) => e.presentedDatasets.map((d) => d.id))), '... on Dataset { title { fr } publisher { __typename id } }'),
  ]);
  await entities(s.members.url, reps('Organization', ds.map((d) => d.publisher?.id).filter(Boolean)), '... on Organization { name }');
}
const ORG_PAGE = `query ($first: Int, $after: String, $filter: OrganizationFilter) { organizations(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { __typename id name } } } }`;
const orgFilters = [{}, { ecosystem: 'MEDICEN' }, { ecosystem: 'PSC' }, { ecosystem: 'ADS' }, { kinds: ['RESEARCH_INSTITUTE'] }, { kinds: ['UNIVERSITY'] }, { kinds: ['LARGE_COMPANY'] }, { kinds: ['SME'] }];
async function w2(s, i) {
  const page = await post(s.members.url, ORG_PAGE, { first: 20, filter: orgFilters[i % orgFilters.length] });
  const orgs = reps('Organization', page.organizations.edges.map((e) => e.node.id));
  const [ds] = await Promise.all([
    entities(s.datasets.url, orgs, '... on Organization { datasets { __typename id title { fr } } }'),
    entities(s.training.url, orgs, '... on Organization { trainingOffers { id title } }'),
    entities(s.events.url, orgs, '... on Organization { organizedEvents { id title start } }'),
  ]);
  await entities(s.events.url, reps('Dataset', ds.flatMap((o) => (o.datasets ?? []).map((d) => d.id))), '... on Dataset { presentedAt { id title start } }');
}
// W1 as the bench sends it to members (no gateway in between): the page of 50 with facets, over
// browsing filters and text searches interleaved (words of the organisations' names).
const FACET = '{ value count label }';
const DIRECTORY = `query Directory($first: Int, $after: String, $filter: OrganizationFilter) { organizations(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } facets { kinds ${FACET} sectors ${FACET} ecosystems ${FACET} roles ${FACET} sizes ${FACET} } edges { cursor node { id name acronym kind sectors website } } } }`;
const browse = [{}, { ecosystem: 'MEDICEN' }, { ecosystem: 'PSC' }, { ecosystem: 'ADS' }, { kinds: ['STARTUP'] }, { kinds: ['SME'] }, { kinds: ['UNIVERSITY'] }, { sectors: ['E_HEALTH'] }, { ecosystem: 'MEDICEN', sectors: ['E_HEALTH'] }, { kinds: ['LARGE_COMPANY'] }];
let dirFilters = browse;
async function directoryFilters(url) {
  const names = (await post(url, '{ organizations(first: 200) { edges { node { name } } } }', {})).organizations.edges.map((e) => e.node.name);
  const terms = new Set();
  for (const name of names) for (const word of name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z]+/)) if (word.length >= 4) terms.add(word.slice(0, 4 + (terms.size % 3)));
  const texts = [...terms].slice(0, browse.length).map((text) => ({ text }));
  return browse.flatMap((f, i) => (texts[i] ? [f, texts[i]] : [f]));
}
async function w1(s, i) {
  await post(s.members.url, DIRECTORY, { first: 50, filter: dirFilters[i % dirFilters.length] });
}
const chains = { W1: w1, W2: w2, W3: w3 };
async function block(s, chain) {
  const before = Object.fromEntries(names.map((n) => [n, cpu(s[n].child.pid)]));
  const end = Date.now() + SECONDS * 1000; let done = 0, i = 0;
  await Promise.all(Array.from({ length: CONC }, async () => { while (Date.now() < end) { await chain(s, i++); done++; } }));
  return { done, cpu: Object.fromEntries(names.map((n) => [n, cpu(s[n].child.pid) - before[n]])) };
}
const sets = {};
for (const b of Object.keys(builds)) { sets[b] = {}; for (const n of names) sets[b][n] = await start(b, n); }
dirFilters = await directoryFilters(Object.values(sets)[0].members.url);
for (const b of Object.keys(builds)) for (const w of workloads) for (let i = 0; i < 30; i++) await chains[w](sets[b], i); // warm-up
const rows = [];
for (let r = 0; r < ROUNDS; r++) for (const w of workloads) for (const b of (r % 2 ? ['new', 'old'] : ['old', 'new']).filter((x) => x in builds)) {
  const x = await block(sets[b], chains[w]);
  const per = Object.fromEntries(names.map((n) => [n, x.cpu[n] / x.done]));
  const total = Object.values(per).reduce((a, c) => a + c, 0);
  rows.push({ r, w, b, done: x.done, per, total });
  console.log(`round ${r} ${w} ${b}: ${x.done} chains, CPU ms per chain`, JSON.stringify(Object.fromEntries(Object.entries(per).map(([k, v]) => [k, +v.toFixed(2)]))), 'total', total.toFixed(2));
}
const median = (xs) => { const s = [...xs].sort((a, c) => a - c); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
for (const w of workloads) for (const b of ['old', 'new'].filter((x) => x in builds)) {
  const mine = rows.filter((x) => x.w === w && x.b === b);
  console.log(`${w} ${b} medians of ${mine.length} rounds:`, JSON.stringify(Object.fromEntries(names.map((n) => [n, +median(mine.map((x) => x.per[n])).toFixed(2)]))), 'total', median(mine.map((x) => x.total)).toFixed(2), 'chains', mine.map((x) => x.done).join('/'));
}
for (const w of builds.old && builds.new ? workloads : []) {
  const ratios = [...new Set(rows.map((x) => x.r))].map((r) => rows.find((x) => x.r === r && x.w === w && x.b === 'new').total / rows.find((x) => x.r === r && x.w === w && x.b === 'old').total);
  console.log(`${w} new/old per round:`, ratios.map((x) => x.toFixed(2)).join(' '), 'median', median(ratios).toFixed(2));
}
for (const b of Object.keys(sets)) for (const n of names) sets[b][n].child.kill('SIGTERM');
