import { EnumColumn, IdColumn } from '@ecosystem/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { AttendanceMode, EventKind, EventStatus } from './event.enums';

@ObjectType({ description: 'An event of the ecosystem (schema.org Event), exportable as iCalendar.' })
@Directive('@key(fields: "id")')
@Entity('event')
@Index('idx_event_start', ['start', 'id'])
export class Event {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Title.' })
  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Longer description (plain text).' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => EventKind, { description: 'What kind of event this is.' })
  @Index('idx_event_kind')
  @EnumColumn()
  kind!: EventKind;

  @Field(() => EventStatus, { description: 'Status (schema.org eventStatus).' })
  @EnumColumn({ default: EventStatus.SCHEDULED })
  status!: EventStatus;

  @Field(() => AttendanceMode, { description: 'In person, online or both.' })
  @EnumColumn()
  attendanceMode!: AttendanceMode;

  @Field({ description: 'Start instant.' })
  @Column({ name: 'startsAt', type: 'datetime' })
  start!: Date;

  @Field({ description: 'End instant.' })
  @Column({ name: 'endsAt', type: 'datetime' })
  end!: Date;

  @Field({ description: 'IANA time zone in which the event is planned (Europe/Paris).' })
  @Column({ type: 'varchar', length: 64, default: 'Europe/Paris' })
  timezone!: string;

  @Field({ description: 'Main language, as a BCP 47 tag (e.g. fr, en).' })
  @Column({ type: 'varchar', length: 16, default: 'fr' })
  language!: string;

  @Field({ description: 'iCalendar UID: stable across reschedules.' })
  @Column({ type: 'varchar', length: 255 })
  icalUid!: string;

  @Field(() => Int, { description: 'iCalendar SEQUENCE: bumped on every reschedule or cancellation.' })
  @Column({ type: 'int', default: 0 })
  sequence!: number;
}
