import { hasRole, Role } from '@ecosystem/shared';
import { canOrganise } from '../common/authorization';
import { type EventsContext } from '../context';
import { type Registration } from './registration.entity';

/** A registration by reference: only for the person, admins and organisers of its event (else null). */
export async function resolveRegistrationReference(reference: { id: string }, context: EventsContext): Promise<Registration | null> {
  const registration = await context.loaders.registrationById.load(String(reference.id));
  const viewer = context.viewer;
  if (!registration || !viewer) return null;
  if (viewer.sub === registration.personId || hasRole(viewer, Role.ADMIN)) return registration;
  const organizers = await context.loaders.organizerIdsByEventId.load(registration.eventId);
  return canOrganise(viewer, organizers) ? registration : null;
}
