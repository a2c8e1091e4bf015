export { membersSubgraph } from './definition';
export { membersEntities } from './entities';
export { createLoaders as createMembersLoaders, type MembersLoaders } from './context';
export { type MembersContext } from './context';
