import { foldForSearch, IdColumn } from '@ecosystem/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { BeforeInsert, BeforeUpdate, Column, Entity, Index } from 'typeorm';

/** Name shown in place of an erased person's names (GDPR tombstone). */
export const ERASED_NAME = '[erased]';

@ObjectType({
  description:
    'A person of the ecosystem (synthetic in demo data). Contact details are personal data and only shown to authenticated members.',
})
@Directive('@key(fields: "id")')
@Entity('person')
@Index('idx_person_sort', ['sortName', 'id'])
export class Person {
  @Field(() => ID, { description: 'Opaque, stable id; kept after erasure so references still resolve.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Given name; "[erased]" after a GDPR erasure.' })
  @Column({ type: 'varchar', length: 128 })
  givenName!: string;

  @Field({ description: 'Family name; "[erased]" after a GDPR erasure.' })
  @Column({ type: 'varchar', length: 128 })
  familyName!: string;

  @Field(() => String, { nullable: true, description: 'Job title, e.g. "Data steward" (training derives personae from it).' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  jobTitle!: string | null;

  @Field(() => String, { nullable: true, description: 'ORCID iD (0000-0002-1825-0097 form), for researchers.' })
  @Column({ type: 'varchar', length: 19, nullable: true, unique: true })
  orcid!: string | null;

  @Field(() => [String], { description: 'Areas of expertise, free keywords.' })
  @Column({ type: 'simple-json' })
  expertise!: string[];

  /** Personal data: exposed through PersonResolver.email, which checks the viewer. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  /** Personal data: exposed through PersonResolver.phone, which checks the viewer. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the personal data were erased (GDPR); null for active people.' })
  @Column({ type: 'datetime', nullable: true })
  erasedAt!: Date | null;

  /** Family then given name, folded for sorting. */
  @Column({ type: 'varchar', length: 260 })
  sortName!: string;

  /** Names, job title and expertise folded for accent- and case-insensitive search. */
  @Column({ type: 'varchar', length: 1000 })
  searchText!: string;

  @BeforeInsert()
  @BeforeUpdate()
  fold(): void {
    this.sortName = foldForSearch(this.familyName, this.givenName).slice(0, 260);
    this.searchText = foldForSearch(this.givenName, this.familyName, this.jobTitle, ...(this.expertise ?? [])).slice(0, 1000);
  }
}
