import { type BaseContext } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type DatasetsLoaders } from './loaders';

export interface DatasetsContext extends BaseContext {
  loaders: DatasetsLoaders;
  dataSource: DataSource;
}
