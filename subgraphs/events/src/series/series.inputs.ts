import { IsInt, IsLocale, IsOptional, IsUrl, IsUUID, Matches, Max, MaxLength, Min, MinLength, ArrayMaxSize } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '@ecosystem/shared';
import { InputArgs } from '../common/input-args';
import { AttendanceMode, EventKind } from '../event/event.enums';

@InputType({ description: 'A new recurring series; its occurrences are created as events.' })
export class CreateSeriesInput {
  @Field({ description: 'Title.' })
  @MinLength(3)
  @MaxLength(255)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @IsOptional()
  @MaxLength(20000)
  description?: string | null;

  @Field(() => EventKind, { description: 'Kind of each occurrence.', defaultValue: EventKind.WEBINAR })
  kind!: EventKind;

  @Field(() => AttendanceMode, { description: 'Attendance mode of each occurrence.', defaultValue: AttendanceMode.ONLINE })
  attendanceMode!: AttendanceMode;

  @Field(() => ID, { description: 'Organising organisation.' })
  @IsUUID()
  organizerId!: string;

  @Field(() => ID, { nullable: true, description: 'Ecosystem.' })
  @IsOptional()
  @IsUUID()
  ecosystemId?: string | null;

  @Field({ description: 'First occurrence (DTSTART), an instant; its local time in `timezone` repeats.' })
  dtstart!: Date;

  @Field({ description: 'IANA time zone in which the rule is evaluated.', defaultValue: 'Europe/Paris' })
  @MaxLength(64)
  timezone!: string;

  @Field({ description: 'RFC 5545 RRULE value, e.g. FREQ=MONTHLY;BYDAY=-1TH.' })
  @MaxLength(500)
  rrule!: string;

  @Field(() => [LocalDateScalar], { description: 'Local days to skip (EXDATE).', defaultValue: [] })
  @ArrayMaxSize(500)
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { each: true })
  exdates!: string[];

  @Field(() => Int, { description: 'Duration of each occurrence in minutes.' })
  @IsInt()
  @Min(1)
  @Max(10080)
  durationMinutes!: number;

  @Field({ description: 'Language (BCP 47).', defaultValue: 'fr' })
  @IsLocale()
  language!: string;

  @Field(() => String, { nullable: true, description: 'Link to join online occurrences.' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @MaxLength(512)
  virtualUrl?: string | null;
}

@ArgsType()
export class OccurrencesArgs {
  @Field(() => Date, { nullable: true, description: 'Occurrences that end at or after this instant (a plain day, e.g. 2024-01-01: from the start of that day in Europe/Paris).' })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Occurrences that start before this instant (a plain day, e.g. 2024-01-31: up to the end of that day in Europe/Paris, included).' })
  @IsOptional()
  to?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}

@ArgsType()
export class CreateSeriesArgs extends InputArgs(CreateSeriesInput, 'The series.') {}
