import { type TrainingContext } from '../context';
import { type LearningPath } from './path.entity';

export async function resolveLearningPathReference(reference: { id: string }, context: TrainingContext): Promise<LearningPath | null> {
  return context.loaders.pathById.load(String(reference.id));
}
