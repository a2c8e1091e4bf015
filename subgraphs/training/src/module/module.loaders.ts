import { byId, manyByKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
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

/** The published modules a link row points at (providers, competencies taught), read in the same statement. */
const PUBLISHED_MODULES = { where: { module: { status: PublicationStatus.PUBLISHED } }, relations: { module: true } } as const;

/** The modules of link rows, by code. */
const linkedModules = (rows: { module?: Module }[]): Module[] => rows.flatMap((row) => (row.module ? [row.module] : [])).sort(byCode);

/** The module loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createModuleLoaders(dataSource: DataSource): ModuleLoaders {
  return {
    moduleById: byId(dataSource, Module),
    modulesByDomainId: manyByKey(dataSource, Module, 'domainId', { where: { status: PublicationStatus.PUBLISHED }, order: { code: 'ASC' } }),
    providerIdsByModuleId: manyByKey(dataSource, ModuleProvider, 'moduleId', { order: { organizationId: 'ASC' }, map: (rows) => rows.map((row) => row.organizationId) }),
    modulesByProviderId: manyByKey(dataSource, ModuleProvider, 'organizationId', { ...PUBLISHED_MODULES, map: linkedModules }),
    competenciesByModuleId: manyByKey(dataSource, ModuleCompetency, 'moduleId', {
      relations: { competency: true },
      map: (rows) => rows.flatMap((row) => (row.competency ? [row.competency] : [])).sort(byCode),
    }),
    modulesByCompetencyId: manyByKey(dataSource, ModuleCompetency, 'competencyId', { ...PUBLISHED_MODULES, map: linkedModules }),
    prerequisitesByModuleId: manyByKey(dataSource, ModulePrerequisite, 'moduleId', {
      relations: { prerequisite: true },
      map: (rows) => rows.flatMap((row) => (row.prerequisite ? [row.prerequisite] : [])).sort(byCode),
    }),
  };
}
