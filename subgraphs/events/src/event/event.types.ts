import { Money } from '@ecosystem/shared';
import { Field, Int, ObjectType } from 'type-graphql';
import { AttendanceMode, EventKind, EventStatus } from './event.enums';

@ObjectType({ description: 'Where to attend online (schema.org VirtualLocation).' })
export class VirtualLocation {
  @Field({ description: 'Link to join.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'Platform, e.g. Zoom, Teams, YouTube.' })
  platform!: string | null;
}

@ObjectType({ description: 'How to register for an event.' })
export class RegistrationPolicy {
  @Field({ description: 'Registration is required to attend.' })
  required!: boolean;

  @Field(() => Date, { nullable: true, description: 'Registrations open at this instant; null: already open.' })
  opensAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Registrations close at this instant; null: at the start of the event.' })
  closesAt!: Date | null;

  @Field({ description: 'Only members of the ecosystem may register (others get FORBIDDEN, reason MEMBERS_ONLY).' })
  membersOnly!: boolean;

  @Field(() => Money, { nullable: true, description: 'Price of a seat; null when free.' })
  price!: Money | null;

  @Field(() => String, { nullable: true, description: 'External registration page, if any.' })
  url!: string | null;
}

@ObjectType({ description: 'A value of a filter dimension and how many events have it.' })
export class EventKindFacet {
  @Field(() => EventKind, { description: 'The kind.' })
  value!: EventKind;

  @Field(() => Int, { description: 'Number of matching events of this kind.' })
  count!: number;
}

@ObjectType({ description: 'An attendance mode and how many events have it.' })
export class AttendanceModeFacet {
  @Field(() => AttendanceMode, { description: 'The attendance mode.' })
  value!: AttendanceMode;

  @Field(() => Int, { description: 'Number of matching events in this mode.' })
  count!: number;
}

@ObjectType({ description: 'A status and how many events have it.' })
export class EventStatusFacet {
  @Field(() => EventStatus, { description: 'The status.' })
  value!: EventStatus;

  @Field(() => Int, { description: 'Number of matching events with this status.' })
  count!: number;
}

@ObjectType('EventValueFacet', { description: 'A string value (ecosystem id, language, year) and how many events have it.' })
export class ValueFacet {
  @Field({ description: 'The value.' })
  value!: string;

  @Field(() => Int, { description: 'Number of matching events with this value.' })
  count!: number;
}

@ObjectType({
  description:
    'Counts per filter dimension, to draw a filter sidebar. Each dimension is counted with every other filter applied but not its own, so choices stay visible.',
})
export class EventFacets {
  @Field(() => [EventKindFacet], { description: 'Counts per kind.' })
  kinds!: EventKindFacet[];

  @Field(() => [AttendanceModeFacet], { description: 'Counts per attendance mode.' })
  attendanceModes!: AttendanceModeFacet[];

  @Field(() => [EventStatusFacet], { description: 'Counts per status.' })
  statuses!: EventStatusFacet[];

  @Field(() => [ValueFacet], { description: 'Counts per ecosystem id.' })
  ecosystems!: ValueFacet[];

  @Field(() => [ValueFacet], { description: 'Counts per language.' })
  languages!: ValueFacet[];

  @Field(() => [ValueFacet], { description: 'Counts per year of the start (UTC).' })
  years!: ValueFacet[];
}
