import { type SubgraphDefinition } from '@ecosystem/shared';
import { createLoaders, type MembersContext, type MembersLoaders } from './context';
import { membersEntities } from './entities';
import { membersMigrations } from './migrations';
import { buildMembersSchema } from './schema';
import { seedMembersDemo } from './seed/seed-demo';

/** The members subgraph: organisations, people, ecosystems, memberships, projects. */
export const membersSubgraph: SubgraphDefinition<MembersContext, MembersLoaders> = {
  name: 'members',
  defaultPort: 4001,
  entities: membersEntities,
  migrations: membersMigrations,
  buildSchema: buildMembersSchema,
  createLoaders,
  createContext: (base, loaders, dataSource) => ({ ...base, loaders, dataSource }),
  seedDemo: seedMembersDemo,
};
