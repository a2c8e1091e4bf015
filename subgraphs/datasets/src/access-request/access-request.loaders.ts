import { byId, manyByKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { type Dataset } from '../dataset/dataset.entity';
import { linkedDatasets } from '../dataset/dataset.loaders';
import { AccessRequestDataset } from './access-request-dataset.entity';
import { AccessRequest } from './access-request.entity';
import { StatusChange } from './status-change.entity';

export interface AccessRequestLoaders {
  accessRequestById: DataLoader<string, AccessRequest | null>;
  /** Every request naming the dataset; resolvers keep those the viewer may see. */
  accessRequestsByDatasetId: DataLoader<string, AccessRequest[]>;
  accessRequestsByPrincipalInvestigatorId: DataLoader<string, AccessRequest[]>;
  accessRequestsByRequesterId: DataLoader<string, AccessRequest[]>;
  datasetsByAccessRequestId: DataLoader<string, Dataset[]>;
  historyByAccessRequestId: DataLoader<string, StatusChange[]>;
}

const compareIds = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The access-request loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createAccessRequestLoaders(dataSource: DataSource): AccessRequestLoaders {
  const requestsBy = (column: 'principalInvestigatorId' | 'requesterId'): DataLoader<string, AccessRequest[]> =>
    manyByKey(dataSource, AccessRequest, column, { map: (rows) => rows.sort(compareIds) });
  return {
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
