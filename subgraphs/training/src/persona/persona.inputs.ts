import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Format, Level } from '../catalogue/catalogue.enums';
import { JobFamily, Priority } from './persona.enums';

@InputType({ description: 'Constraints of a persona.' })
export class PersonaConstraintsInput {
  @Field(() => Int, { nullable: true, description: 'Longest session the persona can attend, in minutes (30 to 2,400).' })
  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(2400)
  maxSessionMinutes?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Needs flexible formats.' })
  @IsOptional()
  @IsBoolean()
  needsFlexibility?: boolean | null;

  @Field(() => [Format], { defaultValue: [], description: 'Preferred formats, best first.' })
  @ArrayMaxSize(4)
  @IsEnum(Format, { each: true })
  preferredFormats!: Format[];
}

@InputType({ description: 'A persona to create (no id) or to update (id).' })
export class UpsertPersonaInput {
  @Field(() => ID, { nullable: true, description: 'Id of the persona to update; omit to create one.' })
  @IsOptional()
  @IsUUID()
  id?: string | null;

  @Field({ description: 'Unique code: capital letters, digits and dashes (e.g. P-DATA-IT-MED-1).' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'code must be 2-32 capital letters, digits or dashes' })
  code!: string;

  @Field({ description: 'Job title.' })
  @Length(3, 255)
  title!: string;

  @Field(() => JobFamily, { description: 'Job family.' })
  @IsEnum(JobFamily)
  jobFamily!: JobFamily;

  @Field(() => String, { nullable: true, description: 'ESCO occupation or ISCO group URI (http://data.europa.eu/esco/...).' })
  @IsOptional()
  @IsUrl({ require_protocol: true })
  @Matches(/^https?:\/\/data\.europa\.eu\/esco\//, { message: 'escoOccupation must be an ESCO URI' })
  escoOccupation?: string | null;

  @Field(() => String, { nullable: true, description: 'ISCO-08 unit group (4 digits).' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'iscoCode must be 4 digits' })
  iscoCode?: string | null;

  @Field(() => String, { nullable: true, description: 'ROME code: a letter A-N and 4 digits (e.g. M1403).' })
  @IsOptional()
  @Matches(/^[A-N]\d{4}$/, { message: 'romeCode must be a letter A-N followed by 4 digits' })
  romeCode?: string | null;

  @Field(() => PersonaConstraintsInput, { nullable: true, description: 'Constraints on training.' })
  @IsOptional()
  @ValidateNested()
  constraints?: PersonaConstraintsInput | null;

  @Field(() => [String], { defaultValue: [], description: 'Other job titles the persona covers.' })
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(255, { each: true })
  aliases!: string[];
}

@InputType({ description: 'Sets what a persona needs of a competency (a cell of the matrix).' })
export class SetRequirementInput {
  @Field(() => ID, { description: 'The persona.' })
  @IsUUID()
  personaId!: string;

  @Field(() => ID, { description: 'The competency.' })
  @IsUUID()
  competencyId!: string;

  @Field(() => Level, { description: 'Level needed.' })
  @IsEnum(Level)
  requiredLevel!: Level;

  @Field(() => Priority, { description: 'Essential or optional.' })
  @IsEnum(Priority)
  priority!: Priority;
}

@InputType({ description: 'Filters of the personae list.' })
export class PersonaFilter {
  @Field(() => String, { nullable: true, description: 'Words in the code, title or aliases; case and accents ignored.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;

  @Field(() => [JobFamily], { nullable: true, description: 'In any of these job families.' })
  @IsOptional()
  @ArrayMaxSize(9)
  jobFamilies?: JobFamily[] | null;
}

@ArgsType()
export class PersonaeArgs {
  @Field(() => PersonaFilter, { nullable: true, description: 'What to keep.' })
  @IsOptional()
  @ValidateNested()
  filter?: PersonaFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}

@ArgsType()
export class UpsertPersonaArgs {
  @Field(() => UpsertPersonaInput, { description: 'The persona.' })
  @ValidateNested()
  input!: UpsertPersonaInput;
}

@ArgsType()
export class SetRequirementArgs {
  @Field(() => SetRequirementInput, { description: 'The requirement.' })
  @ValidateNested()
  input!: SetRequirementInput;
}
