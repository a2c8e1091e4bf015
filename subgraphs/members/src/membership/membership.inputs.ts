import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { OrgKind, Sector } from '../organization/organization.enums';
import { MembershipRole } from './membership.entity';

@InputType({ description: 'Filters of an ecosystem\u2019s members; all given filters must match.' })
export class MemberFilter {
  @Field(() => [MembershipRole], { nullable: true, description: 'Any of these roles.' })
  @IsOptional()
  @ArrayMaxSize(8)
  roles?: MembershipRole[] | null;

  @Field(() => [OrgKind], { nullable: true, description: 'Organisations of any of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(20)
  kinds?: OrgKind[] | null;

  @Field(() => [Sector], { nullable: true, description: 'Taking part in any of these filières.' })
  @IsOptional()
  @ArrayMaxSize(7)
  filieres?: Sector[] | null;

  @Field(() => String, { nullable: true, description: 'Words in the organisation\u2019s name or acronym; case and accents ignored.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;

  @Field({ defaultValue: false, description: 'Also list ended memberships.' })
  includePast!: boolean;
}

@ArgsType()
export class MembersArgs {
  @Field(() => MemberFilter, { nullable: true, description: 'What to keep.' })
  @IsOptional()
  @ValidateNested()
  filter?: MemberFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}
