import { type BaseContext } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type PartnerLoaders } from './loaders';

export interface PartnerContext extends BaseContext {
  loaders: PartnerLoaders;
  dataSource: DataSource;
}
