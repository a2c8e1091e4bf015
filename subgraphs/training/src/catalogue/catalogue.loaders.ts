import { byId, manyByKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { Category } from './category.entity';
import { Domain } from './domain.entity';

export interface CatalogueLoaders {
  categoryById: DataLoader<string, Category | null>;
  domainById: DataLoader<string, Domain | null>;
  domainsByCategoryId: DataLoader<string, Domain[]>;
}

/** The catalogue loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createCatalogueLoaders(dataSource: DataSource): CatalogueLoaders {
  return {
    categoryById: byId(dataSource, Category),
    domainById: byId(dataSource, Domain),
    domainsByCategoryId: manyByKey(dataSource, Domain, 'categoryId', { order: { position: 'ASC', code: 'ASC' } }),
  };
}
