import { allows, ForbiddenError, hasRole, mutationPolicy, Role, UnauthenticatedError, type Viewer } from '@ecosystem/shared';

/**
 * Who may see a person's learning data: the person (viewer.sub), admins (everything), and the
 * training managers of the person's employer (only enrolments made with that employer). Returns
 * the employer to filter on, or null for everything; throws for anyone else.
 */
export function learningDataScope(viewer: Viewer | null, personId: string): { employerId: string | null } {
  if (!viewer) throw new UnauthenticatedError();
  if (viewer.sub === personId || hasRole(viewer, Role.ADMIN)) return { employerId: null };
  if (viewer.roles.includes(Role.TRAINING_MANAGER) && viewer.org) return { employerId: viewer.org };
  throw new ForbiddenError('Only the person, their employer’s training managers and admins can see their learning data');
}

/** Whether the viewer may act on an enrolment as its learner, as the employer's training manager or as admin. */
export function canActFor(viewer: Viewer, learnerId: string, employerId: string | null): boolean {
  return allows(viewer, mutationPolicy('withdraw'), { personId: learnerId, orgIds: [employerId] });
}

/** Whether the viewer manages training for the employer (or is admin). */
export function managesEmployer(viewer: Viewer, employerId: string | null): boolean {
  return allows(viewer, mutationPolicy('completeEnrolment'), { orgIds: [employerId] });
}
