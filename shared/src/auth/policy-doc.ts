import { MUTATION_POLICIES } from './mutation-policy';
import { type Relation } from './policy';

/** Markers around the generated table in docs/security.md. */
export const POLICY_TABLE_START = '<!-- mutation-policy:start (generated from shared/src/auth/mutation-policy.ts: npm run docs:security) -->';
export const POLICY_TABLE_END = '<!-- mutation-policy:end -->';

const RELATION_TEXT: Record<Relation, string> = {
  none: 'none (the role is enough)',
  self: 'own person',
  org: 'acts for the owner',
  everyOrg: 'acts for every owner named',
  selfOrOrg: 'own person, or acts for the owner (with the role)',
  admin: 'admins only',
};

/** The table of MUTATION_POLICIES as Markdown, sorted by subgraph then mutation. */
export function renderMutationPolicyTable(): string {
  const rows = Object.entries(MUTATION_POLICIES)
    .sort(([a, pa], [b, pb]) => pa.subgraph.localeCompare(pb.subgraph) || a.localeCompare(b))
    .map(([name, p]) => {
      const roles = p.roles.length ? p.roles.map((r) => `\`${r}\``).join(', ') : 'any signed-in';
      const admins = p.adminsExcluded ? 'no' : 'yes';
      const notes = [p.note, p.hidesTarget ? 'a target the viewer cannot see answers NOT_FOUND' : undefined].filter(Boolean).join('; ');
      return `| \`${name}\` | ${p.subgraph} | ${roles} | ${RELATION_TEXT[p.relation]} | ${p.owner} | ${admins} | ${notes} |`;
    });
  return [
    POLICY_TABLE_START,
    '| mutation | subgraph | roles | relation | owner of the target | admins | also |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    POLICY_TABLE_END,
  ].join('\n');
}
