export { eventsSubgraph } from './definition';
export { eventsEntities } from './entities';
export { createLoaders as createEventsLoaders, type EventsLoaders } from './loaders';
export { type EventsContext } from './context';
