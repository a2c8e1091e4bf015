import { ForbiddenError, hasRole, Role, UnauthenticatedError, type Viewer } from '@ecosystem/shared';

/** Contact details are for authenticated members of the ecosystem (and the person themself). */
export function canSeeContactDetails(viewer: Viewer | null, personId: string): boolean {
  if (!viewer) throw new UnauthenticatedError('Contact details are only shown to authenticated members');
  if (viewer.sub === personId || hasRole(viewer, Role.MEMBER)) return true;
  throw new ForbiddenError('Contact details are only shown to members of the ecosystem');
}
