import { type TrainingContext } from '../context';
import { type Enrolment } from './enrolment.entity';
import { canActFor } from './enrolment.policy';

/** Personal data: resolved only for the learner, their employer's training managers and admins. */
export async function resolveEnrolmentReference(reference: { id: string }, context: TrainingContext): Promise<Enrolment | null> {
  const enrolment = await context.loaders.enrolmentById.load(String(reference.id));
  if (!enrolment || !context.viewer) return null;
  return canActFor(context.viewer, enrolment.learnerId, enrolment.employerId) ? enrolment : null;
}
