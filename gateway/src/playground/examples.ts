import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { getOperationAST, parse } from 'graphql';

/** One ready-made operation of the playground's collection (a `.graphql` file of gateway/examples/). */
export interface ExampleOperation {
  /** File name without `.graphql`, e.g. `data-ai-startups`. */
  name: string;
  /** First comment line of the file, in French (the playground's first language). */
  title: string;
  /** The other leading French comment lines, joined. */
  description: string;
  /** The title and description in each language: French lines, then `# en:` lines (title first). */
  titles: { fr: string; en: string };
  descriptions: { fr: string; en: string };
  /** The whole file, comments included (GraphiQL shows them). */
  query: string;
  /** Pretty-printed JSON of the `# variables: {...}` comment line, or `{}`. */
  variables: string;
  /** Its operation type: a subscription is run over SSE or WebSocket, not POSTed like the others. */
  operation: 'query' | 'mutation' | 'subscription';
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
  const english = prose.filter((c) => /^en:/i.test(c)).map((c) => c.replace(/^en:\s*/i, ''));
  const french = prose.filter((c) => !/^en:/i.test(c));
  const title = french[0] ?? name;
  const description = french.slice(1).join(' ').trim();
  return {
    name,
    title,
    description,
    // An example without English lines shows its French text in English too.
    titles: { fr: title, en: english[0] ?? title },
    descriptions: { fr: description, en: english.length ? english.slice(1).join(' ').trim() : description },
    query: text.trim() + '\n',
    variables: JSON.stringify(variables, null, 2),
    operation: getOperationAST(parse(text))?.operation ?? 'query',
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
