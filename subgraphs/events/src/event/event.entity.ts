import { AddressColumns, EnumColumn, foldForSearch, IdColumn, RefColumn } from '@ecosystem/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { AttendanceMode, EventKind, EventStatus } from './event.enums';

@ObjectType({ description: 'An event of the ecosystem (schema.org Event), exportable as iCalendar.' })
@Directive('@key(fields: "id")')
@Entity('event')
@Index('idx_event_start', ['start', 'id'])
@Index('idx_event_series', ['seriesId', 'start'])
@Index('idx_event_ecosystem', ['ecosystemId', 'start'])
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

  /** Series this event is an occurrence of; exposed as `series`. */
  @RefColumn({ nullable: true })
  seriesId!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'For an occurrence of a series: its original start in the series (iCalendar RECURRENCE-ID).',
  })
  @Column({ type: 'datetime', nullable: true })
  recurrenceId!: Date | null;

  /** Ecosystem (members) the event belongs to; exposed as `ecosystem`. */
  @RefColumn({ nullable: true })
  ecosystemId!: string | null;

  /** Call (this subgraph) the event belongs to (information session, follow-up hackathon). */
  @Index('idx_event_call')
  @RefColumn({ nullable: true })
  callId!: string | null;

  // Place (exposed as `place: Address`, from `address`, and `placeName`).
  @Field(() => String, { nullable: true, description: 'Name of the venue, e.g. PariSanté Campus.' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  placeName!: string | null;

  /** Postal address of the venue; its columns keep their plain names (street, city...). */
  @Column(() => AddressColumns, { prefix: false })
  address!: AddressColumns;

  // Virtual location (exposed as `virtualLocation`).
  @Column({ type: 'varchar', length: 512, nullable: true })
  virtualUrl!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  virtualPlatform!: string | null;

  @Field(() => Int, { nullable: true, description: 'Seats available in total; null when unlimited.' })
  @Column({ type: 'int', nullable: true })
  maxCapacity!: number | null;

  /** Seats taken (confirmed, attended or no-show registrations). Changed only under the event's row lock. */
  @Column({ type: 'int', default: 0 })
  seatsTaken!: number;

  /** Arrival counter of registrations: each registration takes the next ticket (waitlist order). */
  @Column({ type: 'int', default: 0 })
  registrationTicket!: number;

  // Registration policy (exposed as `registration`).
  @Column({ type: 'boolean', default: false })
  registrationRequired!: boolean;

  @Column({ type: 'datetime', nullable: true })
  registrationOpensAt!: Date | null;

  @Column({ type: 'datetime', nullable: true })
  registrationClosesAt!: Date | null;

  @Column({ type: 'boolean', default: false })
  membersOnly!: boolean;

  @Column({ type: 'varchar', length: 20, nullable: true })
  priceAmount!: string | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  priceCurrency!: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  registrationUrl!: string | null;

  @Field(() => [String], { description: 'Keywords (schema.org keywords), lower case.' })
  @Column({ type: 'simple-array', nullable: false })
  keywords!: string[];

  /** Title, description and keywords folded for search. */
  @Column({ type: 'varchar', length: 1000 })
  searchText!: string;

  @Field({ description: 'When the event was created.' })
  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Field({ description: 'When the event last changed (iCalendar LAST-MODIFIED).' })
  @Column({ type: 'datetime' })
  updatedAt!: Date;

  /** Recomputes the folded search text; call before saving. */
  fold(): void {
    this.searchText = foldForSearch(this.title, this.description, this.keywords.join(' ')).slice(0, 1000);
  }
}
