import { type EventsContext } from '../context';
import { type EventSeries } from './series.entity';

export async function resolveEventSeriesReference(reference: { id: string }, context: EventsContext): Promise<EventSeries | null> {
  return context.loaders.seriesById.load(String(reference.id));
}
