import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One ready-made operation of the playground's collection (a `.graphql` file of gateway/examples/). */
export interface ExampleOperation {
  /** File name without `.graphql`, e.g. `data-ai-startups`. */
  name: string;
  /** First comment line of the file. */
  title: string;
  /** The other leading comment lines (not `# variables:`), joined. */
  description: string;
  /** The whole file, comments included (GraphiQL shows them). */
  query: string;
  /** Pretty-printed JSON of the `# variables: {...}` comment line, or `{}`. */
  variables: string;
}

/** gateway/examples, from both gateway/src/playground (tests) and gateway/dist/playground (built). */
export const DEFAULT_EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');

/** Parses one example file: leading `#` lines are its title, description and variables. */
export function parseExampleOperation(name: string, text: string): ExampleOperation {
  const comments: string[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('#')) break;
    comments.push(trimmed.replace(/^#\s?/, ''));
  }
  const variablesLine = comments.find((c) => /^variables:/i.test(c));
  let variables: unknown = {};
  if (variablesLine) {
    try {
      variables = JSON.parse(variablesLine.replace(/^variables:\s*/i, ''));
    } catch (error) {
      throw new Error(`${name}.graphql: the "# variables:" line is not JSON (${(error as Error).message})`);
    }
  }
  const prose = comments.filter((c) => c !== variablesLine);
  return {
    name,
    title: prose[0] ?? name,
    description: prose.slice(1).join(' ').trim(),
    query: text.trim() + '\n',
    variables: JSON.stringify(variables, null, 2),
  };
}

/** Every `*.graphql` file of `dir`, sorted by file name (a numeric prefix orders them). */
export function loadExampleOperations(dir: string = DEFAULT_EXAMPLES_DIR): ExampleOperation[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.graphql'));
  } catch {
    return [];
  }
  return files.sort().map((file) => parseExampleOperation(basename(file, '.graphql'), readFileSync(join(dir, file), 'utf8')));
}
