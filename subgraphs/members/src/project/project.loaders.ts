import { groupByKeys, orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
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
    projectById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Project).findBy({ id: In([...ids]) }), (p) => p.id),
    ),
    participationsByProjectId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(ProjectParticipation).find({ where: { projectId: In([...ids]) }, order: { role: 'ASC', id: 'ASC' } }),
        (p) => p.projectId,
      ),
    ),
    participationsByOrganizationId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(ProjectParticipation).find({ where: { organizationId: In([...ids]) }, order: { id: 'ASC' } }),
        (p) => p.organizationId,
      ),
    ),
    fundingSchemesByProjectId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(ProjectFunding).find({ where: { projectId: In([...ids]) }, order: { scheme: 'ASC' } }),
        (f) => f.projectId,
      ).map((rows) => rows.map((f) => f.scheme)),
    ),
    labelEcosystemIdsByProjectId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(ProjectLabel).find({ where: { projectId: In([...ids]) }, order: { ecosystemId: 'ASC' } }),
        (l) => l.projectId,
      ).map((rows) => rows.map((l) => l.ecosystemId)),
    ),
    projectsByCallId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(Project).find({ where: { callId: In([...ids]) }, order: { sortKey: 'ASC', id: 'ASC' } }),
        (p) => p.callId as string,
      ),
    ),
  };
}
