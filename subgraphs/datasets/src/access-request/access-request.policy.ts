import { hasRole, Role, type Viewer } from '@ecosystem/shared';
import { type AccessRequest } from './access-request.entity';

/** A data steward of the publisher (viewer.org = publisher), or an admin. */
export function isStewardOf(viewer: Viewer | null, publisherId: string): boolean {
  if (!viewer) return false;
  return hasRole(viewer, Role.ADMIN) || (viewer.roles.includes(Role.DATA_STEWARD) && viewer.org === publisherId);
}

/** Someone acting for the requesting organisation. */
export function isRequesterOf(viewer: Viewer | null, request: Pick<AccessRequest, 'requesterId'>): boolean {
  return Boolean(viewer?.org) && viewer?.org === request.requesterId;
}

/** Access requests are visible to the requesting organisation, the publisher's stewards and admins. */
export function canSeeAccessRequest(
  viewer: Viewer | null,
  request: Pick<AccessRequest, 'requesterId' | 'publisherId'>,
): boolean {
  return isRequesterOf(viewer, request) || isStewardOf(viewer, request.publisherId);
}
