import { MoneyInput, NOT_IN_PUBLIC_CONTRACT } from '@ecosystem/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Directive, Field, ID, InputType, Int } from 'type-graphql';
import { Format, Level } from '../catalogue/catalogue.enums';

@InputType({ description: 'Filters of the module catalogue; all given filters must match.' })
export class ModuleFilter {
  @Field(() => String, { nullable: true, description: 'Words in the code, French or English title or description; case and accents ignored.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;

  @Field(() => [ID], { nullable: true, description: 'In any of these thematic domains (facet `domains`).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  domains?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'In a domain of this category.' })
  @IsOptional()
  @IsUUID()
  categoryId?: string | null;

  @Field(() => [Level], { nullable: true, description: 'At any of these levels.' })
  @IsOptional()
  @ArrayMaxSize(10)
  levels?: Level[] | null;

  @Field(() => [Format], { nullable: true, description: 'Offered in any of these formats.' })
  @IsOptional()
  @ArrayMaxSize(10)
  formats?: Format[] | null;

  @Field(() => [ID], { nullable: true, description: 'Delivered by any of these organisations (facet `providers`).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  providers?: string[] | null;

  @Directive(NOT_IN_PUBLIC_CONTRACT)
  @Field(() => ID, { nullable: true, description: 'Teaches a competency this persona requires.' })
  @IsOptional()
  @IsUUID()
  personaId?: string | null;

  @Directive(NOT_IN_PUBLIC_CONTRACT)
  @Field(() => ID, { nullable: true, description: 'Teaches this competency.' })
  @IsOptional()
  @IsUUID()
  competencyId?: string | null;
}

@ArgsType()
export class ModulesArgs {
  @Field(() => ModuleFilter, { nullable: true, description: 'What to keep.' })
  @IsOptional()
  @ValidateNested()
  filter?: ModuleFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}

@InputType({ description: 'A new module of the catalogue; it starts as a DRAFT.' })
export class CreateModuleInput {
  @Field({ description: 'Catalogue code: capital letters, digits and dashes, unique (e.g. DATA-RWD-5).' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,31}$/, { message: 'code must be 2-32 capital letters, digits or dashes' })
  code!: string;

  @Field({ description: 'Title (French, the catalogue\u2019s language).' })
  @Length(3, 255)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Title in English; text search matches it too.' })
  @IsOptional()
  @Length(3, 255)
  titleEn?: string | null;

  @Field({ description: 'What the module is about.' })
  @Length(10, 10_000)
  description!: string;

  @Field(() => ID, { description: 'Thematic domain.' })
  @IsUUID()
  domainId!: string;

  @Field(() => Level, { description: 'Depth of the module.' })
  @IsEnum(Level)
  level!: Level;

  @Field(() => Int, { nullable: true, description: 'EQF level, 1 to 8.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  eqfLevel?: number | null;

  @Field(() => [String], { description: 'Learning objectives (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  learningObjectives!: string[];

  @Field(() => [Format], { description: 'Formats offered (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(4)
  @IsEnum(Format, { each: true })
  formats!: Format[];

  @Field(() => Int, { description: 'Expected learning time in minutes (15 to 20,000).' })
  @IsInt()
  @Min(15)
  @Max(20_000)
  durationMinutes!: number;

  @Field({ defaultValue: 'fr', description: 'Language of instruction (BCP 47).' })
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'language must be a BCP 47 tag such as fr or en-GB' })
  language!: string;

  @Field(() => MoneyInput, { nullable: true, description: 'Price per learner; omit when free.' })
  @IsOptional()
  @ValidateNested()
  price?: MoneyInput | null;

  @Field(() => Boolean, { nullable: true, description: 'Eligible to the CPF.' })
  @IsOptional()
  cpfEligible?: boolean | null;

  @Field(() => String, { nullable: true, description: 'France Compétences RS or RNCP code (RS1234, RNCP12345).' })
  @IsOptional()
  @Matches(/^(RS|RNCP)\d{3,6}$/, { message: 'rsRncpCode must look like RS1234 or RNCP12345' })
  rsRncpCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Credential awarded on completion.' })
  @IsOptional()
  @MaxLength(255)
  credential?: string | null;

  @Field(() => [ID], { description: 'Training partners (Organization ids) that deliver it (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  providerIds!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Competencies it teaches.' })
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  competencyIds!: string[];

  @Field(() => [ID], { defaultValue: [], description: 'Modules to complete first.' })
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  prerequisiteIds!: string[];
}

@ArgsType()
export class CreateModuleArgs {
  @Field(() => CreateModuleInput, { description: 'The module.' })
  @ValidateNested()
  input!: CreateModuleInput;
}
