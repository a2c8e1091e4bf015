import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/*
 * No source file imports a third-party package's dist/ internals: what a package does not export is
 * free to move or vanish in any release, and its types with it. Every import form is read (import,
 * export from, require, dynamic import, import type) by TypeScript's own pre-processor, over the
 * TypeScript and JavaScript sources of every workspace and of scripts/ (ESLint skips the .mjs ones).
 * The workspaces' own packages are the project's and are not third-party.
 */

const ROOT = join(__dirname, '..', '..');
const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];
const SKIPPED = ['**/node_modules', '**/dist', '**/generated', 'coverage', 'bench/results', '**/*.d.ts'];

function workspacePackages(): Set<string> {
  const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  return new Set(
    root.workspaces.map((dir) => (JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8')) as { name: string }).name),
  );
}

/** The package a bare specifier names and the path inside it; undefined for a relative or absolute path or a node: builtin. */
function splitSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const length = specifier.startsWith('@') ? 2 : 1;
  return { name: parts.slice(0, length).join('/'), subpath: parts.slice(length).join('/') };
}

function distImports(source: string, own: Set<string>): string[] {
  const { importedFiles } = ts.preProcessFile(source, true, true);
  return importedFiles
    .map((file) => file.fileName)
    .filter((specifier) => {
      const split = splitSpecifier(specifier);
      return split !== undefined && !own.has(split.name) && /^dist(?:\/|$)/.test(split.subpath);
    });
}

describe('no deep import of a package’s dist/', () => {
  const own = workspacePackages();

  it('finds one in every import form, and not in a package’s public entry or the workspaces’ own packages', () => {
    const source = [
      "import { type GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';",
      "export { x } from 'some-lib/dist/x';",
      "const y = require('other-lib/dist');",
      "void import('@scope/lib/dist/z.js');",
      "import { buildSubgraphSchema } from '@apollo/subgraph';",
      "import { print } from 'graphql/language/printer';",
      "import '@ecosystem/shared/dist/bootstrap';",
      "import { here } from './dist/here';",
    ].join('\n');
    expect(distImports(source, own)).toEqual(['@apollo/subgraph/dist/schema-helper', 'some-lib/dist/x', 'other-lib/dist', '@scope/lib/dist/z.js']);
  });

  it('no source file of the repository has one', () => {
    const files = ts.sys.readDirectory(ROOT, EXTENSIONS, SKIPPED);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) =>
      distImports(readFileSync(file, 'utf8'), own).map((specifier) => `${relative(ROOT, file)}: ${specifier}`),
    );
    expect(found).toEqual([]);
  });
});
