import { EnumPrimaryColumn, RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index } from 'typeorm';
import { CodingSystem } from './dataset.enums';

/** One row per coding system of a dataset: filterable and countable in SQL. */
@Entity('dataset_coding_system')
@Index('idx_dataset_coding_system', ['codingSystem', 'datasetId'])
export class DatasetCodingSystem {
  @RefPrimaryColumn()
  datasetId!: string;

  @EnumPrimaryColumn()
  codingSystem!: CodingSystem;
}
