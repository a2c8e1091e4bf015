import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { AccessRights, DatasetTypology, HealthCategory } from './dataset.enums';

@InputType({ description: 'Filters of the dataset catalogue; all given filters must match.' })
export class DatasetFilter {
  @Field(() => String, { nullable: true, description: 'Words in the title, description or identifier; case and accents ignored.' })
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

  @Field(() => ID, { nullable: true, description: 'Published by this organisation.' })
  @IsOptional()
  @MaxLength(36)
  publisherId?: string | null;
}

@ArgsType()
export class DatasetsArgs {
  @Field(() => DatasetFilter, { nullable: true, description: 'What to keep.' })
  filter?: DatasetFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}
