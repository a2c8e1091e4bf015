import { actsFor, allows, hasRole, mutationPolicy, Role, type Viewer } from '@ecosystem/shared';
import { type AccessRequest } from './access-request.entity';

/** A data steward of the publisher (viewer.org = publisher), or an admin. */
export function isStewardOf(viewer: Viewer | null, publisherId: string): boolean {
  return allows(viewer, mutationPolicy('createDataset'), { orgIds: [publisherId] });
}

/** Someone acting for the requesting organisation. */
export function isRequesterOf(viewer: Viewer | null, request: Pick<AccessRequest, 'requesterId'>): boolean {
  return actsFor(viewer, request.requesterId);
}

/**
 * Access requests are visible to the requesting organisation, admins, and the publisher's stewards
 * once submitted (a draft never submitted stays private to the requester).
 */
export function canSeeAccessRequest(
  viewer: Viewer | null,
  request: Pick<AccessRequest, 'requesterId' | 'publisherId' | 'submittedAt'>,
): boolean {
  if (isRequesterOf(viewer, request) || hasRole(viewer, Role.ADMIN)) return true;
  return request.submittedAt !== null && isStewardOf(viewer, request.publisherId);
}
