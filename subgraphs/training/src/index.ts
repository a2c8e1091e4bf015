export { trainingSubgraph } from './definition';
export { trainingEntities } from './entities';
export { createLoaders as createTrainingLoaders, type TrainingLoaders } from './context';
export { type TrainingContext } from './context';
