// CPU per subgraph fetch of the gateway's data source, two builds side by side (issue22-s34-h1).
// node issue22-s34-h1-datasource-ab.mjs <before root> <after root> [rounds] [fetches per round]
// Each root is a built checkout (bench/snapshot.sh). A subgraph stand-in in a child process answers
// every POST with the same compact JSON (about 20 KB, Cache-Control public) so that only the
// gateway side is measured: this process's CPU time (user + system) per `process()` of the data
// source, 10 fetches in flight, rounds alternated, once as the single-fetch executor asks (data
// handed on as text) and once as the plan's execution asks (parsed).
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

if (process.argv[2] === '--serve') {
  const { createServer } = await import('node:http');
  const node = (i) => ({ id: `org-${i}`, name: `Organisation ${i} with a longer name`, kind: 'COMPANY', sectors: ['DATA_AI', 'E_HEALTH'], ecosystems: ['ecosystem-a'] });
  const body = JSON.stringify({ data: { organizations: { totalCount: 400, edges: Array.from({ length: 50 }, (_, i) => ({ node: node(i) })), facets: { kinds: [{ value: 'COMPANY', count: 200 }] } } } });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=30, public' });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, '127.0.0.1', () => process.send(server.address().port));
} else {
  const [beforeRoot, afterRoot] = process.argv.slice(2, 4);
  const rounds = Number(process.argv[4] ?? 6);
  const perRound = Number(process.argv[5] ?? 3000);
  const child = fork(new URL(import.meta.url).pathname, ['--serve']);
  const port = await new Promise((resolve) => child.once('message', resolve));
  const url = `http://127.0.0.1:${port}/graphql`;
  const load = (root) => {
    const require = createRequire(join(root, 'gateway', 'package.json'));
    const { testClients } = require(join(root, 'gateway/dist/resilience/__tests__/test-clients.js'));
    const { INCOMING_OPERATION } = require(join(root, 'gateway/dist/fast-path/single-fetch.js'));
    const { parse } = require('graphql');
    const { createLogger } = require('@ecosystem/shared');
    const { clients } = testClients({ CIRCUIT_BREAKER_ENABLED: 'true', SUBGRAPH_DEDUPLICATE_QUERIES: 'false' });
    const source = clients.dataSource('members', url, true);
    const query = 'query Directory__members__0($first:Int){organizations(first:$first){totalCount edges{node{id name kind sectors ecosystems}}facets{kinds{value count}}}}';
    const document = parse(query);
    const logger = createLogger('ab', 'silent');
    let n = 0;
    return async (rawData) => {
      const hints = [];
      const context = { requestId: `req-${++n}`, viewer: null, logger, identityTokens: new Map(), propagatedHeaders: [['accept-language', 'en']], ...(rawData ? { rawData: true } : {}) };
      const response = await source.process({
        kind: INCOMING_OPERATION,
        request: { query, variables: { first: 50 }, operationName: 'Directory__members__0' },
        incomingRequestContext: { overallCachePolicy: { restrict: (hint) => hints.push(hint) }, request: { query: '{ x }' } },
        context,
        document,
        pathInIncomingRequest: [],
      });
      if (!response.data || hints.length !== 1) throw new Error('unexpected answer');
    };
  };
  const builds = { before: load(beforeRoot), after: load(afterRoot) };
  const run = async (fetchOnce, rawData, count) => {
    let next = 0;
    const worker = async () => { while (next++ < count) await fetchOnce(rawData); };
    const started = process.cpuUsage();
    await Promise.all(Array.from({ length: 10 }, worker));
    const used = process.cpuUsage(started);
    return (used.user + used.system) / count;
  };
  for (const fetchOnce of Object.values(builds)) { await run(fetchOnce, true, 1000); await run(fetchOnce, false, 1000); } // warm-up
  const results = { before: { text: [], parsed: [] }, after: { text: [], parsed: [] } };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
    for (const name of order) {
      results[name].text.push(await run(builds[name], true, perRound));
      results[name].parsed.push(await run(builds[name], false, perRound));
    }
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
  for (const kind of ['text', 'parsed']) {
    const ratios = results.after[kind].map((a, i) => a / results.before[kind][i]);
    console.log(`${kind}: µs of CPU per fetch, before ${results.before[kind].map((x) => x.toFixed(1)).join(' ')} (median ${median(results.before[kind]).toFixed(1)}); after ${results.after[kind].map((x) => x.toFixed(1)).join(' ')} (median ${median(results.after[kind]).toFixed(1)}); after/before per round ${ratios.map((x) => x.toFixed(2)).join(' ')} (median ${median(ratios).toFixed(2)})`);
  }
  child.kill();
  process.exit(0);
}
