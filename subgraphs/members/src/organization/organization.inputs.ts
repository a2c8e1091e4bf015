import { AddressInput, LocalDateScalar } from '@ecosystem/shared';
import { ArrayMaxSize, IsIn, IsOptional, IsUrl, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { MembershipRole } from '../membership/membership.entity';
import { CompanySize, OrganizationOrder, OrgKind, ROR_TYPES, Sector } from './organization.enums';

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

  @Field(() => String, { nullable: true, description: 'Current member of the ecosystem with this code (e.g. MEDICEN; case ignored).' })
  @IsOptional()
  @MaxLength(32)
  ecosystem?: string | null;

  @Field(() => [String], { nullable: true, description: 'Current member of any of the ecosystems with these codes (case ignored).' })
  @IsOptional()
  @ArrayMaxSize(10)
  @MaxLength(32, { each: true })
  ecosystems?: string[] | null;

  @Field(() => [MembershipRole], {
    nullable: true,
    description: 'With a current membership in any of these roles (in the given ecosystems, when some are given).',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  roles?: MembershipRole[] | null;

  @Field(() => String, { nullable: true, description: 'Located in this region, e.g. Île-de-France (case and accents ignored: ile-de-france).' })
  @IsOptional()
  @MaxLength(128)
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'Located in this city, e.g. Évry-Courcouronnes (case and accents ignored).' })
  @IsOptional()
  @MaxLength(128)
  city?: string | null;

  @Field(() => [CompanySize], { nullable: true, description: 'Any of these size categories (facet `sizes`).' })
  @IsOptional()
  @ArrayMaxSize(4)
  sizes?: CompanySize[] | null;
}

@ArgsType()
export class OrganizationsArgs {
  @Field(() => OrganizationFilter, { nullable: true, description: 'What to keep.' })
  @IsOptional()
  @ValidateNested()
  filter?: OrganizationFilter | null;

  @Field(() => OrganizationOrder, { defaultValue: OrganizationOrder.NAME_ASC, description: 'Sort order.' })
  orderBy!: OrganizationOrder;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}

@InputType({
  description:
    'Creates an organisation (no id; admins) or updates an existing one (admins or its managers): a field left out keeps its value, null clears it.',
})
export class UpsertOrganizationInput {
  @Field(() => ID, { nullable: true, description: 'Id of the organisation to update; omit to create one.' })
  @IsOptional()
  @MaxLength(36)
  id?: string | null;

  @Field({ description: 'Legal or usual name.' })
  @MinLength(2)
  @MaxLength(255)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Acronym or short name.' })
  @IsOptional()
  @MaxLength(64)
  acronym?: string | null;

  @Field(() => OrgKind, { description: 'Kind of organisation.' })
  kind!: OrgKind;

  @Field(() => [Sector], { nullable: true, description: 'Sectors the organisation is active in; none when creating and left out.' })
  @IsOptional()
  @ArrayMaxSize(7)
  sectors?: Sector[] | null;

  @Field(() => [String], { nullable: true, description: 'ROR organisation types; none when creating and left out.' })
  @IsOptional()
  @ArrayMaxSize(9)
  @IsIn(ROR_TYPES, { each: true, message: `rorTypes must be among ${ROR_TYPES.join(', ')}` })
  rorTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'SIREN: 9 digits with a valid Luhn key.' })
  @IsOptional()
  @MaxLength(20)
  siren?: string | null;

  @Field(() => String, { nullable: true, description: 'SIRET: 14 digits, Luhn, starting with the SIREN.' })
  @IsOptional()
  @MaxLength(24)
  siret?: string | null;

  @Field(() => String, { nullable: true, description: 'NAF/APE code, e.g. 72.11Z.' })
  @IsOptional()
  @Matches(/^\d{2}\.?\d{2}[A-Z]$/, { message: 'nafCode must look like 72.11Z' })
  nafCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Legal form.' })
  @IsOptional()
  @MaxLength(100)
  legalForm?: string | null;

  @Field(() => CompanySize, { nullable: true, description: 'INSEE size category.' })
  @IsOptional()
  sizeCategory?: CompanySize | null;

  @Field(() => String, { nullable: true, description: 'ROR id, bare or as https://ror.org/ URL (checksum verified).' })
  @IsOptional()
  @MaxLength(40)
  rorId?: string | null;

  @Field(() => String, { nullable: true, description: 'FINESS number: department (2 digits, 2A or 2B) + 7 digits.' })
  @IsOptional()
  @MaxLength(12)
  finess?: string | null;

  @Field(() => String, { nullable: true, description: 'RNA number: W + 9 characters.' })
  @IsOptional()
  @MaxLength(12)
  rna?: string | null;

  @Field(() => AddressInput, { nullable: true, description: 'Postal address.' })
  @IsOptional()
  @ValidateNested()
  address?: AddressInput | null;

  @Field(() => String, { nullable: true, description: 'Public web site (http or https URL).' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(512)
  website?: string | null;

  @Field(() => ID, { nullable: true, description: 'Parent organisation (group, university...).' })
  @IsOptional()
  @MaxLength(36)
  parentId?: string | null;
}

@ArgsType()
export class UpsertOrganizationArgs {
  @Field(() => UpsertOrganizationInput, { description: 'The organisation.' })
  @ValidateNested()
  input!: UpsertOrganizationInput;
}

@InputType({ description: 'Makes an organisation a member of an ecosystem.' })
export class AddMembershipInput {
  @Field(() => ID, { description: 'Organisation id.' })
  @MaxLength(36)
  organizationId!: string;

  @Field({ description: 'Ecosystem code, e.g. MEDICEN.' })
  @MaxLength(32)
  ecosystemCode!: string;

  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER, description: 'Role in the ecosystem.' })
  role!: MembershipRole;

  @Field(() => [Sector], { defaultValue: [], description: 'Filières the organisation takes part in.' })
  @ArrayMaxSize(7)
  filieres!: Sector[];

  @Field(() => LocalDateScalar, { nullable: true, description: 'Start day (YYYY-MM-DD); today when omitted.' })
  @IsOptional()
  since?: string | null;
}

@ArgsType()
export class AddMembershipArgs {
  @Field(() => AddMembershipInput, { description: 'The membership.' })
  @ValidateNested()
  input!: AddMembershipInput;
}

@InputType({ description: 'Ends the current membership of an organisation in an ecosystem.' })
export class EndMembershipInput {
  @Field(() => ID, { description: 'Organisation id.' })
  @MaxLength(36)
  organizationId!: string;

  @Field({ description: 'Ecosystem code.' })
  @MaxLength(32)
  ecosystemCode!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day (YYYY-MM-DD); today when omitted.' })
  @IsOptional()
  until?: string | null;
}

@ArgsType()
export class EndMembershipArgs {
  @Field(() => EndMembershipInput, { description: 'Which membership.' })
  @ValidateNested()
  input!: EndMembershipInput;
}
