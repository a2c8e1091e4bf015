import { IsEnum, IsOptional, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { SkillType } from './competency.enums';

@InputType({ description: 'Filters of the competency framework.' })
export class CompetencyFilter {
  @Field(() => String, { nullable: true, description: 'Words in the code or title; case and accents ignored.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;

  @Field(() => ID, { nullable: true, description: 'In this domain.' })
  @IsOptional()
  @IsUUID()
  domainId?: string | null;

  @Field(() => SkillType, { nullable: true, description: 'Of this type.' })
  @IsOptional()
  @IsEnum(SkillType)
  type?: SkillType | null;
}

@ArgsType()
export class CompetenciesArgs {
  @Field(() => CompetencyFilter, { nullable: true, description: 'What to keep.' })
  @IsOptional()
  @ValidateNested()
  filter?: CompetencyFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts.' })
  after?: string | null;
}
