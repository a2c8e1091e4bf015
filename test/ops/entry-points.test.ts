import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Every process entry point (servers, CLIs, the scripts that load the project's code) starts with
 * the one bootstrap module (shared/src/bootstrap.ts), so none loads less than the others: the token
 * command once crashed because it alone lacked reflect-metadata. The entry points are found, not
 * listed: the package.json scripts' targets, every src/main.ts, every command of gateway/src/cli.
 */
const ROOT = join(__dirname, '..', '..');
const BOOTSTRAP_TS = "import '@ecosystem/shared/dist/bootstrap';";
const BOOTSTRAP_MJS = "import '../shared/dist/bootstrap.js';";

function firstImport(file: string): string | undefined {
  return readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .find((line) => /^import\s/.test(line));
}

/** The source of a built file a script runs (`gateway/dist/cli/x.js` -> `gateway/src/cli/x.ts`). */
function sourceOf(target: string): string {
  if (target.endsWith('.mjs')) return target;
  const candidates = [target.replace('/dist/src/', '/src/'), target.replace('/dist/', '/src/'), target.replace('/dist/', '/')].map((path) => path.replace(/\.js$/, '.ts'));
  const found = candidates.find((path) => existsSync(join(ROOT, path)));
  if (!found) throw new Error(`no source for ${target}`);
  return found;
}

function entryPoints(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const targets = Object.values(scripts).flatMap((script) => [...script.matchAll(/\b([\w./-]+\.(?:js|mjs))\b/g)].map((match) => match[1] as string));
  const mains = ['gateway', 'partners/template', ...readdirSync(join(ROOT, 'subgraphs')).map((name) => `subgraphs/${name}`)]
    .map((dir) => `${dir}/src/main.ts`)
    .filter((file) => existsSync(join(ROOT, file)));
  const clis = readdirSync(join(ROOT, 'gateway/src/cli'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `gateway/src/cli/${name}`)
    // A module the commands import (it exports) is not a command.
    .filter((file) => !/^export /m.test(readFileSync(join(ROOT, file), 'utf8')));
  return [...new Set([...targets.map(sourceOf), ...mains, ...clis])].sort();
}

/**
 * Scripts that only spawn or build need no bootstrap (scripts/run.mjs imports an entry point, which
 * starts with it); one that requires or imports built project code in its own process does.
 */
const loadsProjectCode = (file: string): boolean => /require\([^)]*dist\/|from\s+'[^']*dist\//.test(readFileSync(join(ROOT, file), 'utf8'));

describe('process entry points', () => {
  const entries = entryPoints();

  it('are found: the servers, the CLIs and the scripts', () => {
    expect(entries).toEqual(
      expect.arrayContaining([
        'gateway/src/main.ts',
        'gateway/src/cli/dev-token.ts',
        'gateway/src/cli/subgraph.ts',
        'gateway/src/cli/supergraph.ts',
        'subgraphs/members/src/main.ts',
        'partners/template/src/main.ts',
        'scripts/start.mjs',
        'scripts/migration-generate.mjs',
      ]),
    );
  });

  it('start with the bootstrap module, before any other import', () => {
    const wrong = entries
      .filter((file) => !file.endsWith('.mjs') || loadsProjectCode(file))
      .filter((file) => firstImport(file) !== (file.endsWith('.mjs') ? BOOTSTRAP_MJS : BOOTSTRAP_TS))
      .map((file) => `${file}: ${firstImport(file) ?? '(no import)'}`);
    expect(wrong).toEqual([]);
  });

  it("leave Node's source maps off: their cache would keep every dependency's map in the heap", () => {
    const bootstrap = join(ROOT, 'shared', 'dist', 'bootstrap.js');
    const enabled = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(bootstrap)}); process.stdout.write(String(process.sourceMapsEnabled))`], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    expect(enabled).toBe('false');
  });
});
