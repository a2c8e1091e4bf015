import { byId } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { Catalogue } from './catalogue.entity';

export interface CatalogueLoaders {
  catalogueById: DataLoader<string, Catalogue | null>;
}

/** The catalogue loaders of a request: one SQL statement per batch. */
export function createCatalogueLoaders(dataSource: DataSource): CatalogueLoaders {
  return { catalogueById: byId(dataSource, Catalogue) };
}
