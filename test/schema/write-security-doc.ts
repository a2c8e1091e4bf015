import '@ecosystem/shared/dist/bootstrap';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { POLICY_TABLE_END, POLICY_TABLE_START, renderMutationPolicyTable } from '@ecosystem/shared';

/** `npm run docs:security`: rewrites the mutation table of docs/security.md from MUTATION_POLICIES. */
function main(): void {
  let root = __dirname;
  while (!existsSync(join(root, 'package-lock.json')) && dirname(root) !== root) root = dirname(root);
  const file = join(root, 'docs', 'security.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(POLICY_TABLE_START);
  const end = text.indexOf(POLICY_TABLE_END);
  if (start < 0 || end < start) throw new Error(`docs/security.md has no ${POLICY_TABLE_START} ... ${POLICY_TABLE_END} block`);
  writeFileSync(file, text.slice(0, start) + renderMutationPolicyTable() + text.slice(end + POLICY_TABLE_END.length));
  console.log('wrote the mutation table of docs/security.md');
}

main();
