export { datasetsSubgraph } from './definition';
export { datasetsEntities } from './entities';
export { createLoaders as createDatasetsLoaders, type DatasetsLoaders } from './context';
export { type DatasetsContext } from './context';
