import { ArrayMaxSize, IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { Format, Level } from '../catalogue/catalogue.enums';

@InputType({ description: 'Filters of the module catalogue; all given filters must match.' })
export class ModuleFilter {
  @Field(() => String, { nullable: true, description: 'Words in the code, title or description; case and accents ignored.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;

  @Field(() => ID, { nullable: true, description: 'In this thematic domain.' })
  @IsOptional()
  @IsUUID()
  domainId?: string | null;

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

  @Field(() => ID, { nullable: true, description: 'Delivered by this organisation.' })
  @IsOptional()
  @IsUUID()
  providerId?: string | null;
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
