import { groupByKeys, orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
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
    categoryById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Category).findBy({ id: In([...ids]) }), (c) => c.id),
    ),
    domainById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Domain).findBy({ id: In([...ids]) }), (d) => d.id),
    ),
    domainsByCategoryId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(Domain)
          .find({ where: { categoryId: In([...ids]) }, order: { position: 'ASC', code: 'ASC' } }),
        (d) => d.categoryId,
      ),
    ),
  };
}
