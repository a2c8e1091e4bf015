// Summary of a V8 .heapsnapshot (docs/performance.md, What the gateway's heap holds): self size by
// type and constructor, retained size (dominator tree, Cooper-Harvey-Kennedy) of the largest nodes
// with a retainer path, retained size by constructor, what the holders of a few properties retain
// (PROPS=a,b: Node's source-map cache entries have lineLengths and data.mappings, data.sourcesContent),
// and the loaded scripts' source text by package.
//   node --max-old-space-size=4000 bench/results/issue24-s33-hc-heap.mjs <file.heapsnapshot> [top]
// Snapshots: NODE_OPTIONS="--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=<dir>", then kill -USR2 <pid>
// (the process stops for several seconds: not during a measured run).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const top = Number(process.argv[3] ?? 40);
const snap = JSON.parse(readFileSync(file, 'utf8'));
const meta = snap.snapshot.meta;
const nf = meta.node_fields, ef = meta.edge_fields;
const NF = nf.length, EF = ef.length;
const nTypes = meta.node_types[0], eTypes = meta.edge_types[0];
const nodes = snap.nodes, edges = snap.edges, strings = snap.strings;
const N = nodes.length / NF;
const iType = nf.indexOf('type'), iName = nf.indexOf('name'), iSelf = nf.indexOf('self_size'), iEc = nf.indexOf('edge_count'), iId = nf.indexOf('id');
const eType = ef.indexOf('type'), eName = ef.indexOf('name_or_index'), eTo = ef.indexOf('to_node');
const firstEdge = new Uint32Array(N + 1);
for (let i = 0, e = 0; i < N; i++) { firstEdge[i] = e; e += nodes[i * NF + iEc] * EF; }
firstEdge[N] = edges.length;
const typeOf = (i) => nTypes[nodes[i * NF + iType]];
const nameOf = (i) => strings[nodes[i * NF + iName]];
const selfOf = (i) => nodes[i * NF + iSelf];
const weakIdx = eTypes.indexOf('weak'), shortcutIdx = eTypes.indexOf('shortcut');
const edgeName = (e) => {
  const t = eTypes[edges[e + eType]];
  const n = edges[e + eName];
  return t === 'element' || t === 'hidden' ? `[${n}]` : strings[n];
};
// Successors (non-weak), DFS postorder from root 0.
const order = new Int32Array(N).fill(-1);
const post = new Int32Array(N);
let count = 0;
{
  const stack = [0], it = [firstEdge[0]];
  const visited = new Uint8Array(N); visited[0] = 1;
  while (stack.length) {
    const v = stack[stack.length - 1];
    let e = it[it.length - 1];
    let pushed = false;
    while (e < firstEdge[v + 1]) {
      const t = edges[e + eType];
      const w = edges[e + eTo] / NF;
      e += EF;
      if (t === weakIdx || t === shortcutIdx) continue;
      if (!visited[w]) { visited[w] = 1; it[it.length - 1] = e; stack.push(w); it.push(firstEdge[w]); pushed = true; break; }
    }
    if (!pushed) { stack.pop(); it.pop(); order[v] = count; post[count++] = v; }
  }
}
// Predecessors.
const predCount = new Uint32Array(N + 1);
for (let v = 0; v < N; v++) for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) { const t = edges[e + eType]; if (t === weakIdx || t === shortcutIdx) continue; predCount[edges[e + eTo] / NF]++; }
const predStart = new Uint32Array(N + 1);
for (let i = 0; i < N; i++) predStart[i + 1] = predStart[i] + predCount[i];
const preds = new Uint32Array(predStart[N]);
const fill = predStart.slice();
const predEdge = new Uint32Array(predStart[N]);
for (let v = 0; v < N; v++) for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) { const t = edges[e + eType]; if (t === weakIdx || t === shortcutIdx) continue; const w = edges[e + eTo] / NF; predEdge[fill[w]] = e; preds[fill[w]++] = v; }
// Cooper-Harvey-Kennedy.
const idom = new Int32Array(N).fill(-1);
idom[0] = 0;
const intersect = (a, b) => { while (a !== b) { while (order[a] < order[b]) a = idom[a]; while (order[b] < order[a]) b = idom[b]; } return a; };
let changed = true, rounds = 0;
while (changed) {
  changed = false; rounds++;
  for (let k = count - 2; k >= 0; k--) {
    const v = post[k];
    let nd = -1;
    for (let p = predStart[v]; p < predStart[v + 1]; p++) { const u = preds[p]; if (order[u] < 0 || idom[u] < 0) continue; nd = nd < 0 ? u : intersect(u, nd); }
    if (nd >= 0 && idom[v] !== nd) { idom[v] = nd; changed = true; }
  }
}
const retained = new Float64Array(N);
for (let k = 0; k < count; k++) { const v = post[k]; retained[v] += selfOf(v); if (v !== 0) retained[idom[v]] += retained[v]; }
const MB = (x) => (x / 1048576).toFixed(2);
console.log(`nodes ${N}, reachable ${count}, total self ${MB(retained[0])} MB, dominator rounds ${rounds}`);
// Self size by type and by constructor.
const byCtor = new Map();
for (let k = 0; k < count; k++) { const v = post[k]; const key = `${typeOf(v)}:${typeOf(v) === 'object' || typeOf(v) === 'closure' ? nameOf(v) : ''}`; const r = byCtor.get(key) ?? { n: 0, self: 0 }; r.n++; r.self += selfOf(v); byCtor.set(key, r); }
console.log('\n== self size by type:constructor');
for (const [k, r] of [...byCtor].sort((a, b) => b[1].self - a[1].self).slice(0, top)) console.log(`${MB(r.self).padStart(8)} MB ${String(r.n).padStart(8)}  ${k.slice(0, 100)}`);
// Retainer path from root for a node (via idom chain, naming the edge from idom-ish parent).
const pathOf = (v) => {
  const parts = [];
  let cur = v, guard = 0;
  while (cur !== 0 && guard++ < 30) {
    const d = idom[cur];
    // find an edge from d to cur, else any pred edge
    let label = '?';
    for (let p = predStart[cur]; p < predStart[cur + 1]; p++) { if (preds[p] === d) { label = edgeName(predEdge[p]); break; } }
    if (label === '?' && predStart[cur] < predStart[cur + 1]) label = `~${edgeName(predEdge[predStart[cur]])}`;
    parts.push(`${label}->${nameOf(cur).slice(0, 40)}(${typeOf(cur)})`);
    cur = d;
  }
  return parts.reverse().join(' / ');
};
// Biggest dominators that are not (synthetic) roots, and whose retained is big and children spread.
console.log('\n== top retained nodes (excluding those whose idom retains >= 95% of them... listing outermost)');
const idxs = [];
for (let k = 0; k < count; k++) { const v = post[k]; if (retained[v] > 512 * 1024) idxs.push(v); }
idxs.sort((a, b) => retained[b] - retained[a]);
for (const v of idxs.slice(0, top * 2)) console.log(`${MB(retained[v]).padStart(8)} MB  ${typeOf(v)} ${nameOf(v).slice(0, 60)}  @${nodes[v * NF + iId]}\n          ${pathOf(v)}`);
// Retained by constructor for objects whose dominator is not of the same constructor (top-level instances).
const byTop = new Map();
for (let k = 0; k < count; k++) { const v = post[k]; if (typeOf(v) !== 'object') continue; const d = idom[v]; if (typeOf(d) === 'object' && nameOf(d) === nameOf(v)) continue; const r = byTop.get(nameOf(v)) ?? { n: 0, ret: 0 }; r.n++; r.ret += retained[v]; byTop.set(nameOf(v), r); }
console.log('\n== retained by constructor (outermost instances)');
for (const [k, r] of [...byTop].sort((a, b) => b[1].ret - a[1].ret).slice(0, top)) console.log(`${MB(r.ret).padStart(8)} MB ${String(r.n).padStart(8)}  ${k.slice(0, 100)}`);
// Holders of given properties: sum of the retained size of the objects having them / of the property's value.
for (const prop of (process.env.PROPS ?? 'mappings,lineLengths,sourcesContent').split(',')) {
  let holders = 0, holderRet = 0, valueRet = 0, valueSelfDeep = 0;
  for (let v = 0; v < N; v++) for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) {
    if (eTypes[edges[e + eType]] !== 'property' || strings[edges[e + eName]] !== prop) continue;
    const w = edges[e + eTo] / NF; holders++; holderRet += retained[v]; valueRet += retained[w];
  }
  console.log(`property ${prop}: ${holders} holders retaining ${MB(holderRet)} MB; values retain ${MB(valueRet)} MB`);
}
{
  // Scripts' source text by package (V8 keeps each loaded module's source).
  const byPkg = new Map(); let total = 0, n = 0;
  for (let v = 0; v < N; v++) {
    const name = nameOf(v);
    if (typeOf(v) !== 'code' || !name.startsWith('/')) continue;
    for (let e = firstEdge[v]; e < firstEdge[v + 1]; e += EF) {
      if (strings[edges[e + eName]] !== 'source') continue;
      const s = selfOf(edges[e + eTo] / NF);
      const m = /.*node_modules\/((@[^/]+\/)?[^/]+)/.exec(name);
      const pkg = m ? m[1] : name.split('/').slice(-3, -1).join('/');
      const r = byPkg.get(pkg) ?? { n: 0, bytes: 0 }; r.n++; r.bytes += s; byPkg.set(pkg, r); total += s; n++;
    }
  }
  console.log(`\n== scripts ${n}, source text ${MB(total)} MB, by package`);
  for (const [k, r] of [...byPkg].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) console.log(`${MB(r.bytes).padStart(8)} MB ${String(r.n).padStart(5)} ${k}`);
}
