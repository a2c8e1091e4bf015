import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * The import rules of the subgraph house (.dependency-cruiser.cjs; docs/development.md, "Layout of a
 * subgraph"), checked with dependency-cruiser over subgraphs/, shared/ and partners/, and the
 * gateway's (no import circle) over gateway/src and gateway/registry/src. The violations
 * the tree had when the rules came are listed in .dependency-cruiser-known-violations.json (two-way
 * imports between a concept and the folder of a federation stub, which leave with the entity stubs
 * of the federation kit); any other is an error. A second test lays out a small tree that breaks
 * every rule and checks that each one fires, so that a rule that matches nothing cannot pass unseen.
 */

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const KNOWN = join(ROOT, '.dependency-cruiser-known-violations.json');
const DEPCRUISE = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: { name: string }[];
}

function cruise(cwd: string, paths: string[], extra: string[] = []): Violation[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [DEPCRUISE, ...paths, '--config', CONFIG, '--output-type', 'json', ...extra], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    // depcruise exits with the number of errors; its JSON report is on stdout all the same.
    out = (error as { stdout?: string }).stdout ?? '';
    if (!out) throw error;
  }
  const report = JSON.parse(out) as { summary: { violations: Violation[] } };
  return report.summary.violations;
}

const describeViolation = (v: Violation): string =>
  `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => c.name).join(' -> ')})` : ''}`;

describe('import rules (dependency-cruiser)', () => {
  // depcruise's own --ignore-known leaves folder-scoped violations (the two-way rule) in its report:
  // the known list is compared here, by rule and the two ends, so that it applies to every rule.
  const key = (v: Violation): string => `${v.rule.name}|${v.from}|${v.to}`;

  it('subgraphs, shared and partners break no rule beyond the known violations, and every known one is still there', () => {
    const violations = cruise(ROOT, ['subgraphs', 'shared', 'partners']).filter((v) => v.rule.severity === 'error');
    const known = new Set((JSON.parse(readFileSync(KNOWN, 'utf8')) as Violation[]).map(key));
    expect(violations.filter((v) => !known.has(key(v))).map(describeViolation)).toEqual([]);
    const found = new Set(violations.map(key));
    // A violation fixed leaves the list (npx depcruise-baseline rewrites it), so that it cannot come back unseen.
    expect([...known].filter((k) => !found.has(k))).toEqual([]);
  }, 120_000);

  it('the gateway and its registry have no import circle', () => {
    const violations = cruise(ROOT, ['gateway/src', 'gateway/registry/src']).filter((v) => v.rule.severity === 'error');
    expect(violations.map(describeViolation)).toEqual([]);
  }, 120_000);

  it('the known violations are two-way concept imports only', () => {
    const known = JSON.parse(readFileSync(KNOWN, 'utf8')) as Violation[];
    expect([...new Set(known.map((v) => v.rule.name))]).toEqual(['no-two-way-concepts']);
  });

  it('each rule fires on a tree that breaks it', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'house-rules-'));
    try {
      const files: Record<string, string> = {
        'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2022' } }),
        // A root aggregator, and a concept that reaches back up into it.
        'subgraphs/alpha/src/loaders.ts': "import { Thing } from './thing/thing.entity';\nexport const all = [Thing];\n",
        'subgraphs/alpha/src/thing/thing.entity.ts': 'export class Thing {}\n',
        'subgraphs/alpha/src/thing/thing.loaders.ts': "import { all } from '../loaders';\nexport const loaders = all;\n",
        // A resolver that reaches TypeORM itself, installed as in the real tree: a rule that only matched an
        // unresolved 'typeorm' passed here while missing every real resolver.
        'node_modules/typeorm/package.json': JSON.stringify({ name: 'typeorm', version: '0.0.0', main: 'index.js' }),
        'node_modules/typeorm/index.js': 'module.exports = {};\n',
        'subgraphs/alpha/src/thing/thing.resolver.ts': "import { type Repository } from 'typeorm';\nexport type Things = Repository<object>;\n",
        // Two concepts that import each other.
        'subgraphs/alpha/src/thing/thing.service.ts': "import { other } from '../other/other.service';\nexport const thing = (): number => other() + 1;\n",
        'subgraphs/alpha/src/other/other.service.ts': "import { thing } from '../thing/thing.service';\nexport const other = (): number => 1;\nexport const again = thing;\n",
        // One subgraph importing another.
        'subgraphs/beta/src/place/place.service.ts': "import { Thing } from '../../../alpha/src/thing/thing.entity';\nexport const place = new Thing();\n",
        // Two gateway modules tied by types only (a circle all the same: each needs the other to be read).
        'gateway/src/context.ts': "import { type Prefetched } from './fast-path/prefetched';\nexport interface Context { prefetched?: Prefetched }\n",
        'gateway/src/fast-path/prefetched.ts': "import { type Context } from '../context';\nexport interface Prefetched { context: Context }\n",
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(scratch, path)), { recursive: true });
        writeFileSync(join(scratch, path), text);
      }
      const fired = new Set(cruise(scratch, ['subgraphs', 'gateway']).map((v) => v.rule.name));
      expect([...fired].sort()).toEqual([
        'no-circular-gateway',
        'no-concept-to-root-aggregator',
        'no-import-between-subgraphs',
        'no-repository-in-resolver',
        'no-two-way-concepts',
      ]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});
