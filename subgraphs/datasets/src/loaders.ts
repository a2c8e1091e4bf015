import { orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { DatasetCreator } from './dataset/dataset-creator.entity';
import { Dataset } from './dataset/dataset.entity';
import { DatasetRole } from './dataset/dataset.enums';

export interface OrganizationDatasetsKey {
  organizationId: string;
  role: DatasetRole;
}

export interface DatasetsLoaders {
  datasetById: DataLoader<string, Dataset | null>;
  /** Keyed on (organisation, role): one statement per role present in a batch. */
  datasetsByOrganization: DataLoader<OrganizationDatasetsKey, Dataset[], string>;
}

const byTitle = (a: Dataset, b: Dataset): number =>
  a.sortTitle < b.sortTitle ? -1 : a.sortTitle > b.sortTitle ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

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
  for (const list of result.values()) list.sort(byTitle);
  return result;
}

/** A fresh set per request: each batch function is one SQL statement, whatever the number of keys. */
export function createLoaders(dataSource: DataSource): DatasetsLoaders {
  return {
    datasetById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Dataset).findBy({ id: In([...ids]) }), (d) => d.id),
    ),
    datasetsByOrganization: new DataLoader(
      async (keys) => {
        const roles = [...new Set(keys.map((k) => k.role))];
        const byRole = new Map<DatasetRole, Map<string, Dataset[]>>();
        for (const role of roles) {
          const orgIds = [...new Set(keys.filter((k) => k.role === role).map((k) => k.organizationId))];
          byRole.set(role, await datasetsOf(dataSource, role, orgIds));
        }
        return keys.map((k) => byRole.get(k.role)?.get(k.organizationId) ?? []);
      },
      { cacheKeyFn: (k) => `${k.role}:${k.organizationId}` },
    ),
  };
}

