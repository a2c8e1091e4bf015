import { RefPrimaryColumn } from '@ecosystem/shared';
import { Column, Entity, Index } from 'typeorm';

/** A dataset (owned by datasets) presented at an event. */
@Entity('event_dataset')
@Index('idx_event_dataset_dataset', ['datasetId', 'eventId'])
export class EventDataset {
  @RefPrimaryColumn()
  eventId!: string;

  @RefPrimaryColumn()
  datasetId!: string;

  /** Order of presentation. */
  @Column({ type: 'int', default: 0 })
  position!: number;
}
