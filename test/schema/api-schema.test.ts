import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { SHIPPED_SUPERGRAPH_FILE } from '@ecosystem/gateway';
import { API_SCHEMA_FILE, composeCoreSupergraph, printApiSchema, printPublicSchema, printShippedSupergraph, PUBLIC_SCHEMA_FILE, SHIPPED_SUPERGRAPH_PATH } from './api-schema';
import { undocumentedCoordinates } from './schema-descriptions';

/*
 * The composed API schema: the committed schema/api.graphql must be current (`npm run schema`), and
 * every type, field, argument and enum value must carry a description.
 */
let printed: string;
let supergraph: string;

beforeAll(async () => {
  supergraph = await composeCoreSupergraph();
  printed = await printApiSchema(supergraph);
}, 120_000);

describe('the composed API schema', () => {
  it(`is written, current, to ${API_SCHEMA_FILE} (run \`npm run schema\` after a schema change)`, () => {
    let committed = '';
    try {
      committed = readFileSync(join(__dirname, '..', '..', API_SCHEMA_FILE), 'utf8');
    } catch {
      // missing file: the comparison below fails with the whole schema as the difference
    }
    expect(committed).toBe(printed);
  });

  it(`ships the current core supergraph with the gateway, ${SHIPPED_SUPERGRAPH_PATH} (run \`npm run schema\` after a schema change)`, () => {
    // The file the gateway reads is the one npm run schema writes.
    expect(SHIPPED_SUPERGRAPH_FILE).toBe(join(__dirname, '..', '..', SHIPPED_SUPERGRAPH_PATH));
    let shipped = '';
    try {
      shipped = readFileSync(SHIPPED_SUPERGRAPH_FILE, 'utf8');
    } catch {
      // missing file: the comparison below fails with the whole supergraph as the difference
    }
    expect(shipped).toBe(printShippedSupergraph(supergraph));
  });

  it(`is written with its public contract, current, to ${PUBLIC_SCHEMA_FILE} (run \`npm run schema\` after a schema change)`, async () => {
    let committed = '';
    try {
      committed = readFileSync(join(__dirname, '..', '..', PUBLIC_SCHEMA_FILE), 'utf8');
    } catch {
      // missing file: the comparison below fails with the whole contract as the difference
    }
    expect(committed).toBe(await printPublicSchema(supergraph));
  });

  it('spots every undocumented coordinate kind (self-check of the rule)', () => {
    const schema = buildSchema(`
      type Query { a(x: Int): T }
      type T { b: String }
      enum E { V }
      input I { f: Int }
      scalar S
      type Mutation { m(i: I, e: E, s: S): Boolean }
    `);
    expect(undocumentedCoordinates(schema)).toEqual(['E', 'E.V', 'I', 'I.f', 'Mutation.m', 'Mutation.m(e:)', 'Mutation.m(i:)', 'Mutation.m(s:)', 'Query.a', 'Query.a(x:)', 'S', 'T', 'T.b']);
  });

  it('documents every type, field, argument and enum value', () => {
    const missing = undocumentedCoordinates(buildSchema(printed));
    if (missing.length > 0) {
      // The full list, so that each subgraph team can see its own.
      console.log(`${missing.length} schema coordinates without a description:\n${missing.join('\n')}`);
    }
    expect(missing).toEqual([]);
  });
});
