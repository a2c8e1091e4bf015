import { EnumPrimaryColumn, RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index } from 'typeorm';
import { HealthCategory } from './dataset.enums';

/** One row per health category of a dataset: filterable and countable in SQL. */
@Entity('dataset_health_category')
@Index('idx_dataset_health_category', ['category', 'datasetId'])
export class DatasetHealthCategory {
  @RefPrimaryColumn()
  datasetId!: string;

  @EnumPrimaryColumn()
  category!: HealthCategory;
}
