// (issue24-s34) What each gateway sends the subgraphs for the same operations: the four subgraphs
// (demo seed, own databases), a recording proxy in front of each, and our gateway, Hive Gateway
// with the Rust planner and stock @apollo/gateway all pointed at the proxies. Then, one gateway at
// a time: (1) a few fixed W2/W3 requests one after another, each subgraph request recorded whole
// (headers, body, answer size); (2) the bench's W2 and W3 mixes at 10 connections (autocannon, as
// the bench) for CAP_SECONDS, counting subgraph requests per gateway request, representations,
// bytes, and the connections each gateway opened to the proxies. Prints the tables of
// issue24-s34-capture.md; the records stay in CAP_OUT/records.json.
// Build first (npx tsc -b && npx tsc -b bench); then
//   CAP_GATEWAYS=hive-rust,ours,stock CAP_PORT=7300 CAP_PREFIX=h3s34_cap CAP_OUT=/tmp/h3/cap CAP_SECONDS=10 \
//   [CAP_ROOT=<gateway build>] [CAP_DIRECT=1: no proxies, sockets counted with ss] node bench/results/issue24-s34-capture.mjs
import { createServer, request as httpRequest, Agent } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
const require = createRequire(import.meta.url);
const ROOT = resolve(new URL('.', import.meta.url).pathname, '../..');
const { startProcess, stopAll } = require(join(ROOT, 'bench/dist/src/processes.js'));
const { oursEnv, prepareWorkloads } = require(join(ROOT, 'bench/dist/src/run.js'));
const { autocannonRun, execute } = require(join(ROOT, 'bench/dist/src/load.js'));
const { sampler } = require(join(ROOT, 'bench/dist/src/workloads.js'));
const { apiSchemaOf } = require(join(ROOT, 'bench/dist/src/schema.js'));
const { readFileSync } = require('node:fs');

const SECRET_INTERNAL = 'bench-internal-jwt-secret-0123456789-abcdefgh';
const NAMES = ['members', 'datasets', 'training', 'events'];
const out = process.env.CAP_OUT ?? '/tmp/h3/cap';
const prefix = process.env.CAP_PREFIX ?? 'h3s34_cap';
const seconds = Number(process.env.CAP_SECONDS ?? 8);
const gatewayRoot = process.env.CAP_ROOT ?? ROOT;
let port = Number(process.env.CAP_PORT ?? 7300);
mkdirSync(out, { recursive: true });
process.on('unhandledRejection', (error) => {
  console.error(error);
  void stopAll().then(() => process.exit(1));
});
const log = (m) => process.stderr.write(`[cap ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

// --- the recording proxies -----------------------------------------------------------------------
let phase = 'setup';
const records = []; // { phase, subgraph, conn, headers, bytes, answerBytes, body }
const connections = []; // { phase, subgraph, requests }
function proxy(subgraph, target) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const conn = req.socket.capture;
      conn.requests++;
      const text = body.toString('utf8');
      const record = { phase, subgraph, conn: conn.id, method: req.method, bytes: body.length };
      if (phase.startsWith('seq')) Object.assign(record, { url: req.url, headers: req.headers, body: text });
      else {
        // Under load only what is counted: the operation, its representations (all and distinct).
        const parsed = JSON.parse(text);
        const reps = parsed.variables?.representations;
        Object.assign(record, { query: parsed.query, reps: reps?.length ?? 0, distinct: reps ? new Set(reps.map((r) => JSON.stringify(r))).size : 0 });
      }
      records.push(record);
      const headers = { ...req.headers };
      delete headers.connection;
      const upstream = httpRequest(target + req.url, { method: req.method, headers, agent }, (answer) => {
        const parts = [];
        answer.on('data', (c) => parts.push(c));
        answer.on('end', () => {
          const data = Buffer.concat(parts);
          record.answerBytes = data.length;
          record.status = answer.statusCode;
          if (phase.startsWith('seq')) record.answerHeaders = answer.headers;
          res.writeHead(answer.statusCode, answer.headers);
          res.end(data);
        });
      });
      upstream.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
      upstream.end(body);
    });
  });
  let next = 0;
  server.on('connection', (socket) => {
    socket.capture = { id: `${subgraph}#${next++}`, phase, subgraph, requests: 0 };
    connections.push(socket.capture);
  });
  server.keepAliveTimeout = 65_000;
  const p = port++;
  return new Promise((r) => server.listen(p, '127.0.0.1', () => r(`http://127.0.0.1:${p}`)));
}

// --- processes --------------------------------------------------------------------------------------
const subgraphs = {};
for (const name of NAMES) {
  const p = port++;
  subgraphs[name] = await startProcess({
    name, script: `subgraphs/${name}/dist/main.js`, port: p, timeoutMs: 600_000, logFile: join(out, `${name}.log`),
    env: { NODE_ENV: 'production', LOG_LEVEL: 'info', INTERNAL_JWT_SECRET: SECRET_INTERNAL, DATABASE_URL: 'mysql://root@127.0.0.1:3306',
      DB_PREFIX: prefix, DATA_DIR: join(out, name), DEMO_SEED: 'true', PORT: String(p), HOST: '127.0.0.1' },
  });
}
// CAP_DIRECT=1: no proxies, the gateways on the subgraphs themselves (connections counted with ss).
const direct = process.env.CAP_DIRECT === '1';
const proxied = {};
for (const name of NAMES) proxied[name] = direct ? subgraphs[name].url : `${await proxy(name, `http://127.0.0.1:${subgraphs[name].port}`)}/graphql`;
const subgraphPorts = new Set(NAMES.map((n) => (direct ? subgraphs[n].port : Number(new URL(proxied[n]).port))));
/** The gateway's sockets to the subgraphs (or proxies), from ss: local ports of established connections. */
function socketsOf(pid) {
  const lines = execFileSync('ss', ['-tnpH', 'state', 'established'], { encoding: 'utf8' }).split('\n');
  const ports = [];
  for (const line of lines) {
    if (!line.includes(`pid=${pid},`)) continue;
    const [local, peer] = line.trim().split(/\s+/).slice(2, 4);
    if (subgraphPorts.has(Number(peer.split(':').pop()))) ports.push(local.split(':').pop());
  }
  return ports;
}
log('subgraphs and proxies up');
const oursPort = port++;
const ours = await startProcess({
  name: 'ours', script: 'gateway/dist/main.js', root: gatewayRoot, port: oursPort, logFile: join(out, 'gateway.log'),
  env: { ...oursEnv(false), PORT: String(oursPort), HOST: '127.0.0.1', DATA_DIR: join(out, 'gateway'), DATABASE_URL: 'mysql://root@127.0.0.1:3306',
    DB_PREFIX: prefix, NODE_OPTIONS: '--max-old-space-size=224 --max-semi-space-size=32',
    ...Object.fromEntries(NAMES.map((s) => [`SUBGRAPH_${s.toUpperCase()}_URL`, proxied[s]])) },
});
const subgraphList = NAMES.map((s) => `${s}=${proxied[s]}`).join(',');
const hivePort = port++;
const hive = await startProcess({ name: 'hive-rust', script: 'bench/dist/hive-gateway.js', port: hivePort, readyPath: '/readiness', logFile: join(out, 'hive.log'),
  env: { PORT: String(hivePort), HIVE_PLANNER: 'rust', SUPERGRAPH_FILE: join(out, 'gateway', 'supergraph.graphql'), SUBGRAPHS: subgraphList } });
const stockPort = port++;
const stock = await startProcess({ name: 'stock', script: 'bench/dist/stock-gateway.js', port: stockPort, logFile: join(out, 'stock.log'), env: { PORT: String(stockPort), SUBGRAPHS: subgraphList } });
const wanted = (process.env.CAP_GATEWAYS ?? 'ours,hive-rust,stock').split(',');
const started = { ours, 'hive-rust': hive, stock };
const gateways = Object.fromEntries(wanted.map((name) => [name, started[name]]));
log('gateways up');

const schema = apiSchemaOf(readFileSync(join(out, 'gateway', 'supergraph.graphql'), 'utf8'));
const workloads = await prepareWorkloads(schema, ours.url, ['W2', 'W3']);

// --- (1) fixed requests, one at a time ---------------------------------------------------------------
const fixed = {
  W2: [{ first: 20 }, { first: 20, filter: { ecosystem: 'PSC' } }],
  W3: [{ first: 100 }, { first: 100, filter: { kinds: ['WEBINAR'] } }],
};
const answers = {};
for (const [gw, g] of Object.entries(gateways)) {
  for (const w of workloads) {
    for (const [i, variables] of fixed[w.id].entries()) {
      phase = 'warm';
      await execute(g.url, w.query, variables);
      phase = `seq ${gw} ${w.id} ${i}`;
      const body = await execute(g.url, w.query, variables);
      answers[phase] = JSON.stringify(body).length;
      if (body.errors) log(`${phase}: errors ${JSON.stringify(body.errors).slice(0, 200)}`);
    }
  }
}
// --- (2) the mixes at 10 connections --------------------------------------------------------------------
const loads = {};
for (const w of workloads) {
  for (const [gw, g] of Object.entries(gateways)) {
    phase = `load ${gw} ${w.id}`;
    const seen = new Set();
    let samples = 0, open = 0, most = 0;
    const sampling = setInterval(() => {
      const ports = socketsOf(g.pid);
      for (const p of ports) seen.add(p);
      samples++; open += ports.length; most = Math.max(most, ports.length);
    }, 250);
    const result = await autocannonRun(g.url, w, sampler(w, 42), { connections: 10, durationSeconds: seconds, warmupSeconds: 0, pid: g.pid, subgraphPids: Object.values(subgraphs).map((s) => s.pid) });
    clearInterval(sampling);
    await new Promise((r) => setTimeout(r, 1000));
    const after = socketsOf(g.pid).length;
    loads[phase] = { requests: result.requests, rps: result.requestsPerSecond, cpu: result.cpuMs, sockets: { distinct: seen.size, meanOpen: open / samples, mostOpen: most, openAfter1s: after } };
    log(`${phase}: sockets to the subgraphs ${JSON.stringify(loads[phase].sockets)}`);
    log(`${phase}: ${result.requests} requests, ${result.requestsPerSecond?.toFixed?.(1)} req/s, errors ${result.errors}, GraphQL errors ${result.graphqlErrors}`);
  }
}
phase = 'done';
writeFileSync(join(out, 'records.json'), JSON.stringify({ records, connections, answers, loads }));
log(`${records.length} subgraph requests recorded -> ${out}/records.json`);
printTables();
await stopAll();
process.exit(0);

/** The tables of issue24-s34-capture.md from the records. */
function printTables() {
  const seq = {};
  for (const x of records.filter((r) => r.phase.startsWith('seq'))) {
    const [, gw, w, i] = x.phase.split(' ');
    const reps = JSON.parse(x.body).variables?.representations;
    ((seq[`${w} #${i}`] ??= {})[gw] ??= []).push({ subgraph: x.subgraph, bytes: x.bytes, answer: x.answerBytes, reps: reps?.length ?? 0,
      distinct: reps ? new Set(reps.map((r) => JSON.stringify(r))).size : 0,
      headers: Object.keys(x.headers).filter((h) => !['host', 'content-length', 'connection'].includes(h)).join(', ') });
  }
  const lines = ['| request | gateway | fetches | request bytes | answer bytes | representations (distinct) |', '|---|---|---:|---:|---:|---|'];
  const headers = {};
  for (const [request, byGateway] of Object.entries(seq)) {
    for (const [gw, fetches] of Object.entries(byGateway)) {
      const sum = (k) => fetches.reduce((total, f) => total + f[k], 0);
      lines.push(`| ${request} | ${gw} | ${fetches.length} | ${sum('bytes')} | ${sum('answer')} | ${fetches.filter((f) => f.reps).map((f) => `${f.subgraph} ${f.reps} (${f.distinct})`).join(', ')} |`);
      headers[gw] = fetches[0].headers;
    }
  }
  lines.push('', 'Headers besides host, content-length, connection:', ...Object.entries(headers).map(([gw, h]) => `- ${gw}: ${h}`), '');
  lines.push('| gateway, workload | gateway requests | subgraph requests per request | request bytes per request | answer bytes per request | representations per request (distinct) | sockets opened | sockets (ss): seen / mean open / most open |',
    '|---|---:|---:|---:|---:|---:|---:|---|');
  for (const [phaseName, load] of Object.entries(loads)) {
    const mine = records.filter((r) => r.phase === phaseName);
    const n = load.requests;
    const per = (k) => (mine.reduce((total, r) => total + (r[k] ?? 0), 0) / n).toFixed(k === 'reps' || k === 'distinct' ? 1 : 0);
    const opened = connections.filter((c) => c.phase === phaseName).length;
    const s = load.sockets;
    lines.push(`| ${phaseName.replace('load ', '')} | ${n} | ${(mine.length / n).toFixed(2)} | ${per('bytes')} | ${per('answerBytes')} | ${per('reps')} (${per('distinct')}) | ${direct ? 'n/a' : opened} | ${s.distinct} / ${s.meanOpen.toFixed(1)} / ${s.mostOpen} |`);
  }
  console.log(lines.join('\n'));
}
