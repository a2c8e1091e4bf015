export { eventsSubgraph } from './definition';
export { eventsEntities } from './entities';
export { createLoaders as createEventsLoaders, type EventsLoaders } from './context';
export { type EventsContext } from './context';
