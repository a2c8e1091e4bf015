export { membersSubgraph } from './definition';
export { membersEntities } from './entities';
export { createLoaders as createMembersLoaders, type MembersLoaders } from './loaders';
export { type MembersContext } from './context';
