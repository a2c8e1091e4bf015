import { BadUserInputError, ForbiddenError } from '@ecosystem/shared';
import { type OwnershipPolicy } from './policy';

/** Who is calling the registry: an admin, or a partner credential scoped to subgraph names. */
export interface RegistryActor {
  /** Person id (JWT subject) or `key:<credential id>`. */
  id: string;
  admin: boolean;
  /** The subgraph names a partner may publish, check and remove (ignored for admins). */
  subgraphs: string[];
  org: string | null;
}

/** Refuses a partner where only an admin may act. */
export function assertAdmin(actor: RegistryActor, what: string): void {
  if (!actor.admin) throw new ForbiddenError(`Only an admin can ${what}`);
}

/** A subgraph name a partner may use: the policy's pattern, not a reserved (core) name. */
export function assertValidName(policy: OwnershipPolicy, name: unknown, field: string): void {
  if (typeof name !== 'string' || !new RegExp(policy.subgraphNamePattern).test(name)) {
    throw new BadUserInputError(`Subgraph name "${String(name)}" must match ${policy.subgraphNamePattern} (lower-case letters, digits, dashes)`, field);
  }
  if (policy.reservedSubgraphNames.includes(name)) {
    throw new BadUserInputError(`"${name}" is reserved (core subgraphs: ${policy.coreSubgraphs.join(', ')}); choose your campus's own name`, field);
  }
}

/** The name is valid, the URL an absolute http(s) URL, and the actor an admin or granted that name. */
export function assertMayManage(policy: OwnershipPolicy, actor: RegistryActor, input: { name: string; url: string }): void {
  assertValidName(policy, input.name, 'name');
  // The URL is not repeated in the messages: it may carry a password.
  let url: URL;
  try {
    url = new URL(input.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new BadUserInputError('The routing URL must be an absolute http(s) URL the gateway can reach', 'url');
  }
  // Credentials in a routing URL would be stored, listed by GET /admin/subgraphs and echoed in check
  // reports; a subgraph that needs them takes them another way than the URL.
  if (url.username || url.password) {
    throw new BadUserInputError('The routing URL must not carry credentials (user:password@)', 'url');
  }
  if (actor.admin || actor.subgraphs.includes(input.name)) return;
  throw new ForbiddenError(
    `Your credential may manage the subgraphs ${actor.subgraphs.map((s) => `"${s}"`).join(', ') || '(none)'} only; "${input.name}" belongs to another partner or needs an admin's approval (an admin grants a credential for a new name).`,
  );
}
