import { type BaseContext } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type AccessRequestLoaders, createAccessRequestLoaders } from './access-request/access-request.loaders';
import { type CatalogueLoaders, createCatalogueLoaders } from './catalogue/catalogue.loaders';
import { createDatasetLoaders, type DatasetLoaders } from './dataset/dataset.loaders';

/** The per-request loader set: each concept's loaders, assembled here so that no concept imports another's through a root file. */
export type DatasetsLoaders = DatasetLoaders & CatalogueLoaders & AccessRequestLoaders;

/** A fresh set per request: each batch function is one SQL statement, whatever the number of keys. */
export function createLoaders(dataSource: DataSource): DatasetsLoaders {
  return {
    ...createDatasetLoaders(dataSource),
    ...createCatalogueLoaders(dataSource),
    ...createAccessRequestLoaders(dataSource),
  };
}

export interface DatasetsContext extends BaseContext {
  loaders: DatasetsLoaders;
  dataSource: DataSource;
}
