export { trainingSubgraph } from './definition';
export { trainingEntities } from './entities';
export { createLoaders as createTrainingLoaders, type TrainingLoaders } from './loaders';
export { type TrainingContext } from './context';
