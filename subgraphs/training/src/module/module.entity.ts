import { EnumColumn, foldForSearch, IdColumn, Money, RefColumn } from '@ecosystem/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Format, Level, PublicationStatus } from '../catalogue/catalogue.enums';

/**
 * A training module of the academy catalogue (schema.org Course). Formats are read from a JSON
 * column and also written one row per value to `module_format`, where filters and facets count them.
 */
@ObjectType({ description: 'A training module of the academy catalogue (schema.org Course).' })
@Directive('@key(fields: "id")')
@Entity('module')
@Index('idx_module_domain', ['domainId', 'level'])
@Index('idx_module_status_code', ['status', 'code'])
export class Module {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Catalogue code, e.g. DATA-RWD-2 (schema.org courseCode).' })
  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Field({ description: 'Title of the module.' })
  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Title in English, when the provider gives one (text search matches it too).' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  titleEn!: string | null;

  @Field({ description: 'What the module is about.' })
  @Column({ type: 'text' })
  description!: string;

  /** Exposed as `domain`. */
  @RefColumn()
  domainId!: string;

  @Field(() => Level, { description: 'Depth of the module, from acculturation to expert.' })
  @EnumColumn()
  level!: Level;

  @Field(() => Int, { nullable: true, description: 'Level of the European Qualifications Framework (1-8).' })
  @Column({ type: 'int', nullable: true })
  eqfLevel!: number | null;

  @Field(() => [String], { description: 'What a learner can do after the module.' })
  @Column({ type: 'simple-json' })
  learningObjectives!: string[];

  @Field(() => [Format], { description: 'Formats in which the module is offered.' })
  @Column({ type: 'simple-json' })
  formats!: Format[];

  @Field(() => Int, { description: 'Expected learning time, in minutes.' })
  @Column({ type: 'int' })
  durationMinutes!: number;

  @Field({ description: 'Language of instruction (BCP 47), e.g. fr.' })
  @Column({ type: 'varchar', length: 16 })
  language!: string;

  /** Price in cents of `priceCurrency`; null when free or not public. */
  @Column({ type: 'int', nullable: true })
  priceCents!: number | null;

  @Column({ type: 'varchar', length: 3, nullable: true })
  priceCurrency!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Eligible to the CPF (compte personnel de formation).' })
  @Column({ type: 'boolean', nullable: true })
  cpfEligible!: boolean | null;

  @Field(() => String, { nullable: true, description: 'France Compétences RS or RNCP code, e.g. RS5834.' })
  @Column({ type: 'varchar', length: 32, nullable: true })
  rsRncpCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Credential awarded on completion, e.g. a certificate or an open badge.' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  credential!: string | null;

  @Field(() => PublicationStatus, { description: 'Publication status.' })
  @EnumColumn()
  status!: PublicationStatus;

  @Field(() => Date, { nullable: true, description: 'When the module was published.' })
  @Column({ type: 'datetime', nullable: true })
  publishedAt!: Date | null;

  /** Folded code, titles (both languages) and description for accent- and case-insensitive search. */
  @Column({ type: 'text' })
  searchText!: string;

  @Field(() => Money, { nullable: true, description: 'Price per learner, before any funding.' })
  price(): Money | null {
    if (this.priceCents === null || this.priceCents === undefined) return null;
    return { amount: (this.priceCents / 100).toFixed(2), currency: this.priceCurrency ?? 'EUR' };
  }

  /** Recomputes the derived search column; call before saving. */
  fold(): void {
    this.searchText = foldForSearch(this.code, this.title, this.titleEn, this.description);
  }
}
