import { EnumColumn, foldForSearch, IdColumn, RefColumn } from '@ecosystem/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { SkillType } from './competency.enums';

@ObjectType({ description: 'A competency of the academy framework, aligned with ESCO skills.' })
@Directive('@key(fields: "id")')
@Entity('competency')
@Index('idx_competency_domain', ['domainId', 'code'])
export class Competency {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Short stable code, e.g. DATA-RWD-C3.' })
  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Field({ description: 'Title of the competency.' })
  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Field(() => SkillType, { description: 'Knowledge, skill or transversal competency.' })
  @EnumColumn()
  type!: SkillType;

  @Field(() => String, { nullable: true, description: 'ESCO skill or skill group URI this competency maps to.' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  escoSkill!: string | null;

  @Field(() => String, { nullable: true, description: 'URI of the item in the CASE 1.1 competency framework export.' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  caseItemUri!: string | null;

  /** Exposed as `broader`. */
  @RefColumn({ nullable: true })
  broaderId!: string | null;

  /** Exposed as `domain`. */
  @RefColumn({ nullable: true })
  domainId!: string | null;

  @Column({ type: 'varchar', length: 400 })
  searchText!: string;

  fold(): void {
    this.searchText = foldForSearch(this.code, this.title).slice(0, 400);
  }
}
