// Sums a V8 .cpuprofile (--cpu-prof) per package and per function, self and inclusive (issue24-s33-hd).
// node issue24-s33-hd-profile-sum.mjs <file.cpuprofile> [top] [filter]; TAIL=<s>: the last seconds only (the
// measured blocks of the A/B harness, which stops its subgraphs after them); SKIP=<s>: leave out the first seconds;
// UNDER=<name>: self time below a function; CALLERS=<name>: the stacks above it.
import { readFileSync } from 'node:fs';
const [file, topArg, filter] = process.argv.slice(2); const TOP = Number(topArg ?? 40);
const p = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const pkg = (url) => { if (!url) return '(native)'; const m = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/); if (m) return m[1]; if (url.startsWith('node:')) return 'node:'; const w = url.match(/\/(shared|gateway|subgraphs\/[^/]+)\//); return w ? 'ours:' + w[1] : url.slice(-40); };
const key = (n) => `${n.callFrame.functionName || '(anon)'} ${pkg(n.callFrame.url)}:${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
// SKIP=<s>: leave out the first seconds (start-up, seed, warm-up)
const totalTime = p.timeDeltas.reduce((a, b) => a + b, 0);
// TAIL=<s>: only the last seconds (the measured blocks: the harness stops the process after them)
const skip = process.env.TAIL ? totalTime - Number(process.env.TAIL) * 1e6 : Number(process.env.SKIP ?? 0) * 1e6; let t = 0;
const counts = new Map(); p.samples.forEach((s, i) => { t += p.timeDeltas[i]; if (t >= skip) counts.set(s, (counts.get(s) ?? 0) + 1); });
if (process.env.UNDER) { // self time below a function, by function
  const st = new Map(); let tot = 0;
  for (const [id, c] of counts) { let hit = false; for (let x = id; x !== undefined; x = parent.get(x)) if (key(byId.get(x)).includes(process.env.UNDER)) { hit = true; break; } if (!hit) continue; tot += c; const k = key(byId.get(id)); st.set(k, (st.get(k) ?? 0) + c); }
  console.log('under', process.env.UNDER, tot); for (const [k, c] of [...st].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(c, k);
  process.exit(0);
}
if (process.env.CALLERS) { // the stacks above a function: CALLERS=<name substring>
  const st = new Map();
  for (const [id, c] of counts) { const chain = []; for (let x = id; x !== undefined; x = parent.get(x)) chain.push(byId.get(x)); const i = chain.findIndex((m) => key(m).includes(process.env.CALLERS)); if (i < 0) continue; const k = chain.slice(i, i + 12).map(key).join('\n   <- '); st.set(k, (st.get(k) ?? 0) + c); }
  for (const [k, c] of [...st].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(c, k, '\n');
  process.exit(0);
}
let total = 0, idle = 0; const self = new Map(), incl = new Map(), pself = new Map(), pincl = new Map();
for (const [id, c] of counts) {
  const n = byId.get(id); const fn = n.callFrame.functionName;
  if (fn === '(idle)' || fn === '(program)' && false) { idle += c; continue; }
  total += c;
  self.set(key(n), (self.get(key(n)) ?? 0) + c); const pk = ['(garbage collector)', '(program)'].includes(fn) ? fn : pkg(n.callFrame.url); pself.set(pk, (pself.get(pk) ?? 0) + c);
  const seen = new Set(), seenP = new Set(); for (let x = id; x !== undefined; x = parent.get(x)) { const m = byId.get(x); const k = key(m); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) ?? 0) + c); } const pp = pkg(m.callFrame.url); if (m.callFrame.url && !seenP.has(pp)) { seenP.add(pp); pincl.set(pp, (pincl.get(pp) ?? 0) + c); } }
}
const pct = (c) => (100 * c / total).toFixed(1).padStart(5);
console.log(`${file}: busy samples ${total}, idle ${idle}`);
const show = (title, m, n) => { console.log(`-- ${title}`); for (const [k, c] of [...m].sort((a, b) => b[1] - a[1]).filter(([k]) => !filter || k.includes(filter)).slice(0, n)) console.log(pct(c), k); };
show('self per package', pself, 25); show('inclusive per package', pincl, 25); show('self per function', self, TOP); show('inclusive per function', incl, TOP);
