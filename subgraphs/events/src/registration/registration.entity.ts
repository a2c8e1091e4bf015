import { EnumColumn, IdColumn, RefColumn } from '@ecosystem/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { AttendanceMode } from '../event/event.enums';
import { RegistrationStatus } from './registration.enums';

@ObjectType({ description: 'A person\u2019s registration to an event. Personal: visible to the person, the organisers and admins.' })
@Directive('@key(fields: "id")')
@Entity('registration')
@Index('uq_registration_event_person', ['eventId', 'personId'], { unique: true })
@Index('idx_registration_event_status', ['eventId', 'status', 'ticket'])
@Index('idx_registration_person', ['personId', 'registeredAt'])
export class Registration {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @RefColumn()
  eventId!: string;

  /** The registered person (members); exposed as `person`. */
  @RefColumn()
  personId!: string;

  /** Organisation the person comes for (members); exposed as `organization`. */
  @RefColumn({ nullable: true })
  organizationId!: string | null;

  @Field(() => RegistrationStatus, { description: 'Where the registration stands.' })
  @EnumColumn()
  status!: RegistrationStatus;

  @Field(() => AttendanceMode, { nullable: true, description: 'How the person will attend a mixed event.' })
  @EnumColumn({ nullable: true })
  mode!: AttendanceMode | null;

  @Field({ description: 'When the registration arrived.' })
  @Column({ type: 'datetime', precision: 3 })
  registeredAt!: Date;

  /** Arrival order within the event (1, 2, ...): the waitlist is served in this order. */
  @Column({ type: 'int' })
  ticket!: number;

  @Field(() => Date, { nullable: true, description: 'When the person was checked in.' })
  @Column({ type: 'datetime', nullable: true })
  checkedInAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the registration was cancelled.' })
  @Column({ type: 'datetime', nullable: true })
  cancelledAt!: Date | null;
}
