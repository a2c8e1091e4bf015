import '@ecosystem/shared/dist/bootstrap';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { API_SCHEMA_FILE, composeCoreSupergraph, printApiSchema, printPublicSchema, printShippedSupergraph, PUBLIC_SCHEMA_FILE, SHIPPED_SUPERGRAPH_PATH } from './api-schema';

/** `npm run schema`: writes the composed API schema to schema/api.graphql, the public contract to schema/public.graphql and the core supergraph the gateway ships with. */
async function main(): Promise<void> {
  // From test/schema (ts) or test/dist/schema (built): the repository root holds package-lock.json.
  let root = __dirname;
  while (!existsSync(join(root, 'package-lock.json')) && dirname(root) !== root) root = dirname(root);
  const supergraph = await composeCoreSupergraph();
  for (const [file, text] of [
    [API_SCHEMA_FILE, await printApiSchema(supergraph)],
    [PUBLIC_SCHEMA_FILE, await printPublicSchema(supergraph)],
    [SHIPPED_SUPERGRAPH_PATH, printShippedSupergraph(supergraph)],
  ] as const) {
    const target = join(root, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
