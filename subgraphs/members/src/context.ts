import { type BaseContext } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type MembersLoaders } from './loaders';

export interface MembersContext extends BaseContext {
  loaders: MembersLoaders;
  dataSource: DataSource;
}
