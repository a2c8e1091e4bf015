import { ForbiddenError, UnauthenticatedError } from '../errors/app-error';
import { hasRole, Role, type Viewer } from './viewer';

/**
 * How the viewer must be related to the target of an action, on top of holding one of the rule's
 * roles. The target's owning subgraph states the facts (who owns it, whom it is about); the rule
 * says which of them grant. Admins pass every rule.
 *
 * - `none`: no relation; the role is enough (any signed-in viewer when the rule names no role).
 * - `self`: the viewer is the person the target is about (`facts.personId`); no role needed.
 * - `org`: the viewer acts for one of the organisations that own the target (`facts.orgIds`).
 * - `everyOrg`: the viewer acts for every organisation named (`facts.orgIds`), e.g. every provider.
 * - `selfOrOrg`: `self`, or `org` with one of the roles.
 * - `admin`: admins only.
 *
 * Admins pass every rule except those marked `adminsExcluded`.
 */
export type Relation = 'none' | 'self' | 'org' | 'everyOrg' | 'selfOrOrg' | 'admin';

export interface AccessRule {
  /** Any one of these grants the `org` part of the rule; empty = any signed-in viewer. */
  roles: readonly Role[];
  relation: Relation;
  /** Set when the act is the owning organisation's own and an admin cannot make it for it (an admin acts for no organisation). */
  adminsExcluded?: boolean;
}

/** What the owning service knows about the target. */
export interface RelationFacts {
  /** Organisations owning the target (publisher, organisers, providers, coordinator, employer, ...). */
  orgIds?: readonly (string | null | undefined)[];
  /** The person the target is about (learner, registrant, feed owner, the person edited). */
  personId?: string | null;
}

/** The viewer, known to be signed in; UNAUTHENTICATED for an anonymous caller. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

/** Whether the viewer acts for the organisation (the `org` claim of the gateway's token). */
export function actsFor(viewer: Viewer | null, organizationId: string | null | undefined): boolean {
  return Boolean(viewer?.org && organizationId && viewer.org === organizationId);
}

/** Whether the viewer holds one of the roles for itself (an empty list: any viewer). Admins do not count here. */
function holdsRole(viewer: Viewer, roles: readonly Role[]): boolean {
  return roles.length === 0 || roles.some((role) => viewer.roles.includes(role));
}

/** The rule's verdict, without throwing. */
export function allows(viewer: Viewer | null, rule: AccessRule, facts: RelationFacts = {}): boolean {
  if (!viewer) return false;
  if (hasRole(viewer, Role.ADMIN) && !rule.adminsExcluded) return true;
  const orgIds = (facts.orgIds ?? []).filter((id): id is string => Boolean(id));
  const self = Boolean(facts.personId) && viewer.sub === facts.personId;
  const ofOrg = holdsRole(viewer, rule.roles) && orgIds.some((id) => actsFor(viewer, id));
  switch (rule.relation) {
    case 'none':
      return holdsRole(viewer, rule.roles);
    case 'self':
      return self;
    case 'org':
      return ofOrg;
    case 'everyOrg':
      return holdsRole(viewer, rule.roles) && orgIds.length > 0 && orgIds.every((id) => actsFor(viewer, id));
    case 'selfOrOrg':
      return self || ofOrg;
    case 'admin':
      return false;
  }
}

/**
 * The one authorisation check of every write: UNAUTHENTICATED for an anonymous caller, FORBIDDEN
 * (with `message`) when the rule does not grant. Call it before any write, so a refusal writes
 * nothing. Returns the viewer, known to be signed in.
 */
export function authorize(viewer: Viewer | null, rule: AccessRule, facts: RelationFacts = {}, message?: string): Viewer {
  const signedIn = requireViewer(viewer);
  if (!allows(signedIn, rule, facts)) throw new ForbiddenError(message ?? describeRule(rule));
  return signedIn;
}

/** A sentence for a refusal or a table cell. */
export function describeRule(rule: AccessRule): string {
  const roles = rule.roles.length ? rule.roles.join(' or ') : 'any signed-in viewer';
  switch (rule.relation) {
    case 'none':
      return rule.roles.length ? `Requires one of the roles: ${rule.roles.join(', ')}` : 'Requires a signed-in viewer';
    case 'self':
      return 'Only the person concerned (or an admin) may do this';
    case 'org':
      return `Only ${roles} acting for the organisation that owns the target (or an admin) may do this`;
    case 'everyOrg':
      return `Only ${roles} acting for every organisation named (or an admin) may do this`;
    case 'selfOrOrg':
      return `Only the person concerned, ${roles} of the owning organisation, or an admin may do this`;
    case 'admin':
      return 'Only admins may do this';
  }
}
