import { byId, manyByKey, windowedList, type WindowedKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
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

export interface DatasetsLoaders {
  datasetById: DataLoader<string, Dataset | null>;
  /** Keyed on (organisation, role): one statement per role present in a batch. */
  datasetsByOrganization: DataLoader<WindowedKey<DatasetRole>, Dataset[], string>;
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

async function datasetsOf(dataSource: DataSource, role: DatasetRole, orgIds: readonly string[]): Promise<Map<string, Dataset[]>> {
  const result = new Map<string, Dataset[]>();
  const add = (orgId: string, dataset: Dataset): void => {
    const list = result.get(orgId);
    if (list) list.push(dataset);
    else result.set(orgId, [dataset]);
  };
  const repository = dataSource.getRepository(Dataset);
  switch (role) {
    case DatasetRole.PUBLISHER:
      for (const d of await repository.findBy({ publisherId: In([...orgIds]) })) add(d.publisherId, d);
      break;
    case DatasetRole.HDAB:
      for (const d of await repository.findBy({ hdabId: In([...orgIds]) })) add(d.hdabId as string, d);
      break;
    case DatasetRole.CREATOR:
      for (const link of await dataSource
        .getRepository(DatasetCreator)
        .find({ where: { organizationId: In([...orgIds]) }, relations: { dataset: true } })) {
        if (link.dataset) add(link.organizationId, link.dataset);
      }
      break;
  }
  for (const list of result.values()) list.sort(compareDatasets);
  return result;
}

/** Datasets of link rows, in the order of every dataset list. */
const linkedDatasets = (links: { dataset?: Dataset | null }[]): Dataset[] =>
  links.flatMap((l) => (l.dataset ? [l.dataset] : [])).sort(compareDatasets);

/** A fresh set per request: each batch function is one SQL statement, whatever the number of keys. */
export function createLoaders(dataSource: DataSource): DatasetsLoaders {
  const requestsBy = (column: 'principalInvestigatorId' | 'requesterId'): DataLoader<string, AccessRequest[]> =>
    manyByKey(dataSource, AccessRequest, column, { map: (rows) => rows.sort(compareIds) });
  return {
    datasetById: byId(dataSource, Dataset),
    datasetsByOrganization: windowedList<DatasetRole, Dataset[]>({
      load: async (ids, role) => {
        const byOrganization = await datasetsOf(dataSource, role, ids);
        return ids.map((id) => byOrganization.get(id) ?? []);
      },
      windowKey: (role) => role,
    }),
    datasetsByProjectId: manyByKey(dataSource, DatasetProject, 'projectId', { relations: { dataset: true }, map: linkedDatasets }),
    projectIdsByDatasetId: manyByKey(dataSource, DatasetProject, 'datasetId', {
      order: { projectId: 'ASC' },
      map: (links) => links.map((l) => l.projectId),
    }),
    creatorIdsByDatasetId: manyByKey(dataSource, DatasetCreator, 'datasetId', {
      order: { organizationId: 'ASC' },
      map: (links) => links.map((l) => l.organizationId),
    }),
    distributionsByDatasetId: manyByKey(dataSource, Distribution, 'datasetId', { order: { position: 'ASC', id: 'ASC' } }),
    catalogueById: byId(dataSource, Catalogue),
    accessRequestById: byId(dataSource, AccessRequest),
    accessRequestsByDatasetId: manyByKey(dataSource, AccessRequestDataset, 'datasetId', {
      relations: { accessRequest: true },
      map: (links) => links.flatMap((l) => (l.accessRequest ? [l.accessRequest] : [])).sort(compareIds),
    }),
    accessRequestsByPrincipalInvestigatorId: requestsBy('principalInvestigatorId'),
    accessRequestsByRequesterId: requestsBy('requesterId'),
    datasetsByAccessRequestId: manyByKey(dataSource, AccessRequestDataset, 'accessRequestId', { relations: { dataset: true }, map: linkedDatasets }),
    historyByAccessRequestId: manyByKey(dataSource, StatusChange, 'accessRequestId', { order: { at: 'ASC', id: 'ASC' } }),
  };
}
