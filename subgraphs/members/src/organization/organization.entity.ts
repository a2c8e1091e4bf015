import { EnumColumn, foldForSearch, IdColumn } from '@ecosystem/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { BeforeInsert, BeforeUpdate, Column, Entity, Index } from 'typeorm';
import { OrgKind } from './organization.enums';

@ObjectType({ description: 'An organisation of the ecosystem: company, institute, hospital, agency...' })
@Directive('@key(fields: "id")')
@Entity('organization')
@Index('idx_organization_sort', ['sortName', 'id'])
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
  @Index('idx_organization_kind')
  @EnumColumn()
  kind!: OrgKind;

  @Field(() => String, { nullable: true, description: 'Public web site.' })
  @Column({ type: 'varchar', length: 512, nullable: true })
  website!: string | null;

  /** Name folded for sorting (case and accents ignored). */
  @Column({ type: 'varchar', length: 255 })
  sortName!: string;

  /** Name and acronym folded for accent- and case-insensitive search. */
  @Column({ type: 'varchar', length: 400 })
  searchText!: string;

  @BeforeInsert()
  @BeforeUpdate()
  fold(): void {
    this.sortName = foldForSearch(this.name);
    this.searchText = foldForSearch(this.name, this.acronym);
  }
}
