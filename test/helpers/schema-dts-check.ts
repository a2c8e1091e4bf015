import { join } from 'node:path';
import ts from 'typescript';

/*
 * Type-checks schema.org JSON-LD documents against the schema.org vocabulary as schema-dts
 * declares it: each document becomes an object literal typed with its `@type`, so the TypeScript
 * compiler reports every property that its type does not have and every value of the wrong kind.
 */

export interface TypedDocument {
  /** A label for the messages (e.g. the URL it came from). */
  label: string;
  document: Record<string, unknown>;
}

/** The compiler's complaints, each prefixed by the label of the document; empty when all conform. */
export function schemaDtsProblems(documents: TypedDocument[]): string[] {
  const file = join(__dirname, '__schema_dts_check__.ts');
  const declarations = documents.map(({ document }, index) => {
    const type = String(document['@type']);
    if (!/^[A-Za-z]+$/.test(type)) throw new Error(`Document ${index} has no single @type`);
    const typeName = '@context' in document ? `S.WithContext<S.${type}>` : `S.${type}`;
    return `export const document${index}: ${typeName} = ${JSON.stringify(document, null, 1)};`;
  });
  const header = `import type * as S from 'schema-dts';`;
  // The first line of each declaration, to name the document a complaint is about.
  const firstLines: number[] = [];
  let line = 1;
  for (const declaration of declarations) {
    firstLines.push(line);
    line += declaration.split('\n').length;
  }
  const source = [header, ...declarations].join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  host.fileExists = (name) => name === file || fileExists(name);
  host.readFile = (name) => (name === file ? source : readFile(name));
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const at = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line : 0;
    const index = firstLines.filter((first) => first <= at).length - 1;
    const label = documents[index]?.label ?? 'schema-dts';
    return `${label}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
  });
}
