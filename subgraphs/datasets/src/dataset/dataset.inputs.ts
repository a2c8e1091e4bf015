import { BigIntScalar, LocalDateScalar } from '@ecosystem/shared';
import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { AccessModality, AccessRights, CodingSystem, DatasetTypology, HdhPosition, HealthCategory } from './dataset.enums';

@InputType({ description: 'An age range in years; either end may be left open.' })
export class AgeRangeInput {
  @Field(() => Int, { nullable: true, description: 'Youngest age of interest (inclusive).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(150)
  min?: number | null;

  @Field(() => Int, { nullable: true, description: 'Oldest age of interest (inclusive).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(150)
  max?: number | null;
}

@InputType({ description: 'A period of calendar days; either end may be left open.' })
export class PeriodInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'First day (inclusive), YYYY-MM-DD.' })
  @IsOptional()
  start?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day (inclusive), YYYY-MM-DD.' })
  @IsOptional()
  end?: string | null;
}

@InputType({ description: 'Filters of the dataset catalogue; all given filters must match.' })
export class DatasetFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Words in the title, description, identifier, keywords or health themes; case and accents ignored.',
  })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;

  @Field(() => [HealthCategory], { nullable: true, description: 'Covers any of these health categories.' })
  @IsOptional()
  @ArrayMaxSize(50)
  healthCategories?: HealthCategory[] | null;

  @Field(() => [DatasetTypology], { nullable: true, description: 'Of any of these typologies.' })
  @IsOptional()
  @ArrayMaxSize(50)
  typology?: DatasetTypology[] | null;

  @Field(() => [AccessRights], { nullable: true, description: 'With any of these access rights.' })
  @IsOptional()
  @ArrayMaxSize(10)
  accessRights?: AccessRights[] | null;

  @Field(() => [ID], { nullable: true, description: 'Published by any of these organisations (facet `publishers`).' })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(36, { each: true })
  publishers?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Listed in this catalogue.' })
  @IsOptional()
  @MaxLength(36)
  catalogueId?: string | null;

  @Field(() => [HdhPosition], { nullable: true, description: 'In any of these positions relative to the Health Data Hub.' })
  @IsOptional()
  @ArrayMaxSize(10)
  hdhPosition?: HdhPosition[] | null;

  @Field(() => [CodingSystem], { nullable: true, description: 'Uses any of these coding systems.' })
  @IsOptional()
  @ArrayMaxSize(20)
  codingSystems?: CodingSystem[] | null;

  @Field(() => [AccessModality], { nullable: true, description: 'Accessible through any of these routes.' })
  @IsOptional()
  @ArrayMaxSize(10)
  accessModalities?: AccessModality[] | null;

  @Field(() => [String], { nullable: true, description: 'About any of these health themes, e.g. breast cancer, cardiovascular (case, accents and hyphens ignored, as CallFilter.theme).' })
  @IsOptional()
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  healthThemes?: string[] | null;

  @Field(() => BigIntScalar, { nullable: true, description: 'At least this many unique individuals (unknown counts excluded).' })
  @IsOptional()
  minIndividuals?: bigint | number | null;

  @Field(() => AgeRangeInput, {
    nullable: true,
    description: 'Typical age range overlapping this one (an unknown bound counts as open).',
  })
  @IsOptional()
  @ValidateNested()
  ageRange?: AgeRangeInput | null;

  @Field(() => PeriodInput, {
    nullable: true,
    description: 'Temporal coverage overlapping this period (datasets without a known coverage excluded).',
  })
  @IsOptional()
  @ValidateNested()
  temporalOverlap?: PeriodInput | null;
}

@ArgsType()
export class DatasetsArgs {
  @Field(() => DatasetFilter, { nullable: true, description: 'What to keep.' })
  @IsOptional()
  @ValidateNested()
  filter?: DatasetFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}
