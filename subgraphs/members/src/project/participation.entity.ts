import { EnumColumn, IdColumn, RefColumn } from '@ecosystem/shared';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { centsTransformer } from '../common/money';
import { ProjectRole } from './project.enums';

@ObjectType({ description: 'An organisation taking part in a project.' })
@Entity('project_participation')
@Index('idx_participation_project_org', ['projectId', 'organizationId'], { unique: true })
@Index('idx_participation_org', ['organizationId'])
export class ProjectParticipation {
  @IdColumn()
  id!: string;

  @RefColumn()
  projectId!: string;

  @RefColumn()
  organizationId!: string;

  @Field(() => ProjectRole, { description: 'Role in the consortium.' })
  @EnumColumn()
  role!: ProjectRole;

  /** Share of the budget in cents of the project's currency; exposed as `budgetShare`. */
  @Column({ type: 'bigint', nullable: true, transformer: centsTransformer })
  budgetShareCents!: string | null;

  /** Currency of the share (the project's). */
  @Column({ type: 'varchar', length: 3, default: 'EUR' })
  currency!: string;
}
