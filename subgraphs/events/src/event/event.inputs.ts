import { AddressInput, MoneyInput, NOT_IN_PUBLIC_CONTRACT } from '@ecosystem/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsInt,
  IsLocale,
  IsOptional,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Directive, Field, ID, InputType, Int } from 'type-graphql';
import { InputArgs } from '../common/input-args';
import { SpeakerKind } from './event-speaker.entity';
import { AttendanceMode, EventKind, EventStatus } from './event.enums';

@InputType({ description: 'Filters of the event list; all given filters must match.' })
export class EventFilter {
  @Field(() => Date, { nullable: true, description: 'Keep events that end at or after this instant (a plain day, e.g. 2024-01-01: from the start of that day in Europe/Paris).' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Keep events that start before this instant (a plain day, e.g. 2024-01-31: up to the end of that day in Europe/Paris, included).' })
  @IsOptional()
  to?: Date | null;

  @Field(() => [EventKind], { nullable: true, description: 'Any of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: EventKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Organised or co-organised by this organisation.' })
  @IsOptional()
  @IsUUID()
  organizerId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Belonging to any of these ecosystems (members Ecosystem ids; facet `ecosystems`).' })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  ecosystems?: string[] | null;

  @Field(() => [AttendanceMode], { nullable: true, description: 'Any of these attendance modes (facet `attendanceModes`).' })
  @IsOptional()
  @ArrayMaxSize(3)
  attendanceModes?: AttendanceMode[] | null;

  @Field(() => [String], { nullable: true, description: 'In any of these languages, BCP 47 tags such as fr, en (case ignored; facet `languages`).' })
  @IsOptional()
  @ArrayMaxSize(10)
  @MaxLength(35, { each: true })
  languages?: string[] | null;

  @Field(() => [Int], { nullable: true, description: 'Starting in any of these years, UTC (facet `years`).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsInt({ each: true })
  @Min(1900, { each: true })
  @Max(2200, { each: true })
  years?: number[] | null;

  @Field(() => [EventStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(5)
  statuses?: EventStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Words in the title, description or keywords; case and accents ignored.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;

  @Field(() => ID, { nullable: true, description: 'Where this dataset was presented.' })
  @IsOptional()
  @IsUUID()
  datasetId?: string | null;

  @Directive(NOT_IN_PUBLIC_CONTRACT)
  @Field(() => ID, { nullable: true, description: 'Where this person speaks (any role).' })
  @IsOptional()
  @IsUUID()
  speakerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Occurrences of this series.' })
  @IsOptional()
  @IsUUID()
  seriesId?: string | null;
}

@ArgsType()
export class EventsArgs {
  @Field(() => EventFilter, { nullable: true, description: 'What to keep.' })
  @ValidateNested()
  @IsOptional()
  filter?: EventFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}

@InputType({ description: 'How to register for a new event.' })
export class RegistrationPolicyInput {
  @Field({ description: 'Registration is required to attend.', defaultValue: true })
  @IsBoolean()
  required!: boolean;

  @Field(() => Date, { nullable: true, description: 'Registrations open at this instant (default: now).' })
  @IsOptional()
  opensAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Registrations close at this instant (default: the start).' })
  @IsOptional()
  closesAt?: Date | null;

  @Field({ description: 'Only members may register.', defaultValue: false })
  @IsBoolean()
  membersOnly!: boolean;

  @Field(() => MoneyInput, { nullable: true, description: 'Price of a seat; omit when free.' })
  @IsOptional()
  @ValidateNested()
  price?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'External registration page.' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(512)
  url?: string | null;
}

@InputType({ description: 'Where to attend online.' })
export class VirtualLocationInput {
  @Field({ description: 'Link to join (https).' })
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(512)
  url!: string;

  @Field(() => String, { nullable: true, description: 'Platform name.' })
  @IsOptional()
  @MaxLength(64)
  platform?: string | null;
}

@InputType({ description: 'A new event.' })
export class CreateEventInput {
  @Field({ description: 'Title.' })
  @MinLength(3)
  @MaxLength(255)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description (plain text).' })
  @IsOptional()
  @MaxLength(20000)
  description?: string | null;

  @Field(() => EventKind, { description: 'Kind of event.' })
  kind!: EventKind;

  @Field(() => AttendanceMode, { description: 'In person, online or both.' })
  attendanceMode!: AttendanceMode;

  @Field({ description: 'Start instant.' })
  start!: Date;

  @Field({ description: 'End instant; after the start.' })
  end!: Date;

  @Field({ description: 'IANA time zone of the event.', defaultValue: 'Europe/Paris' })
  @MaxLength(64)
  timezone!: string;

  @Field({ description: 'Main language (BCP 47).', defaultValue: 'fr' })
  @IsLocale()
  language!: string;

  @Field(() => String, { nullable: true, description: 'Name of the venue.' })
  @IsOptional()
  @MaxLength(255)
  placeName?: string | null;

  @Field(() => AddressInput, { nullable: true, description: 'Address; required when attended in person.' })
  @IsOptional()
  @ValidateNested()
  place?: AddressInput | null;

  @Field(() => VirtualLocationInput, { nullable: true, description: 'Online location; required when attended online.' })
  @IsOptional()
  @ValidateNested()
  virtualLocation?: VirtualLocationInput | null;

  @Field(() => [ID], { description: 'Organising organisations, main organiser first.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  organizerIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Ecosystem the event belongs to.' })
  @IsOptional()
  @IsUUID()
  ecosystemId?: string | null;

  @Field(() => Int, { nullable: true, description: 'Seats; omit for unlimited.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  maxCapacity?: number | null;

  @Field(() => RegistrationPolicyInput, { nullable: true, description: 'Registration policy (default: required, open to all, free).' })
  @IsOptional()
  @ValidateNested()
  registration?: RegistrationPolicyInput | null;

  @Field(() => [String], { description: 'Keywords.', defaultValue: [] })
  @ArrayMaxSize(20)
  @MaxLength(40, { each: true })
  @Matches(/^[^,]+$/, { each: true, message: 'keywords must not contain commas' })
  keywords!: string[];

  @Field(() => [ID], { description: 'Datasets presented.', defaultValue: [] })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  datasetIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Call the event belongs to (information session, hackathon).' })
  @IsOptional()
  @IsUUID()
  callId?: string | null;
}

@InputType({ description: 'A speaker to add to an event.' })
export class AddSpeakerInput {
  @Field(() => ID, { description: 'Event.' })
  @IsUUID()
  eventId!: string;

  @Field(() => ID, { description: 'Person (members).' })
  @IsUUID()
  personId!: string;

  @Field(() => ID, { nullable: true, description: 'Organisation the person speaks for.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => SpeakerKind, { description: 'Role.', defaultValue: SpeakerKind.SPEAKER })
  role!: SpeakerKind;

  @Field(() => String, { nullable: true, description: 'Title of the talk.' })
  @IsOptional()
  @MaxLength(255)
  talkTitle?: string | null;
}

@ArgsType()
export class CreateEventArgs extends InputArgs(CreateEventInput, 'The event.') {}

@ArgsType()
export class AddSpeakerArgs extends InputArgs(AddSpeakerInput, 'The speaker.') {}
