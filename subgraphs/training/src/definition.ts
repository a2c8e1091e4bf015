import { type SubgraphDefinition } from '@ecosystem/shared';
import { type TrainingContext } from './context';
import { trainingEntities } from './entities';
import { trainingRoutes } from './jsonld/jsonld.routes';
import { createLoaders, type TrainingLoaders } from './loaders';
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
