import { ConnectionType } from '@ecosystem/shared';
import { ObjectType } from 'type-graphql';
import { type EventFilter } from './event.inputs';
import { Event } from './event.entity';

@ObjectType({ description: 'A page of events, ordered by start then id, with facets of the whole filtered list.' })
export class EventConnection extends ConnectionType(Event, 'Event') {
  /** The filter of the page, kept to compute `facets` only when asked for. */
  facetFilter?: EventFilter;
}
