import { type SubgraphDefinition } from '@ecosystem/shared';
import { createLoaders, type PartnerContext, type PartnerLoaders } from './context';
import { partnerEntities } from './entities';
import { partnerMigrations } from './migrations';
import { buildPartnerSchema } from './schema';
import { seedPartnerDemo } from './seed/seed-demo';

/** A partner campus subgraph; `name` is the name it is published under (see config.ts). */
export function partnerSubgraph(name = 'campus-template'): SubgraphDefinition<PartnerContext, PartnerLoaders> {
  return {
    name,
    defaultPort: 4100,
    entities: partnerEntities,
    migrations: partnerMigrations,
    buildSchema: buildPartnerSchema,
    createLoaders,
    createContext: (base, loaders, dataSource) => ({ ...base, loaders, dataSource }),
    seedDemo: seedPartnerDemo,
  };
}
