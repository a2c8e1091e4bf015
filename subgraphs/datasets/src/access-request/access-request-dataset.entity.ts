import { RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Dataset } from '../dataset/dataset.entity';
import { AccessRequest } from './access-request.entity';

/** A dataset named in an access request; each side is loaded with the link in one statement. */
@Entity('access_request_dataset')
@Index('idx_access_request_dataset_dataset', ['datasetId', 'accessRequestId'])
export class AccessRequestDataset {
  @RefPrimaryColumn()
  accessRequestId!: string;

  @RefPrimaryColumn()
  datasetId!: string;

  @ManyToOne(() => AccessRequest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accessRequestId' })
  accessRequest?: AccessRequest;

  @ManyToOne(() => Dataset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'datasetId' })
  dataset?: Dataset;
}
