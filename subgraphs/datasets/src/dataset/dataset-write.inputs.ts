import { BigIntScalar, LocalDateScalar } from '@ecosystem/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { AccessModality, AccessRights, CodingSystem, DatasetTypology, HdhPosition, HealthCategory } from './dataset.enums';

const URL_OPTIONS = { require_protocol: true, protocols: ['http', 'https'] };

@InputType({ description: 'A new dataset of a catalogue, published by the viewer\u2019s organisation.' })
export class CreateDatasetInput {
  @Field({ description: 'Persistent identifier (dct:identifier), an http(s) URI, unique.' })
  @IsUrl(URL_OPTIONS)
  @MaxLength(255)
  identifier!: string;

  @Field({ description: 'Title in French.' })
  @MinLength(3)
  @MaxLength(500)
  titleFr!: string;

  @Field(() => String, { nullable: true, description: 'Title in English.' })
  @IsOptional()
  @MaxLength(500)
  titleEn?: string | null;

  @Field({ description: 'Description in French.' })
  @MinLength(10)
  @MaxLength(10000)
  descriptionFr!: string;

  @Field(() => String, { nullable: true, description: 'Description in English.' })
  @IsOptional()
  @MaxLength(10000)
  descriptionEn?: string | null;

  @Field(() => ID, { nullable: true, description: 'Publishing organisation; defaults to the viewer\u2019s (only admins may name another).' })
  @IsOptional()
  @IsUUID()
  publisherId?: string | null;

  @Field(() => ID, { description: 'Catalogue listing the dataset.' })
  @IsUUID()
  catalogueId!: string;

  @Field(() => DatasetTypology, { description: 'The kind of data source.' })
  typology!: DatasetTypology;

  @Field(() => AccessRights, { description: 'Who may access the data.' })
  accessRights!: AccessRights;

  @Field(() => HdhPosition, { defaultValue: HdhPosition.NOT_LISTED, description: 'Position relative to the Health Data Hub.' })
  hdhPosition!: HdhPosition;

  @Field(() => [HealthCategory], { description: 'EHDS health categories (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @ArrayUnique()
  healthCategories!: HealthCategory[];

  @Field(() => [CodingSystem], { defaultValue: [], description: 'Coding systems used.' })
  @ArrayMaxSize(11)
  @ArrayUnique()
  codingSystems!: CodingSystem[];

  @Field(() => [AccessModality], { defaultValue: [], description: 'Routes to access the data.' })
  @ArrayMaxSize(8)
  @ArrayUnique()
  accessModalities!: AccessModality[];

  @Field(() => [String], { defaultValue: [], description: 'Free keywords.' })
  @ArrayMaxSize(30)
  @MaxLength(100, { each: true })
  keywords!: string[];

  @Field(() => [String], { defaultValue: ['HEAL'], description: 'EU data themes.' })
  @ArrayMaxSize(13)
  @MaxLength(4, { each: true })
  themes!: string[];

  @Field(() => [String], { defaultValue: [], description: 'Health themes.' })
  @ArrayMaxSize(20)
  @MaxLength(100, { each: true })
  healthThemes!: string[];

  @Field(() => [String], { defaultValue: ['FR'], description: 'Places covered.' })
  @ArrayMaxSize(20)
  @MaxLength(40, { each: true })
  spatial!: string[];

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day covered.' })
  @IsOptional()
  temporalStart?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day covered; none while still collected.' })
  @IsOptional()
  temporalEnd?: string | null;

  @Field(() => Int, { nullable: true, description: 'Typical minimum age.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(150)
  minTypicalAge?: number | null;

  @Field(() => Int, { nullable: true, description: 'Typical maximum age.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(150)
  maxTypicalAge?: number | null;

  @Field(() => BigIntScalar, { nullable: true, description: 'Number of records.' })
  @IsOptional()
  numberOfRecords?: bigint | number | null;

  @Field(() => BigIntScalar, { nullable: true, description: 'Number of unique individuals.' })
  @IsOptional()
  numberOfUniqueIndividuals?: bigint | number | null;

  @Field(() => String, { nullable: true, description: 'Population covered.' })
  @IsOptional()
  @MaxLength(2000)
  populationCoverage?: string | null;

  @Field({ description: 'Contact point name (a service or a role).' })
  @MinLength(2)
  @MaxLength(255)
  contactName!: string;

  @Field(() => String, { nullable: true, description: 'Contact e-mail.' })
  @IsOptional()
  @IsEmail()
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'Landing page.' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(512)
  landingPage?: string | null;

  @Field(() => String, { nullable: true, description: 'Version.' })
  @IsOptional()
  @MaxLength(40)
  version?: string | null;
}

@InputType({ description: 'A new distribution of a dataset.' })
export class AddDistributionInput {
  @Field(() => ID, { description: 'The dataset.' })
  @IsUUID()
  datasetId!: string;

  @Field(() => String, { nullable: true, description: 'Title.' })
  @IsOptional()
  @MaxLength(255)
  title?: string | null;

  @Field({ description: 'Where to access the data (http(s) URL).' })
  @IsUrl(URL_OPTIONS)
  @MaxLength(512)
  accessURL!: string;

  @Field(() => String, { nullable: true, description: 'Direct download link.' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(512)
  downloadURL?: string | null;

  @Field(() => String, { nullable: true, description: 'File format, e.g. CSV.' })
  @IsOptional()
  @MaxLength(40)
  format?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA media type.' })
  @IsOptional()
  @MaxLength(100)
  mediaType?: string | null;

  @Field(() => BigIntScalar, { nullable: true, description: 'Size in bytes.' })
  @IsOptional()
  byteSize?: bigint | number | null;

  @Field(() => String, { nullable: true, description: 'Licence.' })
  @IsOptional()
  @MaxLength(255)
  license?: string | null;

  @Field({ description: 'FILE, API or SECURE_ENCLAVE.' })
  @IsIn(['FILE', 'API', 'SECURE_ENCLAVE'])
  accessService!: string;
}

@ArgsType()
export class CreateDatasetArgs {
  @Field(() => CreateDatasetInput, { description: 'The dataset.' })
  @ValidateNested()
  input!: CreateDatasetInput;
}

@ArgsType()
export class AddDistributionArgs {
  @Field(() => AddDistributionInput, { description: 'The distribution.' })
  @ValidateNested()
  input!: AddDistributionInput;
}
