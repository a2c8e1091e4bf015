import { AddressColumns, EnumColumn, foldForSearch, IdColumn, RefColumn } from '@ecosystem/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { BeforeInsert, BeforeUpdate, Column, Entity, Index } from 'typeorm';
import { CompanySize, OrgKind } from './organization.enums';

@ObjectType({ description: 'An organisation of the ecosystem: company, institute, hospital, agency...' })
@Directive('@key(fields: "id")')
@Entity('organization')
@Index('idx_organization_sort', ['sortName', 'id'])
// A kind filter reads its organisations in name order (the directory's sort): no sort of the whole kind.
@Index('idx_organization_kind_sort', ['kind', 'sortName', 'id'])
@Index('idx_organization_region', ['address.region'])
export class Organization {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Legal or usual name.' })
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Acronym or short name.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  acronym!: string | null;

  @Field(() => OrgKind, { description: 'What kind of organisation this is.' })
  @EnumColumn()
  kind!: OrgKind;

  @Field(() => String, { nullable: true, description: 'Public web site.' })
  @Column({ type: 'varchar', length: 512, nullable: true })
  website!: string | null;

  @Field(() => [String], { description: 'ROR organisation types (education, healthcare, company, government, nonprofit, facility, funder, archive, other).' })
  @Column({ type: 'simple-json', nullable: true, transformer: { to: (v: string[] | null) => v ?? [], from: (v: string[] | null) => v ?? [] } })
  rorTypes!: string[];

  @Field(() => String, { nullable: true, description: 'SIREN (9 digits, Luhn-checked).' })
  @Column({ type: 'varchar', length: 9, nullable: true, unique: true })
  siren!: string | null;

  @Field(() => String, { nullable: true, description: 'SIRET of the head office (14 digits: SIREN + NIC, Luhn-checked).' })
  @Column({ type: 'varchar', length: 14, nullable: true, unique: true })
  siret!: string | null;

  @Field(() => String, { nullable: true, description: 'NAF/APE activity code, e.g. 72.11Z.' })
  @Column({ type: 'varchar', length: 6, nullable: true })
  nafCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Legal form, e.g. SAS, EPST, association loi 1901.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  legalForm!: string | null;

  @Field(() => CompanySize, { nullable: true, description: 'INSEE size category (companies).' })
  @EnumColumn({ nullable: true })
  sizeCategory!: CompanySize | null;

  @Field(() => String, { nullable: true, description: 'ROR id (bare, e.g. 02vjkv261; https://ror.org/ + id for the URL).' })
  @Column({ type: 'varchar', length: 9, nullable: true, unique: true })
  rorId!: string | null;

  @Field(() => String, { nullable: true, description: 'FINESS number (health establishments).' })
  @Column({ type: 'varchar', length: 9, nullable: true, unique: true })
  finess!: string | null;

  @Field(() => String, { nullable: true, description: 'RNA number (associations), e.g. W751234567.' })
  @Column({ type: 'varchar', length: 10, nullable: true, unique: true })
  rna!: string | null;

  /** Postal address, exposed as `address`; its columns keep their plain names (street, city, region...). */
  @Column(() => AddressColumns, { prefix: false })
  address!: AddressColumns;

  /** Parent organisation (e.g. a group); exposed as `parent`. */
  @RefColumn({ nullable: true })
  parentId!: string | null;

  /** Name folded for sorting (case and accents ignored). */
  @Column({ type: 'varchar', length: 255 })
  sortName!: string;

  /** Name and acronym folded (ecosystem members' text filter); the directory searches organization_search_term. */
  @Column({ type: 'varchar', length: 400 })
  searchText!: string;

  @BeforeInsert()
  @BeforeUpdate()
  fold(): void {
    this.sortName = foldForSearch(this.name);
    this.searchText = foldForSearch(this.name, this.acronym);
  }
}
