import { byId, inList, manyByKey, windowedList, type WindowedKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { DatasetCreator } from './dataset-creator.entity';
import { DatasetProject } from './dataset-project.entity';
import { Dataset } from './dataset.entity';
import { DatasetRole } from './dataset.enums';
import { Distribution } from './distribution.entity';

export interface DatasetLoaders {
  datasetById: DataLoader<string, Dataset | null>;
  /** Keyed on (organisation, role): one statement per role present in a batch. */
  datasetsByOrganization: DataLoader<WindowedKey<DatasetRole>, Dataset[], string>;
  datasetsByProjectId: DataLoader<string, Dataset[]>;
  projectIdsByDatasetId: DataLoader<string, string[]>;
  creatorIdsByDatasetId: DataLoader<string, string[]>;
  distributionsByDatasetId: DataLoader<string, Distribution[]>;
}

/** The order of every list of datasets: by sort title, then id. */
export function compareDatasets(a: Dataset, b: Dataset): number {
  return a.sortTitle < b.sortTitle ? -1 : a.sortTitle > b.sortTitle ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

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
      for (const d of await repository.findBy({ publisherId: inList([...orgIds]) })) add(d.publisherId, d);
      break;
    case DatasetRole.HDAB:
      for (const d of await repository.findBy({ hdabId: inList([...orgIds]) })) add(d.hdabId as string, d);
      break;
    case DatasetRole.CREATOR:
      for (const link of await dataSource
        .getRepository(DatasetCreator)
        .find({ where: { organizationId: inList([...orgIds]) }, relations: { dataset: true } })) {
        if (link.dataset) add(link.organizationId, link.dataset);
      }
      break;
  }
  for (const list of result.values()) list.sort(compareDatasets);
  return result;
}

/** Datasets of link rows, in the order of every dataset list. */
export const linkedDatasets = (links: { dataset?: Dataset | null }[]): Dataset[] =>
  links.flatMap((l) => (l.dataset ? [l.dataset] : [])).sort(compareDatasets);

/** The dataset loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createDatasetLoaders(dataSource: DataSource): DatasetLoaders {
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
  };
}
