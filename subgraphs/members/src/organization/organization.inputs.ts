import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { OrgKind, Sector } from './organization.enums';

@InputType({ description: 'Filters of the organisation directory; all given filters must match.' })
export class OrganizationFilter {
  @Field(() => String, { nullable: true, description: 'Words in the name or acronym; case and accents ignored.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;

  @Field(() => [OrgKind], { nullable: true, description: 'Any of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(50)
  kinds?: OrgKind[] | null;

  @Field(() => [Sector], { nullable: true, description: 'Active in any of these sectors.' })
  @IsOptional()
  @ArrayMaxSize(50)
  sectors?: Sector[] | null;

  @Field(() => String, { nullable: true, description: 'Current member of the ecosystem with this code (e.g. MEDICEN).' })
  @IsOptional()
  @MaxLength(32)
  ecosystem?: string | null;
}

@ArgsType()
export class OrganizationsArgs {
  @Field(() => OrganizationFilter, { nullable: true, description: 'What to keep.' })
  filter?: OrganizationFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}
