#!/usr/bin/env node
// Runs a built command of the repository, building its project first only when its sources changed
// (scripts/build.mjs): what `npm run token`, `npm run subgraph` and `npm run supergraph` call.
//   node scripts/run.mjs <project> <built script> [arguments...]
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from './build.mjs';

const [project, script, ...args] = process.argv.slice(2);
if (!project || !script) {
  console.error('usage: node scripts/run.mjs <project> <built script> [arguments...]');
  process.exit(2);
}
ensureBuilt([project], { label: 'npm run' });
// The command reads its arguments from process.argv, as when node runs it directly.
process.argv = [process.argv[0], join(ROOT, script), ...args];
await import(pathToFileURL(join(ROOT, script)).href);
