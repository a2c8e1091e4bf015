import { byId, manyByKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { ProjectParticipation } from './participation.entity';
import { ProjectFunding, ProjectLabel } from './project-side.entity';
import { Project } from './project.entity';
import { type FundingScheme } from './project.enums';

export interface ProjectLoaders {
  projectById: DataLoader<string, Project | null>;
  participationsByProjectId: DataLoader<string, ProjectParticipation[]>;
  participationsByOrganizationId: DataLoader<string, ProjectParticipation[]>;
  fundingSchemesByProjectId: DataLoader<string, FundingScheme[]>;
  labelEcosystemIdsByProjectId: DataLoader<string, string[]>;
  projectsByCallId: DataLoader<string, Project[]>;
}

export function createProjectLoaders(dataSource: DataSource): ProjectLoaders {
  return {
    projectById: byId(dataSource, Project),
    participationsByProjectId: manyByKey(dataSource, ProjectParticipation, 'projectId', { order: { role: 'ASC', id: 'ASC' } }),
    participationsByOrganizationId: manyByKey(dataSource, ProjectParticipation, 'organizationId', { order: { id: 'ASC' } }),
    fundingSchemesByProjectId: manyByKey(dataSource, ProjectFunding, 'projectId', {
      order: { scheme: 'ASC' },
      map: (rows) => rows.map((f) => f.scheme),
    }),
    labelEcosystemIdsByProjectId: manyByKey(dataSource, ProjectLabel, 'projectId', {
      order: { ecosystemId: 'ASC' },
      map: (rows) => rows.map((l) => l.ecosystemId),
    }),
    projectsByCallId: manyByKey(dataSource, Project, 'callId', { order: { sortKey: 'ASC', id: 'ASC' } }),
  };
}
