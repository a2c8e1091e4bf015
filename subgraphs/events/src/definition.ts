import { type SubgraphDefinition } from '@ecosystem/shared';
import { createLoaders, type EventsContext, type EventsLoaders } from './context';
import { eventsEntities } from './entities';
import { icalRoutes } from './exports/ical.routes';
import { eventJsonLdRoutes } from './exports/jsonld.routes';
import { eventsMigrations } from './migrations';
import { buildEventsSchema } from './schema';
import { seedEventsDemo } from './seed/seed-demo';

/** The events subgraph: events, recurring series, calls for proposals, registrations, iCalendar, schema.org JSON-LD. */
export const eventsSubgraph: SubgraphDefinition<EventsContext, EventsLoaders> = {
  name: 'events',
  defaultPort: 4004,
  entities: eventsEntities,
  migrations: eventsMigrations,
  buildSchema: buildEventsSchema,
  createLoaders,
  createContext: (base, loaders, dataSource) => ({ ...base, loaders, dataSource }),
  seedDemo: seedEventsDemo,
  routes: (app, dataSource, logger) => {
    icalRoutes(app, dataSource, logger);
    eventJsonLdRoutes(app, dataSource, logger);
  },
};
