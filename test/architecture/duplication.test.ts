import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/*
 * Copied blocks in subgraphs/ and shared/ (jscpd, settings in .jscpd.json: dist, node_modules,
 * migrations and seed data left out). What is copied between subgraphs is what a fifth subgraph or a
 * partner copies next: it belongs in shared/. The clones the tree has are counted below; a new one
 * fails. When a change removes clones, lower MAX_CLONES to the new count (the test says so).
 */

const ROOT = join(__dirname, '..', '..');
const JSCPD = join(ROOT, 'node_modules', 'jscpd', 'run-jscpd.js');

/** The clones the tree has today: small input and entity blocks (input ranges, paging arguments) and test set-ups. */
const MAX_CLONES = 22;

interface Report {
  statistics: { total: { clones: number } };
  duplicates: { firstFile: { name: string; start: number; end: number }; secondFile: { name: string; start: number; end: number } }[];
}

function detect(cwd: string): Report {
  const output = mkdtempSync(join(tmpdir(), 'jscpd-report-'));
  try {
    execFileSync(process.execPath, [JSCPD, '--config', join(ROOT, '.jscpd.json'), '--reporters', 'json', '--output', output, '--silent'], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(readFileSync(join(output, 'jscpd-report.json'), 'utf8')) as Report;
  } finally {
    rmSync(output, { recursive: true, force: true });
  }
}

const describeClone = ({ firstFile: a, secondFile: b }: Report['duplicates'][number]): string =>
  `${a.name}:${a.start}-${a.end} = ${b.name}:${b.start}-${b.end}`;

describe('copied code (jscpd)', () => {
  it('subgraphs/ and shared/ have no more copied blocks than counted', () => {
    const report = detect(ROOT);
    const clones = report.statistics.total.clones;
    if (clones > MAX_CLONES) throw new Error(`${clones} copied blocks (at most ${MAX_CLONES}):\n${report.duplicates.map(describeClone).join('\n')}`);
    if (clones < MAX_CLONES) throw new Error(`${clones} copied blocks, fewer than the ${MAX_CLONES} counted: lower MAX_CLONES to ${clones}`);
  }, 120_000);

  it('a block copied from one subgraph into another is found', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'jscpd-tree-'));
    try {
      const block = Array.from({ length: 12 }, (_, i) => `export function step${i}(value: number): number {\n  return value * ${i} + ${i * 7};\n}\n`).join('');
      for (const path of ['subgraphs/alpha/src/thing/thing.loaders.ts', 'subgraphs/beta/src/other/other.loaders.ts']) {
        mkdirSync(dirname(join(scratch, path)), { recursive: true });
        writeFileSync(join(scratch, path), block);
      }
      expect(detect(scratch).statistics.total.clones).toBeGreaterThan(0);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 120_000);
});
