import { byIdProjected, type ColumnsKey, entityProjection, inList, manyByKey, windowedList, type WindowedKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { DatasetCreator } from './dataset-creator.entity';
import { DatasetProject } from './dataset-project.entity';
import { Dataset } from './dataset.entity';
import { DatasetRole } from './dataset.enums';
import { Distribution } from './distribution.entity';

/**
 * What each Dataset field reads of the entity (shared/src/dataloader/projection.ts): an entity fetch
 * for `title` reads `id`, `titleFr` and `titleEn`, not the descriptions and every JSON column. A
 * field not listed reads every column.
 */
export const DATASET_PROJECTION = entityProjection(
  [
    'id',
    'identifier',
    'themes',
    'keywords',
    'healthCategories',
    'healthThemes',
    'typology',
    'spatial',
    'accrualPeriodicity',
    'accessRights',
    'applicableLegislation',
    'legalBasis',
    'personalData',
    'purposes',
    'populationCoverage',
    'minTypicalAge',
    'maxTypicalAge',
    'numberOfRecords',
    'numberOfUniqueIndividuals',
    'codingSystems',
    'conformsTo',
    'trustedDataHolder',
    'qualityAnnotations',
    'hdhPosition',
    'accessModalities',
    'issued',
    'modified',
    'version',
    'landingPage',
  ],
  {
    // Fields computed from other columns (the entity's methods, the resolver's).
    title: ['titleFr', 'titleEn'],
    description: ['descriptionFr', 'descriptionEn'],
    contactPoint: ['contactName', 'contactEmail', 'contactUrl'],
    temporal: ['temporalStart', 'temporalEnd'],
    retentionPeriod: ['retentionStart', 'retentionEnd'],
    publisher: ['publisherId'],
    hdab: ['hdabId'],
    catalogue: ['catalogueId'],
    // Anonymous callers see a non-public dataset's distributions without their URLs.
    distributions: ['accessRights'],
    creators: [],
    projects: [],
    accessRequests: [],
  },
);

export interface DatasetLoaders {
  /** Whole rows: what every resolver but the entity fetch reads. */
  datasetById: DataLoader<string, Dataset | null>;
  /** Rows with the columns of a selection (the entity fetch), see byIdProjected. */
  datasetColumnsById: DataLoader<ColumnsKey, Dataset | null, string>;
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
  const { whole, projected } = byIdProjected(dataSource, Dataset, DATASET_PROJECTION);
  return {
    datasetById: whole,
    datasetColumnsById: projected,
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
