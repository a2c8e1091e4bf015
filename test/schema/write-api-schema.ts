import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { API_SCHEMA_FILE, printApiSchema } from './api-schema';

/** `npm run schema`: writes the composed API schema to schema/api.graphql. */
async function main(): Promise<void> {
  const target = join(__dirname, '..', '..', API_SCHEMA_FILE);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, await printApiSchema());
  console.log(`wrote ${API_SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
