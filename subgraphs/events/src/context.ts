import { type BaseContext, lazyLoaders } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type CallLoaders, createCallLoaders } from './call/call.loaders';
import { createEventLoaders, type EventLoaders } from './event/event.loaders';
import { createRegistrationLoaders, type RegistrationLoaders } from './registration/registration.loaders';
import { createSeriesLoaders, type SeriesLoaders } from './series/series.loaders';

/** The per-request loader set: each concept's loaders, assembled here so that no concept imports another's through a root file. */
export type EventsLoaders = EventLoaders & SeriesLoaders & CallLoaders & RegistrationLoaders;

/** A fresh set per request (DataLoader caches live as long as the request); each concept's loaders are made on the first use of one of them. */
export const createLoaders: (dataSource: DataSource) => EventsLoaders = lazyLoaders(
  createEventLoaders,
  createSeriesLoaders,
  createCallLoaders,
  createRegistrationLoaders,
);

export interface EventsContext extends BaseContext {
  loaders: EventsLoaders;
  dataSource: DataSource;
}
