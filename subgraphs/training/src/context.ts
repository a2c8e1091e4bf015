import { type BaseContext } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type TrainingLoaders } from './loaders';

export interface TrainingContext extends BaseContext {
  loaders: TrainingLoaders;
  dataSource: DataSource;
}
