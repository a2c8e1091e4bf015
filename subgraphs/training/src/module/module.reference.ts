import { type TrainingContext } from '../context';
import { type Module } from './module.entity';

export async function resolveModuleReference(reference: { id: string }, context: TrainingContext): Promise<Module | null> {
  return context.loaders.moduleById.load(String(reference.id));
}
