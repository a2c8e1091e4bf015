import { RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Dataset } from './dataset.entity';

/** A dataset used by an R&D project (Project of the members subgraph): `Project.datasets`, `Dataset.projects`. */
@Entity('dataset_project')
@Index('idx_dataset_project_project', ['projectId', 'datasetId'])
export class DatasetProject {
  @RefPrimaryColumn()
  datasetId!: string;

  @RefPrimaryColumn()
  projectId!: string;

  /** Loaded in the same statement by `datasetsByProjectId`. */
  @ManyToOne(() => Dataset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'datasetId' })
  dataset?: Dataset;
}
