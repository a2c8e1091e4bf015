import { groupByKeys, orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { PublicationStatus } from '../catalogue/catalogue.enums';
import { type Competency } from '../competency/competency.entity';
import { ModuleCompetency } from './module-competency.entity';
import { ModulePrerequisite } from './module-prerequisite.entity';
import { ModuleProvider } from './module-provider.entity';
import { Module } from './module.entity';

const byCode = (a: { code: string }, b: { code: string }): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

export interface ModuleLoaders {
  moduleById: DataLoader<string, Module | null>;
  /** Published modules of a domain, by code. */
  modulesByDomainId: DataLoader<string, Module[]>;
  providerIdsByModuleId: DataLoader<string, string[]>;
  /** Published modules an organisation provides, by code. */
  modulesByProviderId: DataLoader<string, Module[]>;
  /** Competencies a module teaches, by code. */
  competenciesByModuleId: DataLoader<string, Competency[]>;
  /** Published modules that teach a competency, by level then code. */
  modulesByCompetencyId: DataLoader<string, Module[]>;
  /** Direct prerequisites of a module, by code. */
  prerequisitesByModuleId: DataLoader<string, Module[]>;
}

/** The module loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createModuleLoaders(dataSource: DataSource): ModuleLoaders {
  return {
    moduleById: new DataLoader(async (ids) => orderByKeys(ids, await dataSource.getRepository(Module).findBy({ id: In([...ids]) }), (m) => m.id)),
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
    competenciesByModuleId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(ModuleCompetency)
          .find({ where: { moduleId: In([...ids]) }, relations: { competency: true } }),
        (row) => row.moduleId,
      ).map((rows) => rows.flatMap((row) => (row.competency ? [row.competency] : [])).sort(byCode)),
    ),
    modulesByCompetencyId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(ModuleCompetency).find({
          where: { competencyId: In([...ids]), module: { status: PublicationStatus.PUBLISHED } },
          relations: { module: true },
        }),
        (row) => row.competencyId,
      ).map((rows) => rows.flatMap((row) => (row.module ? [row.module] : [])).sort(byCode)),
    ),
    prerequisitesByModuleId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(ModulePrerequisite)
          .find({ where: { moduleId: In([...ids]) }, relations: { prerequisite: true } }),
        (row) => row.moduleId,
      ).map((rows) => rows.flatMap((row) => (row.prerequisite ? [row.prerequisite] : [])).sort(byCode)),
    ),
  };
}
