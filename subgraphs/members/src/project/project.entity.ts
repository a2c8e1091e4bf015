import { EnumColumn, foldForSearch, IdColumn, LocalDateScalar, RefColumn } from '@ecosystem/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { BeforeInsert, BeforeUpdate, Column, Entity, Index } from 'typeorm';
import { centsTransformer } from '../common/money';
import { ProjectStatus } from './project.enums';

@ObjectType({ description: 'A collaborative R&D project, labelled and possibly funded through an ecosystem.' })
@Directive('@key(fields: "id")')
@Entity('project')
@Index('idx_project_sort', ['sortKey', 'id'])
@Index('idx_project_status', ['status'])
@Index('idx_project_call', ['callId'])
export class Project {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Project acronym, e.g. MEDITWIN.' })
  @Column({ type: 'varchar', length: 64 })
  acronym!: string;

  @Field({ description: 'Full title.' })
  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Field(() => ProjectStatus, { description: 'Where the project is in its lifecycle.' })
  @EnumColumn()
  status!: ProjectStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the project was labelled.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  labelDate!: string | null;

  /** Total budget in cents of `currency`; exposed as `totalBudget`. */
  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  totalBudgetCents!: string | null;

  /** Public funding in cents of `currency`; exposed as `publicFunding`. */
  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  publicFundingCents!: string | null;

  /** ISO 4217 currency of every amount of the project. */
  @Column({ type: 'varchar', length: 3, default: 'EUR' })
  currency!: string;

  /** First day (YYYY-MM-DD); exposed in `period`. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  startDate!: string | null;

  /** Last day (YYYY-MM-DD); exposed in `period`. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  endDate!: string | null;

  @Field(() => Int, { nullable: true, description: 'Technology readiness level (1-9).' })
  @Column({ type: 'int', nullable: true })
  trl!: number | null;

  @Field({ description: 'European or international project.' })
  @Column({ type: 'boolean', default: false })
  international!: boolean;

  @Field(() => [String], { description: 'Therapeutic areas, e.g. cardiovascular, oncology.' })
  @Column({ type: 'simple-json' })
  therapeuticAreas!: string[];

  /** Call for projects (owned by events) the project answered; exposed as `call`. */
  @RefColumn({ nullable: true })
  callId!: string | null;

  /** Acronym folded for sorting. */
  @Column({ type: 'varchar', length: 64 })
  sortKey!: string;

  /** Acronym and title folded for search. */
  @Column({ type: 'varchar', length: 600 })
  searchText!: string;

  @BeforeInsert()
  @BeforeUpdate()
  fold(): void {
    this.sortKey = foldForSearch(this.acronym).slice(0, 64);
    this.searchText = foldForSearch(this.acronym, this.title).slice(0, 600);
  }
}
