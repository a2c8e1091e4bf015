import { type SubgraphDefinition } from '@ecosystem/shared';
import { createLoaders, type DatasetsContext, type DatasetsLoaders } from './context';
import { datasetsEntities } from './entities';
import { registerExportRoutes } from './exports/export.routes';
import { datasetsMigrations } from './migrations';
import { buildDatasetsSchema } from './schema';
import { seedDatasetsDemo } from './seed/seed-demo';

/** The datasets subgraph: the HealthDCAT-AP catalogue and the data access request workflow. */
export const datasetsSubgraph: SubgraphDefinition<DatasetsContext, DatasetsLoaders> = {
  name: 'datasets',
  defaultPort: 4002,
  entities: datasetsEntities,
  migrations: datasetsMigrations,
  buildSchema: buildDatasetsSchema,
  createLoaders,
  createContext: (base, loaders, dataSource) => ({ ...base, loaders, dataSource }),
  seedDemo: seedDatasetsDemo,
  routes: registerExportRoutes,
};
