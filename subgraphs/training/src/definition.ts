import { type SubgraphDefinition } from '@ecosystem/shared';
import { createLoaders, type TrainingContext, type TrainingLoaders } from './context';
import { trainingEntities } from './entities';
import { trainingRoutes } from './exports/jsonld.routes';
import { trainingMigrations } from './migrations';
import { buildTrainingSchema } from './schema';
import { seedTrainingDemo } from './seed/seed-demo';

/** The training subgraph: the digital-health academy (catalogue, personae, paths, sessions, enrolments). */
export const trainingSubgraph: SubgraphDefinition<TrainingContext, TrainingLoaders> = {
  name: 'training',
  defaultPort: 4003,
  entities: trainingEntities,
  migrations: trainingMigrations,
  buildSchema: buildTrainingSchema,
  createLoaders,
  createContext: (base, loaders, dataSource) => ({ ...base, loaders, dataSource }),
  seedDemo: seedTrainingDemo,
  routes: trainingRoutes,
};
