import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { AccessRequestStatus } from './access-request.enums';

@InputType({ description: 'A new access request, created as a DRAFT of the viewer\u2019s organisation.' })
export class CreateAccessRequestInput {
  @Field(() => [ID], { description: 'Non-public datasets of one publisher.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  datasetIds!: string[];

  @Field({ description: 'Purpose of the processing (10 to 5,000 characters).' })
  @MinLength(10)
  @MaxLength(5000)
  purpose!: string;

  @Field(() => String, { nullable: true, description: 'Why the project is of public interest.' })
  @IsOptional()
  @MaxLength(5000)
  publicInterest?: string | null;

  @Field(() => String, { nullable: true, description: 'Summary of the methodology.' })
  @IsOptional()
  @MaxLength(10000)
  methodology?: string | null;

  @Field(() => String, { nullable: true, description: 'CNIL reference methodology claimed, MR-001 to MR-008.' })
  @IsOptional()
  @Matches(/^MR-00[1-8]$/, { message: 'referenceMethodology must be one of MR-001 to MR-008' })
  referenceMethodology?: string | null;

  @Field(() => ID, { nullable: true, description: 'Person responsible for the project; defaults to the viewer.' })
  @IsOptional()
  @IsUUID()
  principalInvestigatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'R&D project the request serves.' })
  @IsOptional()
  @IsUUID()
  projectId?: string | null;
}

@InputType({ description: 'A move of an access request to another status.' })
export class TransitionAccessRequestInput {
  @Field(() => ID, { description: 'The access request.' })
  @IsUUID()
  id!: string;

  @Field(() => AccessRequestStatus, { description: 'Target status.' })
  to!: AccessRequestStatus;

  @Field(() => String, { nullable: true, description: 'Reason or comment kept in the history (required to return it as INCOMPLETE).' })
  @IsOptional()
  @MaxLength(2000)
  note?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The version the caller last saw; the transition is refused with CONFLICT if the request changed since.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'Text of the CESREES opinion (required for CESREES_FAVOURABLE/UNFAVOURABLE).' })
  @IsOptional()
  @MaxLength(5000)
  cesreesOpinion?: string | null;

  @Field(() => String, { nullable: true, description: 'Reference of the CNIL decision (required for AUTHORISED, and REFUSED after CNIL review).' })
  @IsOptional()
  @MaxLength(64)
  cnilDecisionRef?: string | null;
}

@InputType({ description: 'Filters of the access requests the viewer may see.' })
export class AccessRequestFilter {
  @Field(() => [AccessRequestStatus], { nullable: true, description: 'In any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(20)
  status?: AccessRequestStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Naming this dataset.' })
  @IsOptional()
  @MaxLength(36)
  datasetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Made by this organisation.' })
  @IsOptional()
  @MaxLength(36)
  requesterId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For datasets of this publisher.' })
  @IsOptional()
  @MaxLength(36)
  publisherId?: string | null;
}

@ArgsType()
export class AccessRequestsArgs {
  @Field(() => AccessRequestFilter, { nullable: true, description: 'What to keep.' })
  @IsOptional()
  @ValidateNested()
  filter?: AccessRequestFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}

/** Arguments of createAccessRequest; as an ArgsType so that validation errors name `input.<field>`. */
@ArgsType()
export class CreateAccessRequestArgs {
  @Field(() => CreateAccessRequestInput, { description: 'The request.' })
  @ValidateNested()
  input!: CreateAccessRequestInput;
}

/** Arguments of transitionAccessRequest; validation errors name `input.<field>`. */
@ArgsType()
export class TransitionAccessRequestArgs {
  @Field(() => TransitionAccessRequestInput, { description: 'The transition.' })
  @ValidateNested()
  input!: TransitionAccessRequestInput;
}
