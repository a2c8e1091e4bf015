import '@ecosystem/shared/dist/bootstrap';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { API_SCHEMA_FILE, printApiSchema } from './api-schema';

/** `npm run schema`: writes the composed API schema to schema/api.graphql. */
async function main(): Promise<void> {
  // From test/schema (ts) or test/dist/schema (built): the repository root holds package-lock.json.
  let root = __dirname;
  while (!existsSync(join(root, 'package-lock.json')) && dirname(root) !== root) root = dirname(root);
  const target = join(root, API_SCHEMA_FILE);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, await printApiSchema());
  console.log(`wrote ${API_SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
