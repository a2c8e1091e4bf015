import { groupByKeys, orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { PublicationStatus } from './catalogue/catalogue.enums';
import { Category } from './catalogue/category.entity';
import { Domain } from './catalogue/domain.entity';
import { ModuleProvider } from './module/module-provider.entity';
import { Module } from './module/module.entity';

export interface TrainingLoaders {
  categoryById: DataLoader<string, Category | null>;
  domainById: DataLoader<string, Domain | null>;
  domainsByCategoryId: DataLoader<string, Domain[]>;
  moduleById: DataLoader<string, Module | null>;
  /** Published modules of a domain, by level then code. */
  modulesByDomainId: DataLoader<string, Module[]>;
  providerIdsByModuleId: DataLoader<string, string[]>;
  /** Published modules an organisation provides, by code. */
  modulesByProviderId: DataLoader<string, Module[]>;
}

const byCode = (a: Module, b: Module): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** A fresh set per request: each batch function is one SQL statement, whatever the number of keys. */
export function createLoaders(dataSource: DataSource): TrainingLoaders {
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
    moduleById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Module).findBy({ id: In([...ids]) }), (m) => m.id),
    ),
    modulesByDomainId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(Module).find({
          where: { domainId: In([...ids]), status: PublicationStatus.PUBLISHED },
          order: { code: 'ASC' },
        }),
        (m) => m.domainId,
      ),
    ),
    providerIdsByModuleId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(ModuleProvider)
          .find({ where: { moduleId: In([...ids]) }, order: { organizationId: 'ASC' } }),
        (row) => row.moduleId,
      ).map((rows) => rows.map((row) => row.organizationId)),
    ),
    modulesByProviderId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(ModuleProvider).find({
          where: { organizationId: In([...ids]), module: { status: PublicationStatus.PUBLISHED } },
          relations: { module: true },
        }),
        (row) => row.organizationId,
      ).map((rows) => rows.flatMap((row) => (row.module ? [row.module] : [])).sort(byCode)),
    ),
  };
}
