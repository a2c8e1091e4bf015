import { type MembersContext } from '../context';
import { type Person } from './person.entity';

export async function resolvePersonReference(reference: { id: string }, context: MembersContext): Promise<Person | null> {
  return context.loaders.personById.load(String(reference.id));
}
