import { type BaseContext } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type EventsLoaders } from './loaders';

export interface EventsContext extends BaseContext {
  loaders: EventsLoaders;
  dataSource: DataSource;
}
