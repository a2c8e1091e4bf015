// Usage: node bench/results/issue24-s33-hc-gc.mjs <gateway.log of a gateway run with --trace-gc> (docs/performance.md,
// What the gateway's heap holds; NODE_OPTIONS refuses --trace-gc: preload a file that calls
// require("node:v8").setFlagsFromString("--trace-gc")).
// GC events of a gateway log (--trace-gc lines among the request log lines), attributed to the operation
// of the request lines around them: per operation, requests, scavenges, mark-compacts and their pause time.
import { readFileSync } from 'node:fs';
const per = new Map();
const row = (op) => per.get(op) ?? per.set(op, { req: 0, sc: 0, scMs: 0, mc: 0, mcMs: 0, mcIncr: 0, live: [] }).get(op);
let op = 'start-up';
for (const line of readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (line.startsWith('{')) {
    const m = /"operationName":"([^"]*)"/.exec(line);
    if (m && line.includes('"msg":"graphql request"')) { op = m[1]; row(op).req++; }
    continue;
  }
  const g = /ms: (Scavenge|Mark-Compact)(?: \(reduce\))? ([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB, ([\d.]+) \/ ([\d.]+) ms(?:\s+\(\+ ([\d.]+) ms in)?/.exec(line);
  if (!g) continue;
  const r = row(op);
  if (g[1] === 'Scavenge') { r.sc++; r.scMs += Number(g[6]); } else { r.mc++; r.mcMs += Number(g[6]); r.mcIncr += Number(g[8] ?? 0); r.live.push(Number(g[4])); }
}
for (const [k, r] of per) {
  if (r.req < 50 && k !== 'start-up') continue;
  const live = r.live.sort((a, b) => a - b);
  console.log(`${k.padEnd(12)} req ${String(r.req).padStart(6)} | scavenges ${r.sc} (${r.scMs.toFixed(0)} ms; ${(r.scMs / r.req * 1000).toFixed(0)} ms/1k req, mean ${(r.scMs / Math.max(1, r.sc)).toFixed(1)} ms) | mark-compacts ${r.mc} (${r.mcMs.toFixed(0)} ms atomic + ${r.mcIncr.toFixed(0)} ms incremental; ${((r.mcMs + r.mcIncr) / r.req * 1000).toFixed(0)} ms/1k req; live after median ${live[Math.floor(live.length / 2)] ?? '-'} MB)`);
}
