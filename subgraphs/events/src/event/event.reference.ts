import { type EventsContext } from '../context';
import { type Event } from './event.entity';

export async function resolveEventReference(reference: { id: string }, context: EventsContext): Promise<Event | null> {
  return context.loaders.eventById.load(String(reference.id));
}
