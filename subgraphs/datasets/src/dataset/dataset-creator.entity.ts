import { RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Dataset } from './dataset.entity';

/** A creator (dct:creator) of a dataset: an Organization of the members subgraph. */
@Entity('dataset_creator')
@Index('idx_dataset_creator_organization', ['organizationId', 'datasetId'])
export class DatasetCreator {
  @RefPrimaryColumn()
  datasetId!: string;

  @RefPrimaryColumn()
  organizationId!: string;

  /** Loaded in the same statement by `datasetsByOrganization` (role CREATOR). */
  @ManyToOne(() => Dataset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'datasetId' })
  dataset?: Dataset;
}
