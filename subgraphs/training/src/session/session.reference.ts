import { type TrainingContext } from '../context';
import { type CourseSession } from './session.entity';

export async function resolveCourseSessionReference(
  reference: { id: string },
  context: TrainingContext,
): Promise<CourseSession | null> {
  return context.loaders.sessionById.load(String(reference.id));
}
