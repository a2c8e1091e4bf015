import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** The ownership policy file (gateway/registry/policy/ownership.json): which core entities partners may extend. */
export const ownershipPolicySchema = z.object({
  version: z.number().int().min(1),
  coreSubgraphs: z.array(z.string()).min(1),
  extendableEntities: z.record(
    z.string(),
    z.object({ owner: z.string(), key: z.string(), description: z.string() }),
  ),
  sharedValueTypes: z.array(z.string()),
  forbiddenDirectivesOnCoreTypes: z.array(z.string().regex(/^@\w+$/)),
  /** Claims of the viewer a partner subgraph receives unless SUBGRAPH_CLAIMS_<NAME> says otherwise. */
  partnerIdentityClaims: z.array(z.enum(['sub', 'org', 'roles'])).default(['sub', 'roles']),
  reservedSubgraphNames: z.array(z.string()),
  subgraphNamePattern: z.string(),
});
export type OwnershipPolicy = z.infer<typeof ownershipPolicySchema>;

/** The policy shipped with the registry (`gateway/registry/policy/ownership.json`, from `src` or `dist`). */
export const DEFAULT_POLICY_FILE = join(__dirname, '..', 'policy', 'ownership.json');

export function loadOwnershipPolicy(file: string = DEFAULT_POLICY_FILE): OwnershipPolicy {
  const parsed = ownershipPolicySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`Invalid ownership policy ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
