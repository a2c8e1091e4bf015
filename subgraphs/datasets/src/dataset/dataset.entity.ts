import { BigIntScalar, EnumColumn, foldForSearch, IdColumn, LocalizedText, RefColumn, PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, type ValueTransformer } from 'typeorm';
import { AccessModality, AccessRights, CodingSystem, DatasetTypology, HdhPosition, HealthCategory } from './dataset.enums';

/**
 * MySQL returns BIGINT as a string (bigNumberStrings), sql.js as a number: both become a decimal
 * string, so counts beyond 2^53 keep every digit up to the BigInt scalar.
 */
export const bigintString: ValueTransformer = {
  to: (value: string | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : String(value)),
};

/** A date stored as `YYYY-MM-DD` (sortable as text on every driver), read as a Date at midnight UTC. */
export function dayToDate(day: string | null): Date | null {
  return day ? new Date(`${day}T00:00:00.000Z`) : null;
}

@ObjectType({ description: 'A contact point for questions about a dataset (dcat:contactPoint, vCard).' })
export class ContactPoint {
  @Field({ description: 'Name of the contact: a service or a role, rarely a person (vcard:fn).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'E-mail address (vcard:hasEmail).' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Web page or form to get in touch (vcard:hasURL).' })
  url!: string | null;
}

/**
 * A dataset of the catalogue, described with DCAT-AP 3 and HealthDCAT-AP. Multi-valued attributes
 * are read from JSON columns; those that are filtered or counted (health categories, coding
 * systems, creators) also have a row per value in a side table, written together by the service
 * and the seed.
 */
@ObjectType({ description: 'A health dataset described with DCAT-AP 3 and HealthDCAT-AP.' })
@Directive('@key(fields: "id")')
@Directive(PUBLIC_CONTRACT)
@Entity('dataset')
@Index('idx_dataset_sort', ['sortTitle', 'id'])
@Index('idx_dataset_publisher', ['publisherId'])
@Index('idx_dataset_hdab', ['hdabId'])
@Index('idx_dataset_catalogue', ['catalogueId', 'sortTitle', 'id'])
@Index('idx_dataset_individuals', ['numberOfUniqueIndividuals'])
export class Dataset {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Persistent identifier (dct:identifier), usually a URI.' })
  @Column({ type: 'varchar', length: 255, unique: true })
  identifier!: string;

  @Column({ type: 'varchar', length: 500 })
  titleFr!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  titleEn!: string | null;

  @Column({ type: 'text' })
  descriptionFr!: string;

  @Column({ type: 'text', nullable: true })
  descriptionEn!: string | null;

  /** Id of the catalogue listing the dataset; exposed as `catalogue`. */
  @RefColumn()
  catalogueId!: string;

  /** Id of the publishing Organization (members subgraph); exposed as `publisher`. */
  @RefColumn()
  publisherId!: string;

  /** Id of the health data access body (healthdcatap:hdab), an Organization; exposed as `hdab`. */
  @RefColumn({ nullable: true })
  hdabId!: string | null;

  @Column({ type: 'varchar', length: 255 })
  contactName!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  contactEmail!: string | null;

  @Column({ type: 'varchar', length: 512, nullable: true })
  contactUrl!: string | null;

  @Field(() => [String], { description: 'EU data themes (dcat:theme), e.g. HEAL, SOCI, TECH.' })
  @Column({ type: 'simple-json' })
  themes!: string[];

  @Field(() => [String], { description: 'Free keywords (dcat:keyword), in French.' })
  @Column({ type: 'simple-json' })
  keywords!: string[];

  @Field(() => [HealthCategory], { description: 'EHDS health data categories covered (healthdcatap:healthCategory).' })
  @Column({ type: 'simple-json' })
  healthCategories!: HealthCategory[];

  @Field(() => [String], { description: 'Health themes, e.g. cardiovascular, breast cancer (healthdcatap:healthTheme).' })
  @Column({ type: 'simple-json' })
  healthThemes!: string[];

  @Field(() => DatasetTypology, { description: 'The kind of data source.' })
  @EnumColumn()
  typology!: DatasetTypology;

  @Field(() => [String], { description: 'Places covered (dct:spatial), e.g. FR, FR-IDF, a city.' })
  @Column({ type: 'simple-json' })
  spatial!: string[];

  /** First day covered (YYYY-MM-DD); exposed in `temporal`. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  temporalStart!: string | null;

  /** Last day covered (YYYY-MM-DD); null while still collected. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  temporalEnd!: string | null;

  @Field(() => String, { nullable: true, description: 'Update frequency (dct:accrualPeriodicity), e.g. ANNUAL, MONTHLY.' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  accrualPeriodicity!: string | null;

  @Field(() => AccessRights, { description: 'Who may access the data (dct:accessRights).' })
  @EnumColumn()
  accessRights!: AccessRights;

  @Field(() => [String], { description: 'Legislation that mandates or governs the dataset (dcatap:applicableLegislation), ELI URIs.' })
  @Column({ type: 'simple-json' })
  applicableLegislation!: string[];

  @Field(() => [String], { description: 'Legal bases of the processing (dpv:hasLegalBasis), e.g. dpv:PublicInterest.' })
  @Column({ type: 'simple-json' })
  legalBasis!: string[];

  @Field(() => [String], { description: 'Categories of personal data (dpv:hasPersonalData), e.g. dpv-pd:HealthRecord.' })
  @Column({ type: 'simple-json' })
  personalData!: string[];

  @Field(() => [String], { description: 'Purposes of the processing (dpv:hasPurpose), e.g. dpv:ResearchAndDevelopment.' })
  @Column({ type: 'simple-json' })
  purposes!: string[];

  @Field(() => String, { nullable: true, description: 'The population the data covers (healthdcatap:populationCoverage).' })
  @Column({ type: 'text', nullable: true })
  populationCoverage!: string | null;

  @Field(() => Int, { nullable: true, description: 'Typical minimum age of the individuals, in years.' })
  @Column({ type: 'int', nullable: true })
  minTypicalAge!: number | null;

  @Field(() => Int, { nullable: true, description: 'Typical maximum age of the individuals, in years.' })
  @Column({ type: 'int', nullable: true })
  maxTypicalAge!: number | null;

  @Field(() => BigIntScalar, { nullable: true, description: 'Number of records (healthdcatap:numberOfRecords), exact.' })
  @Column({ type: 'bigint', nullable: true, transformer: bigintString })
  numberOfRecords!: string | null;

  @Field(() => BigIntScalar, {
    nullable: true,
    description: 'Number of distinct individuals (healthdcatap:numberOfUniqueIndividuals), exact.',
  })
  @Column({ type: 'bigint', nullable: true, transformer: bigintString })
  numberOfUniqueIndividuals!: string | null;

  @Field(() => [CodingSystem], { description: 'Coding systems used in the data (healthdcatap:hasCodingSystem).' })
  @Column({ type: 'simple-json' })
  codingSystems!: CodingSystem[];

  @Field(() => [String], { description: 'Standards and models the data conforms to (dct:conformsTo), e.g. OMOP CDM 5.4.' })
  @Column({ type: 'simple-json' })
  conformsTo!: string[];

  @Field(() => Boolean, { nullable: true, description: 'The holder is a trusted data holder under the EHDS.' })
  @Column({ type: 'boolean', nullable: true })
  trustedDataHolder!: boolean | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  retentionStart!: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  retentionEnd!: string | null;

  @Field(() => [String], { description: 'Quality annotations (healthdcatap:qualityAnnotation): completeness, validation...' })
  @Column({ type: 'simple-json' })
  qualityAnnotations!: string[];

  @Field(() => HdhPosition, { description: 'Position relative to the Health Data Hub.' })
  @EnumColumn()
  hdhPosition!: HdhPosition;

  @Field(() => [AccessModality], { description: 'Legal or contractual routes to access the data.' })
  @Column({ type: 'simple-json' })
  accessModalities!: AccessModality[];

  @Field(() => Date, { nullable: true, description: 'First publication of the description (dct:issued).' })
  @Column({ type: 'datetime', nullable: true })
  issued!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last change of the description (dct:modified).' })
  @Column({ type: 'datetime', nullable: true })
  modified!: Date | null;

  @Field(() => String, { nullable: true, description: 'Version of the dataset (dcat:version).' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  version!: string | null;

  @Field(() => String, { nullable: true, description: 'Web page of the dataset (dcat:landingPage).' })
  @Column({ type: 'varchar', length: 512, nullable: true })
  landingPage!: string | null;

  /** Folded title: sort key of the catalogue. */
  @Column({ type: 'varchar', length: 500 })
  sortTitle!: string;

  /** Folded title, description, identifier and keywords for accent-insensitive search. */
  @Column({ type: 'text' })
  searchText!: string;

  @Field(() => LocalizedText, { description: 'Title (dct:title), in French and possibly English.' })
  title(): LocalizedText {
    return { fr: this.titleFr, en: this.titleEn };
  }

  @Field(() => LocalizedText, { description: 'Free-text account of the dataset (dct:description).' })
  description(): LocalizedText {
    return { fr: this.descriptionFr, en: this.descriptionEn };
  }

  @Field(() => ContactPoint, { description: 'Who to ask about the dataset (dcat:contactPoint).' })
  contactPoint(): ContactPoint {
    return { name: this.contactName, email: this.contactEmail, url: this.contactUrl };
  }

  /** Recomputes the derived search columns; call before saving. */
  fold(): void {
    this.sortTitle = foldForSearch(this.titleFr).slice(0, 500);
    this.searchText = foldForSearch(
      this.titleFr,
      this.titleEn,
      this.descriptionFr,
      this.descriptionEn,
      this.identifier,
      ...this.keywords,
      ...this.healthThemes,
    );
  }
}
