import { type BaseContext } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type CallLoaders, createCallLoaders } from './call/call.loaders';
import { createEventLoaders, type EventLoaders } from './event/event.loaders';
import { createRegistrationLoaders, type RegistrationLoaders } from './registration/registration.loaders';
import { createSeriesLoaders, type SeriesLoaders } from './series/series.loaders';

/** The per-request loader set: each concept's loaders, assembled here so that no concept imports another's through a root file. */
export type EventsLoaders = EventLoaders & SeriesLoaders & CallLoaders & RegistrationLoaders;

/** A fresh set per request (DataLoader caches live as long as the request). */
export function createLoaders(dataSource: DataSource): EventsLoaders {
  return {
    ...createEventLoaders(dataSource),
    ...createSeriesLoaders(dataSource),
    ...createCallLoaders(dataSource),
    ...createRegistrationLoaders(dataSource),
  };
}

export interface EventsContext extends BaseContext {
  loaders: EventsLoaders;
  dataSource: DataSource;
}
