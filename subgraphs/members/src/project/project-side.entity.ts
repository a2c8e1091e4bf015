import { EnumPrimaryColumn, RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index } from 'typeorm';
import { type FundingScheme } from './project.enums';

/** One row per funding scheme of a project: filterable in SQL. */
@Entity('project_funding')
@Index('idx_project_funding_scheme', ['scheme', 'projectId'])
export class ProjectFunding {
  @RefPrimaryColumn()
  projectId!: string;

  @EnumPrimaryColumn()
  scheme!: FundingScheme;
}

/** One row per ecosystem that labelled a project. */
@Entity('project_label')
@Index('idx_project_label_ecosystem', ['ecosystemId', 'projectId'])
export class ProjectLabel {
  @RefPrimaryColumn()
  projectId!: string;

  @RefPrimaryColumn()
  ecosystemId!: string;
}
