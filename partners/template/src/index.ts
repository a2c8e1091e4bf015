export { partnerSubgraph } from './definition';
export { partnerEntities } from './entities';
export { createLoaders as createPartnerLoaders, type PartnerLoaders } from './loaders';
export { type PartnerContext } from './context';
