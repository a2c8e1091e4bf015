import { LocalDateScalar } from '@ecosystem/shared';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { InputArgs } from '../common/input-args';
import { CallKind, CallStatus } from './call.enums';

@InputType({ description: 'Filters of the call list; all given filters must match.' })
export class CallFilter {
  @Field(() => [CallStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(5)
  statuses?: CallStatus[] | null;

  @Field(() => String, { nullable: true, description: 'This theme, e.g. cardiovascular or breast-cancer (case, accents and dashes ignored: "Breast cancer").' })
  @IsOptional()
  @MaxLength(64)
  theme?: string | null;

  @Field(() => [CallKind], { nullable: true, description: 'Any of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(3)
  kinds?: CallKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Published by this organisation.' })
  @IsOptional()
  @IsUUID()
  publisherId?: string | null;
}

@ArgsType()
export class CallsArgs {
  @Field(() => CallFilter, { nullable: true, description: 'What to keep.' })
  @IsOptional()
  @ValidateNested()
  filter?: CallFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}

@InputType({ description: 'A call to publish.' })
export class PublishCallInput {
  @Field(() => CallKind, { description: 'Kind of call.', defaultValue: CallKind.AMI })
  kind!: CallKind;

  @Field({ description: 'Title.' })
  @MinLength(5)
  @MaxLength(255)
  title!: string;

  @Field({ description: 'Theme: lower-case words joined by dashes, e.g. breast-cancer.' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  @MaxLength(64)
  theme!: string;

  @Field(() => String, { nullable: true, description: 'Description.' })
  @IsOptional()
  @MaxLength(20000)
  description?: string | null;

  @Field(() => ID, { description: 'Publishing organisation.' })
  @IsUUID()
  publisherId!: string;

  @Field(() => ID, { nullable: true, description: 'Ecosystem.' })
  @IsOptional()
  @IsUUID()
  ecosystemId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the call opens (default: today, so it opens now).' })
  @IsOptional()
  opensAt?: string | null;

  @Field({ description: 'Deadline for expressions of interest; in the future.' })
  deadline!: Date;

  @Field(() => [ID], { description: 'Datasets applicants are expected to work on.', defaultValue: [] })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  expectedDatasetIds!: string[];

  @Field(() => [ID], { description: 'Existing events that become the call\u2019s information sessions.', defaultValue: [] })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  infoSessionIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Existing hackathon that follows the call.' })
  @IsOptional()
  @IsUUID()
  followUpHackathonId?: string | null;
}

@InputType({ description: 'An organisation\u2019s expression of interest in a call.' })
export class ExpressionOfInterestInput {
  @Field(() => ID, { description: 'The call.' })
  @IsUUID()
  callId!: string;

  @Field(() => ID, { description: 'The applying organisation; the viewer must act for it.' })
  @IsUUID()
  organizationId!: string;

  @Field(() => [ID], { description: 'Datasets the organisation intends to use.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  datasetIds!: string[];

  @Field(() => String, { nullable: true, description: 'Free text.' })
  @IsOptional()
  @MaxLength(5000)
  message?: string | null;
}

@ArgsType()
export class PublishCallArgs extends InputArgs(PublishCallInput, 'The call.') {}

@ArgsType()
export class ExpressionOfInterestArgs extends InputArgs(ExpressionOfInterestInput, 'The expression of interest.') {}
