import { IdColumn, RefColumn } from '@ecosystem/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';

@ObjectType({ description: 'A private iCalendar feed of a person\u2019s registrations, reachable with a secret token.' })
@Entity('calendar_feed')
@Index('idx_calendar_feed_person', ['personId'])
export class CalendarFeed {
  @Field(() => ID, { description: 'Opaque, stable id (not the token).' })
  @IdColumn()
  id!: string;

  @RefColumn()
  personId!: string;

  /** SHA-256 of the token: the token itself is shown once and never stored. */
  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @Field({ description: 'When the feed was created.' })
  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the feed was revoked; a revoked feed answers 404.' })
  @Column({ type: 'datetime', nullable: true })
  revokedAt!: Date | null;
}
