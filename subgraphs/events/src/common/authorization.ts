import { allows, AppError, ErrorCode, ForbiddenError, mutationPolicy, requireViewer, type Viewer } from '@ecosystem/shared';

/** The rule the shared table gives every organiser-only write of an event (see MUTATION_POLICIES). */
const ORGANISER_RULE = mutationPolicy('checkIn');

/** Admins, or event organisers acting for one of the organising organisations. */
export function canOrganise(viewer: Viewer | null, organizerIds: readonly string[]): boolean {
  return allows(viewer, ORGANISER_RULE, { orgIds: organizerIds });
}

export function assertCanOrganise(viewer: Viewer | null, organizerIds: readonly string[]): void {
  requireViewer(viewer);
  if (!canOrganise(viewer, organizerIds)) {
    throw new ForbiddenError('Only admins and event organisers of an organising organisation may do this');
  }
}

/** Refusal of a members-only event: FORBIDDEN with `reason: MEMBERS_ONLY`, so clients can say why. */
export class MembersOnlyError extends AppError {
  constructor(eventId: string) {
    super(ErrorCode.FORBIDDEN, 'This event is open to members of the ecosystem only', {
      reason: 'MEMBERS_ONLY',
      field: 'eventId',
      eventId,
    });
  }
}

/** NOT_FOUND naming the input field that pointed at the missing row. */
export function notFound(entity: string, id: string, field: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${entity} ${id} was not found`, { entity, id, field });
}
