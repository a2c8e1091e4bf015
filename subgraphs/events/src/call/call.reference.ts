import { type EventsContext } from '../context';
import { type Call } from './call.entity';

export async function resolveCallReference(reference: { id: string }, context: EventsContext): Promise<Call | null> {
  return context.loaders.callById.load(String(reference.id));
}
