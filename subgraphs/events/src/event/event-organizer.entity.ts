import { RefPrimaryColumn } from '@ecosystem/shared';
import { Column, Entity, Index } from 'typeorm';

/** An organisation (owned by members) organising an event. */
@Entity('event_organizer')
@Index('idx_event_organizer_organization', ['organizationId', 'eventId'])
export class EventOrganizer {
  @RefPrimaryColumn()
  eventId!: string;

  @RefPrimaryColumn()
  organizationId!: string;

  /** Order of the organisers as listed (main organiser first). */
  @Column({ type: 'int', default: 0 })
  position!: number;
}
