import { type BaseContext, lazyLoaders } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type AccessRequestLoaders, createAccessRequestLoaders } from './access-request/access-request.loaders';
import { type CatalogueLoaders, createCatalogueLoaders } from './catalogue/catalogue.loaders';
import { createDatasetLoaders, type DatasetLoaders } from './dataset/dataset.loaders';

/** The per-request loader set: each concept's loaders, assembled here so that no concept imports another's through a root file. */
export type DatasetsLoaders = DatasetLoaders & CatalogueLoaders & AccessRequestLoaders;

/** A fresh set per request (DataLoader caches live as long as the request); each concept's loaders are made on the first use of one of them. */
export const createLoaders: (dataSource: DataSource) => DatasetsLoaders = lazyLoaders(
  createDatasetLoaders,
  createCatalogueLoaders,
  createAccessRequestLoaders,
);

export interface DatasetsContext extends BaseContext {
  loaders: DatasetsLoaders;
  dataSource: DataSource;
}
