import { EnumColumn, IdColumn, RefColumn, PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';
import { AttendanceMode, EventKind } from '../event/event.enums';

@ObjectType({
  description:
    'A recurring event (schema.org EventSeries) described by an RFC 5545 rule, e.g. MeetMyData: last Thursday of every month at 11:00 Paris time.',
})
@Directive('@key(fields: "id")')
@Directive(PUBLIC_CONTRACT)
@Entity('event_series')
export class EventSeries {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Title, also the title of each occurrence unless it has its own.' })
  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description (plain text).' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => EventKind, { description: 'Kind of each occurrence.' })
  @EnumColumn()
  kind!: EventKind;

  @Field(() => AttendanceMode, { description: 'Attendance mode of each occurrence.' })
  @EnumColumn()
  attendanceMode!: AttendanceMode;

  /** Organising organisation (members); exposed as `organizer`. */
  @RefColumn()
  organizerId!: string;

  /** Ecosystem (members); exposed as `ecosystem`. */
  @RefColumn({ nullable: true })
  ecosystemId!: string | null;

  @Field({ description: 'RFC 5545 recurrence rule, without the RRULE: prefix, e.g. FREQ=MONTHLY;BYDAY=-1TH.' })
  @Column({ type: 'varchar', length: 500 })
  rrule!: string;

  /** Local days excluded from the rule (EXDATE), YYYY-MM-DD; exposed as `exdates`. */
  @Column({ type: 'simple-array' })
  exdateList!: string[];

  @Field({ description: 'First occurrence (DTSTART); its wall-clock time in `timezone` is the time of every occurrence.' })
  @Column({ type: 'datetime' })
  dtstart!: Date;

  @Field(() => Int, { description: 'Duration of each occurrence, in minutes.' })
  @Column({ type: 'int' })
  durationMinutes!: number;

  @Field({ description: 'IANA time zone in which the rule is evaluated (Europe/Paris).' })
  @Column({ type: 'varchar', length: 64, default: 'Europe/Paris' })
  timezone!: string;

  @Field({ description: 'Main language of the occurrences (BCP 47).' })
  @Column({ type: 'varchar', length: 16, default: 'fr' })
  language!: string;

  @Column({ type: 'varchar', length: 512, nullable: true })
  virtualUrl!: string | null;

  @Field({ description: 'iCalendar UID of the series (the VEVENT that carries the RRULE).' })
  @Column({ type: 'varchar', length: 255 })
  icalUid!: string;

  @Field(() => Int, { description: 'iCalendar SEQUENCE of the series.' })
  @Column({ type: 'int', default: 0 })
  sequence!: number;

  @Field({ description: 'Occurrences exist as events up to this instant (rule end, or a rolling horizon).' })
  @Column({ type: 'datetime' })
  materializedUntil!: Date;

  @Field({ description: 'When the series was created.' })
  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Field({ description: 'When the series last changed.' })
  @Column({ type: 'datetime' })
  updatedAt!: Date;
}
