import { LocalDateScalar } from '@ecosystem/shared';
import { ArrayMaxSize, IsEmail, IsOptional, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'An affiliation of a person to an organisation.' })
export class AffiliationInput {
  @Field(() => ID, { description: 'Organisation id.' })
  @MaxLength(36)
  organizationId!: string;

  @Field(() => String, { nullable: true, description: 'Position held in the organisation.' })
  @IsOptional()
  @MaxLength(200)
  role?: string | null;

  @Field({ defaultValue: false, description: 'The main affiliation of the person.' })
  primary!: boolean;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Start day (YYYY-MM-DD).' })
  @IsOptional()
  since?: string | null;
}

@InputType({ description: 'Creates a person (no id) or replaces the given fields of an existing one.' })
export class UpsertPersonInput {
  @Field(() => ID, { nullable: true, description: 'Id of the person to update; omit to create one.' })
  @IsOptional()
  @MaxLength(36)
  id?: string | null;

  @Field({ description: 'Given name.' })
  @MinLength(1)
  @MaxLength(128)
  givenName!: string;

  @Field({ description: 'Family name.' })
  @MinLength(1)
  @MaxLength(128)
  familyName!: string;

  @Field(() => String, { nullable: true, description: 'Job title.' })
  @IsOptional()
  @MaxLength(200)
  jobTitle?: string | null;

  @Field(() => String, { nullable: true, description: 'ORCID iD (checked with its check character).' })
  @IsOptional()
  @MaxLength(40)
  orcid?: string | null;

  @Field(() => [String], { nullable: true, description: 'Areas of expertise (at most 30).' })
  @IsOptional()
  @ArrayMaxSize(30)
  @MaxLength(100, { each: true })
  expertise?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Professional e-mail address.' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Professional phone number (digits, spaces, +, dots, dashes).' })
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 .()-]{5,30}$/, { message: 'phone must be a phone number' })
  phone?: string | null;

  @Field(() => [AffiliationInput], {
    nullable: true,
    description: 'Current affiliations; when given, they replace the current ones.',
  })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  affiliations?: AffiliationInput[] | null;
}

@InputType({ description: 'Filters of the people directory; all given filters must match.' })
export class PersonFilter {
  @Field(() => String, { nullable: true, description: 'Words in the names, job title or expertise; case and accents ignored.' })
  @IsOptional()
  @MaxLength(200)
  text?: string | null;

  @Field(() => ID, { nullable: true, description: 'Currently affiliated to this organisation.' })
  @IsOptional()
  @MaxLength(36)
  organizationId?: string | null;
}

@ArgsType()
export class PeopleArgs {
  @Field(() => PersonFilter, { nullable: true, description: 'What to keep.' })
  @ValidateNested()
  @IsOptional()
  filter?: PersonFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size (default 20, at most 200).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor after which the page starts (pageInfo.endCursor).' })
  after?: string | null;
}

@ArgsType()
export class UpsertPersonArgs {
  @Field(() => UpsertPersonInput, { description: 'The person.' })
  @ValidateNested()
  input!: UpsertPersonInput;
}
