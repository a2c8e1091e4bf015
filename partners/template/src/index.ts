export { partnerSubgraph } from './definition';
export { partnerEntities } from './entities';
export { createLoaders as createPartnerLoaders, type PartnerContext, type PartnerLoaders } from './context';
