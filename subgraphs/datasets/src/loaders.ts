import { groupByKeys, orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { AccessRequestDataset } from './access-request/access-request-dataset.entity';
import { AccessRequest } from './access-request/access-request.entity';
import { StatusChange } from './access-request/status-change.entity';
import { Catalogue } from './catalogue/catalogue.entity';
import { DatasetCreator } from './dataset/dataset-creator.entity';
import { DatasetProject } from './dataset/dataset-project.entity';
import { Dataset } from './dataset/dataset.entity';
import { DatasetRole } from './dataset/dataset.enums';
import { Distribution } from './distribution/distribution.entity';

export interface OrganizationDatasetsKey {
  organizationId: string;
  role: DatasetRole;
}

export interface DatasetsLoaders {
  datasetById: DataLoader<string, Dataset | null>;
  /** Keyed on (organisation, role): one statement per role present in a batch. */
  datasetsByOrganization: DataLoader<OrganizationDatasetsKey, Dataset[], string>;
  datasetsByProjectId: DataLoader<string, Dataset[]>;
  projectIdsByDatasetId: DataLoader<string, string[]>;
  creatorIdsByDatasetId: DataLoader<string, string[]>;
  distributionsByDatasetId: DataLoader<string, Distribution[]>;
  catalogueById: DataLoader<string, Catalogue | null>;
  accessRequestById: DataLoader<string, AccessRequest | null>;
  /** Every request naming the dataset; resolvers keep those the viewer may see. */
  accessRequestsByDatasetId: DataLoader<string, AccessRequest[]>;
  accessRequestsByPrincipalInvestigatorId: DataLoader<string, AccessRequest[]>;
  accessRequestsByRequesterId: DataLoader<string, AccessRequest[]>;
  datasetsByAccessRequestId: DataLoader<string, Dataset[]>;
  historyByAccessRequestId: DataLoader<string, StatusChange[]>;
}

export function compareDatasets(a: Dataset, b: Dataset): number {
  return a.sortTitle < b.sortTitle ? -1 : a.sortTitle > b.sortTitle ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const compareIds = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function datasetsOf(dataSource: DataSource, role: DatasetRole, orgIds: string[]): Promise<Map<string, Dataset[]>> {
  const result = new Map<string, Dataset[]>();
  const add = (orgId: string, dataset: Dataset): void => {
    const list = result.get(orgId);
    if (list) list.push(dataset);
    else result.set(orgId, [dataset]);
  };
  const repository = dataSource.getRepository(Dataset);
  switch (role) {
    case DatasetRole.PUBLISHER:
      for (const d of await repository.findBy({ publisherId: In(orgIds) })) add(d.publisherId, d);
      break;
    case DatasetRole.HDAB:
      for (const d of await repository.findBy({ hdabId: In(orgIds) })) add(d.hdabId as string, d);
      break;
    case DatasetRole.CREATOR:
      for (const link of await dataSource
        .getRepository(DatasetCreator)
        .find({ where: { organizationId: In(orgIds) }, relations: { dataset: true } })) {
        if (link.dataset) add(link.organizationId, link.dataset);
      }
      break;
  }
  for (const list of result.values()) list.sort(compareDatasets);
  return result;
}

/** A fresh set per request: each batch function is one SQL statement, whatever the number of keys. */
export function createLoaders(dataSource: DataSource): DatasetsLoaders {
  const requestsWhere = async (column: keyof AccessRequest, ids: readonly string[]): Promise<AccessRequest[][]> =>
    groupByKeys(
      ids,
      (await dataSource.getRepository(AccessRequest).findBy({ [column]: In([...ids]) })).sort(compareIds),
      (r) => r[column] as string,
    );
  return {
    datasetById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Dataset).findBy({ id: In([...ids]) }), (d) => d.id),
    ),
    datasetsByOrganization: new DataLoader(
      async (keys) => {
        const byRole = new Map<DatasetRole, Map<string, Dataset[]>>();
        for (const role of new Set(keys.map((k) => k.role))) {
          const orgIds = [...new Set(keys.filter((k) => k.role === role).map((k) => k.organizationId))];
          byRole.set(role, await datasetsOf(dataSource, role, orgIds));
        }
        return keys.map((k) => byRole.get(k.role)?.get(k.organizationId) ?? []);
      },
      { cacheKeyFn: (k) => `${k.role}:${k.organizationId}` },
    ),
    datasetsByProjectId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(DatasetProject)
          .find({ where: { projectId: In([...ids]) }, relations: { dataset: true } }),
        (link) => link.projectId,
      ).map((links) => links.flatMap((l) => (l.dataset ? [l.dataset] : [])).sort(compareDatasets)),
    ),
    projectIdsByDatasetId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(DatasetProject).find({ where: { datasetId: In([...ids]) }, order: { projectId: 'ASC' } }),
        (link) => link.datasetId,
      ).map((links) => links.map((l) => l.projectId)),
    ),
    creatorIdsByDatasetId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(DatasetCreator)
          .find({ where: { datasetId: In([...ids]) }, order: { organizationId: 'ASC' } }),
        (link) => link.datasetId,
      ).map((links) => links.map((l) => l.organizationId)),
    ),
    distributionsByDatasetId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(Distribution)
          .find({ where: { datasetId: In([...ids]) }, order: { position: 'ASC', id: 'ASC' } }),
        (d) => d.datasetId,
      ),
    ),
    catalogueById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Catalogue).findBy({ id: In([...ids]) }), (c) => c.id),
    ),
    accessRequestById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(AccessRequest).findBy({ id: In([...ids]) }), (r) => r.id),
    ),
    accessRequestsByDatasetId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(AccessRequestDataset)
          .find({ where: { datasetId: In([...ids]) }, relations: { accessRequest: true } }),
        (link) => link.datasetId,
      ).map((links) => links.flatMap((l) => (l.accessRequest ? [l.accessRequest] : [])).sort(compareIds)),
    ),
    accessRequestsByPrincipalInvestigatorId: new DataLoader((ids) => requestsWhere('principalInvestigatorId', ids)),
    accessRequestsByRequesterId: new DataLoader((ids) => requestsWhere('requesterId', ids)),
    datasetsByAccessRequestId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(AccessRequestDataset)
          .find({ where: { accessRequestId: In([...ids]) }, relations: { dataset: true } }),
        (link) => link.accessRequestId,
      ).map((links) => links.flatMap((l) => (l.dataset ? [l.dataset] : [])).sort(compareDatasets)),
    ),
    historyByAccessRequestId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(StatusChange)
          .find({ where: { accessRequestId: In([...ids]) }, order: { at: 'ASC', id: 'ASC' } }),
        (change) => change.accessRequestId,
      ),
    ),
  };
}
