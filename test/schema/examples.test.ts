import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { loadExampleOperations } from '@ecosystem/gateway';
import { buildSchema, parse as parseGraphQL, validate } from 'graphql';
import { parse } from 'yaml';

/*
 * The example member directory is built on typed operations: the committed graphql-codegen output
 * and the committed compiled page must be exactly what the commands in docs/querying.md produce
 * from the committed schema/api.graphql.
 */
const root = join(__dirname, '..', '..');
const example = join(root, 'examples', 'member-directory');

function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

describe('the playground examples (gateway/examples)', () => {
  it('are valid against the committed API schema', () => {
    // The gateway serves @defer on queries (gateway/src/defer) beside the API schema.
    const schema = buildSchema(`${readFileSync(join(root, 'schema', 'api.graphql'), 'utf8')}\ndirective @defer(label: String, if: Boolean! = true) on FRAGMENT_SPREAD | INLINE_FRAGMENT\n`);
    const examples = loadExampleOperations();
    expect(examples.length).toBeGreaterThan(0);
    const problems = examples.flatMap((e) => validate(schema, parseGraphQL(e.query)).map((error) => `${e.name}: ${error.message}`));
    expect(problems).toEqual([]);
  });
});

describe('examples/member-directory', () => {
  it('has current generated operation types (npx graphql-codegen --config examples/member-directory/codegen.yml)', () => {
    // The codegen CLI is ESM-heavy: run it as a child process, into a temporary folder.
    const config = parse(readFileSync(join(example, 'codegen.yml'), 'utf8')) as { generates: Record<string, object> };
    const out = mkdtempSync(join(tmpdir(), 'member-directory-codegen-'));
    try {
      const [target, options] = Object.entries(config.generates)[0]!;
      const temporary = join(out, 'codegen.json');
      writeFileSync(temporary, JSON.stringify({ ...config, generates: { [`${join(out, 'generated')}/`]: options } }));
      execFileSync(process.execPath, [join(dirname(require.resolve('@graphql-codegen/cli/package.json')), 'esm', 'bin.js'), '--config', temporary, '--silent'], {
        cwd: root,
        stdio: 'pipe',
      });
      expect(filesUnder(join(root, target))).toEqual(filesUnder(join(out, 'generated')));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('has a current compiled page in js/ (npx tsc -p examples/member-directory)', () => {
    const out = mkdtempSync(join(tmpdir(), 'member-directory-'));
    try {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(example, 'tsconfig.json'), '--outDir', out], {
        stdio: 'pipe',
      });
      expect(filesUnder(join(example, 'js'))).toEqual(filesUnder(out));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
