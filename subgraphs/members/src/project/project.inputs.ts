import { MoneyInput, LocalDateScalar } from '@ecosystem/shared';
import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { FundingScheme, ProjectRole, ProjectStatus } from './project.enums';

@InputType({ description: 'A new R&D project; it starts SUBMITTED with its coordinator as first participant.' })
export class CreateProjectInput {
  @Field({ description: 'Acronym (letters, digits, dashes).' })
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$/, { message: 'acronym must be letters, digits, spaces or dashes (max 64)' })
  acronym!: string;

  @Field({ description: 'Full title.' })
  @MinLength(3)
  @MaxLength(500)
  title!: string;

  @Field(() => ID, { description: 'Coordinating organisation.' })
  @MaxLength(36)
  coordinatorId!: string;

  @Field(() => [FundingScheme], { defaultValue: [], description: 'Funding schemes applied for.' })
  @ArrayMaxSize(8)
  fundingScheme!: FundingScheme[];

  @Field(() => MoneyInput, { nullable: true, description: 'Total budget.' })
  @IsOptional()
  @ValidateNested()
  totalBudget?: MoneyInput | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Public funding asked for (at most the total budget, same currency).' })
  @IsOptional()
  @ValidateNested()
  publicFunding?: MoneyInput | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day (YYYY-MM-DD).' })
  @IsOptional()
  startDate?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day (YYYY-MM-DD), not before the first.' })
  @IsOptional()
  endDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Technology readiness level (1-9).' })
  @IsOptional()
  @Min(1)
  @Max(9)
  trl?: number | null;

  @Field({ defaultValue: false, description: 'European or international project.' })
  international!: boolean;

  @Field(() => [String], { defaultValue: [], description: 'Therapeutic areas.' })
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  therapeuticAreas!: string[];

  @Field(() => ID, { nullable: true, description: 'Call for projects answered (an events Call id).' })
  @IsOptional()
  @MaxLength(36)
  callId?: string | null;
}

@ArgsType()
export class CreateProjectArgs {
  @Field(() => CreateProjectInput, { description: 'The project.' })
  @ValidateNested()
  input!: CreateProjectInput;
}

@InputType({ description: 'Moves a project to its next status.' })
export class TransitionProjectInput {
  @Field(() => ID, { description: 'Project id.' })
  @MaxLength(36)
  projectId!: string;

  @Field(() => ProjectStatus, { description: 'Target status.' })
  to!: ProjectStatus;

  @Field(() => [String], {
    nullable: true,
    description: 'When labelling: codes of the labelling ecosystems (e.g. MEDICEN).',
  })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  labelledBy?: string[] | null;
}

@ArgsType()
export class TransitionProjectArgs {
  @Field(() => TransitionProjectInput, { description: 'The move.' })
  @ValidateNested()
  input!: TransitionProjectInput;
}

@InputType({ description: 'Adds an organisation to a project consortium.' })
export class AddParticipantInput {
  @Field(() => ID, { description: 'Project id.' })
  @MaxLength(36)
  projectId!: string;

  @Field(() => ID, { description: 'Organisation id.' })
  @MaxLength(36)
  organizationId!: string;

  @Field(() => ProjectRole, { description: 'Role in the consortium.' })
  role!: ProjectRole;

  @Field(() => MoneyInput, { nullable: true, description: "Share of the budget, in the project's currency." })
  @IsOptional()
  @ValidateNested()
  budgetShare?: MoneyInput | null;
}

@ArgsType()
export class AddParticipantArgs {
  @Field(() => AddParticipantInput, { description: 'The participant.' })
  @ValidateNested()
  input!: AddParticipantInput;
}

@InputType({ description: 'Filters of the project list; all given filters must match.' })
export class ProjectFilter {
  @Field(() => [ProjectStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(6)
  status?: ProjectStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Labelled by the ecosystem with this code (e.g. MEDICEN).' })
  @IsOptional()
  @MaxLength(32)
  ecosystem?: string | null;

  @Field(() => [FundingScheme], { nullable: true, description: 'Funded by any of these schemes.' })
  @IsOptional()
  @ArrayMaxSize(8)
  fundingScheme?: FundingScheme[] | null;

  @Field(() => String, { nullable: true, description: 'Total budget at least this decimal amount (project currency).' })
  @IsOptional()
  @MaxLength(20)
  minBudget?: string | null;

  @Field(() => ID, { nullable: true, description: 'With this organisation among the participants.' })
  @IsOptional()
  @MaxLength(36)
  partnerId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only European/international projects (true) or only national ones (false).' })
  @IsOptional()
  international?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Words in the acronym or title; case and accents ignored.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;
}

@ArgsType()
export class ProjectsArgs {
  @Field(() => ProjectFilter, { nullable: true, description: 'What to keep.' })
  @IsOptional()
  @ValidateNested()
  filter?: ProjectFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}
