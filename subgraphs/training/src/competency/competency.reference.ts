import { type TrainingContext } from '../context';
import { type Competency } from './competency.entity';

export async function resolveCompetencyReference(reference: { id: string }, context: TrainingContext): Promise<Competency | null> {
  return context.loaders.competencyById.load(String(reference.id));
}
