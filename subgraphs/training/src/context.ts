import { type BaseContext, lazyLoaders } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type CatalogueLoaders, createCatalogueLoaders } from './catalogue/catalogue.loaders';
import { type CompetencyLoaders, createCompetencyLoaders } from './competency/competency.loaders';
import { createEnrolmentLoaders, type EnrolmentLoaders } from './enrolment/enrolment.loaders';
import { createModuleLoaders, type ModuleLoaders } from './module/module.loaders';
import { createPathLoaders, type PathLoaders } from './path/path.loaders';
import { createPersonaLoaders, type PersonaLoaders } from './persona/persona.loaders';
import { createSessionLoaders, type SessionLoaders } from './session/session.loaders';

/** The per-request loader set: each concept's loaders, assembled here so that no concept imports another's through a root file. */
export type TrainingLoaders = CatalogueLoaders &
  ModuleLoaders &
  CompetencyLoaders &
  SessionLoaders &
  PersonaLoaders &
  PathLoaders &
  EnrolmentLoaders;

/** A fresh set per request (DataLoader caches live as long as the request); each concept's loaders are made on the first use of one of them. */
export const createLoaders: (dataSource: DataSource) => TrainingLoaders = lazyLoaders(
  createCatalogueLoaders,
  createModuleLoaders,
  createCompetencyLoaders,
  createSessionLoaders,
  createPersonaLoaders,
  createPathLoaders,
  createEnrolmentLoaders,
);

export interface TrainingContext extends BaseContext {
  loaders: TrainingLoaders;
  dataSource: DataSource;
}
