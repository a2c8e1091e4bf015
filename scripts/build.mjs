// Builds TypeScript projects when their sources changed, so that a command run from a fresh clone
// (`npm start`, `npm test`, the CLIs) builds what it runs, and costs next to nothing when nothing
// changed: a walk over the sources' modification times, and `tsc -b` only when one is newer than the
// project's build info. tsc -b stays the judge of what to rebuild; this only spares its own start-up.
//   import { ensureBuilt } from './build.mjs';  ensureBuilt(['gateway'])
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

/** What `npm start` and the cross-process tests run as processes. */
export const RUNTIME_PROJECTS = [
  'gateway',
  'subgraphs/members',
  'subgraphs/datasets',
  'subgraphs/training',
  'subgraphs/events',
  'partners/template',
];

const SKIP = new Set(['node_modules', 'dist', '.data', 'results']);

function newestInput(dir, newest = 0) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name) || entry.name.endsWith('.tsbuildinfo')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = newestInput(path, newest);
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** The project and every project it references, transitively (tsconfig.json `references`). */
function withReferences(project, seen = new Set()) {
  if (seen.has(project)) return seen;
  seen.add(project);
  const config = JSON.parse(readFileSync(join(ROOT, project, 'tsconfig.json'), 'utf8'));
  for (const reference of config.references ?? []) {
    withReferences(join(project, reference.path).replace(/\\/g, '/'), seen);
  }
  return seen;
}

function buildInfoOf(project) {
  const candidates = [join(ROOT, project, 'tsconfig.tsbuildinfo'), join(ROOT, project, 'dist', 'tsconfig.tsbuildinfo')];
  return candidates.find((path) => existsSync(path));
}

/** The projects (with their references) whose sources are newer than their last build. */
export function staleProjects(projects) {
  const all = new Set();
  for (const project of projects) withReferences(project, all);
  const shared = Math.max(statSync(join(ROOT, 'tsconfig.json')).mtimeMs, statSync(join(ROOT, 'package-lock.json')).mtimeMs);
  return [...all].filter((project) => {
    const info = buildInfoOf(project);
    if (!info || !existsSync(join(ROOT, project, 'dist'))) return true;
    return Math.max(shared, newestInput(join(ROOT, project))) > statSync(info).mtimeMs;
  });
}

/**
 * Runs `tsc -b` on the projects when any of them (or a project they reference) changed since its
 * last build. Returns the seconds the build took, 0 when nothing had changed; throws when tsc fails.
 */
export function ensureBuilt(projects = RUNTIME_PROJECTS, { log = (line) => process.stderr.write(`${line}\n`), label = 'build' } = {}) {
  const stale = staleProjects(projects);
  if (stale.length === 0) return 0;
  log(`[${label}] building ${projects.join(', ')} (tsc -b; changed: ${stale.join(', ')}) ...`);
  const started = Date.now();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', ...projects], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`tsc -b ${projects.join(' ')} failed (exit ${result.status ?? result.signal})`);
  // tsc -b leaves an up-to-date project's build info untouched; mark it checked against these sources.
  const now = new Date();
  for (const project of stale) {
    const info = buildInfoOf(project);
    if (info) utimesSync(info, now, now);
  }
  const seconds = (Date.now() - started) / 1000;
  log(`[${label}] built in ${seconds.toFixed(1)} s`);
  return seconds;
}

// `node scripts/build.mjs [project ...]`: the same from a shell.
if (process.argv[1] && join(process.argv[1]) === join(ROOT, 'scripts', 'build.mjs')) {
  const projects = process.argv.slice(2);
  ensureBuilt(projects.length > 0 ? projects : RUNTIME_PROJECTS);
}
