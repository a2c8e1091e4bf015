import { RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index } from 'typeorm';

/** A dataset (datasets subgraph) a call expects applicants to work on. */
@Entity('call_dataset')
@Index('idx_call_dataset_dataset', ['datasetId'])
export class CallDataset {
  @RefPrimaryColumn()
  callId!: string;

  @RefPrimaryColumn()
  datasetId!: string;
}
