import { type TrainingContext } from '../context';
import { type Persona } from './persona.entity';

export async function resolvePersonaReference(reference: { id: string }, context: TrainingContext): Promise<Persona | null> {
  return context.loaders.personaById.load(String(reference.id));
}
