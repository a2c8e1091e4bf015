import { actsFor, ForbiddenError, hasRole, Role, UnauthenticatedError, type Viewer } from '@ecosystem/shared';

/** The viewer, or UNAUTHENTICATED for anonymous callers. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

export function isAdmin(viewer: Viewer | null): boolean {
  return Boolean(viewer?.roles.includes(Role.ADMIN));
}

/** Admins manage every organisation; an organisation's managers (viewer.org) manage their own. */
export function canManageOrganization(viewer: Viewer | null, organizationId: string): boolean {
  return isAdmin(viewer) || actsFor(viewer, organizationId);
}

/** Throws UNAUTHENTICATED or FORBIDDEN unless the viewer manages one of the organisations. */
export function assertManagesAny(viewer: Viewer | null, organizationIds: readonly string[], what: string): Viewer {
  const who = requireViewer(viewer);
  if (isAdmin(who) || organizationIds.some((id) => canManageOrganization(who, id))) return who;
  throw new ForbiddenError(`Only admins or the managers of the organisation can ${what}`);
}

/** Contact details are for authenticated members of the ecosystem (and the person themself). */
export function canSeeContactDetails(viewer: Viewer | null, personId: string): boolean {
  if (!viewer) throw new UnauthenticatedError('Contact details are only shown to authenticated members');
  if (viewer.sub === personId || hasRole(viewer, Role.MEMBER)) return true;
  throw new ForbiddenError('Contact details are only shown to members of the ecosystem');
}
