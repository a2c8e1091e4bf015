import {
  createLogger,
  createSubgraphFromDefinition,
  createTestDatabase,
  execute,
  Role,
  testBaseContext,
  type ExecutionResult,
  type SubgraphServer,
  type TestDatabase,
  type Viewer,
} from '@ecosystem/shared';
import { type MembersContext } from '../src/context';
import { membersSubgraph } from '../src/definition';
import { membersEntities } from '../src/entities';
import { createLoaders, type MembersLoaders } from '../src/loaders';
import { seedMembersDemo } from '../src/seed/seed-demo';

export interface Harness {
  db: TestDatabase;
  run<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer | null): Promise<ExecutionResult<T>>;
  loaders(): MembersLoaders;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export const ADMIN: Viewer = { sub: 'admin-1', roles: [Role.ADMIN] };
export const MEMBER: Viewer = { sub: 'member-1', roles: [Role.MEMBER] };
export const managerOf = (org: string): Viewer => ({ sub: 'manager-1', org, roles: [Role.MEMBER] });

/** One database per test file (`name` must be unique), seeded with the demo directory. */
export async function createHarness(name: string, seed = true): Promise<Harness> {
  const logger = createLogger('members-test', 'silent');
  const db = await createTestDatabase(name, membersEntities);
  if (seed) await seedMembersDemo(db.dataSource, logger);
  const server: SubgraphServer<MembersContext> = await createSubgraphFromDefinition(membersSubgraph, db.dataSource, {
    logger,
    internalJwtSecret: 'x'.repeat(32),
    production: false,
  });
  return {
    db,
    run: (query, variables = {}, viewer = null) =>
      execute(server.apollo, query, variables, membersSubgraph.createContext(testBaseContext(viewer), createLoaders(db.dataSource), db.dataSource)),
    loaders: () => createLoaders(db.dataSource),
    count: async (table) => {
      const rows = (await db.dataSource.query(`SELECT COUNT(*) AS c FROM ${table}`)) as { c: number | string }[];
      return Number(rows[0]?.c);
    },
    close: async () => {
      await server.apollo.stop();
      await db.close();
    },
  };
}

/** SQL statements issued by `fn`. */
export async function statements(db: TestDatabase, fn: () => Promise<unknown>): Promise<number> {
  db.counter.reset();
  await fn();
  return db.counter.total;
}
