import { type Viewer } from '../auth/viewer';
import { type BaseContext } from '../context/request-context';
import { createTestDatabase, type TestDatabase } from '../database/test-database';
import { createLogger } from '../logging/logger';
import { type SubgraphServer } from '../server/create-subgraph-server';
import { createSubgraphFromDefinition, type SubgraphDefinition } from '../server/run-subgraph';
import { execute, type ExecutionResult, testBaseContext } from './execute';

export interface SubgraphHarness<TContext extends BaseContext, TLoaders> {
  db: TestDatabase;
  server: SubgraphServer<TContext>;
  /** A context as the subgraph builds it for a request, with a fresh set of loaders. */
  context(viewer?: Viewer | null): TContext;
  loaders(): TLoaders;
  run<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer | null,
  ): Promise<ExecutionResult<T>>;
  /** Rows in a table: tests compare counts before and after a refused write. */
  count(table: string): Promise<number>;
  /** SQL statements issued by `fn`. */
  statements(fn: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

/**
 * A subgraph on its own test database (`name` unique per test file), optionally with its demo seed,
 * and its Apollo server in-process: operations run with `executeOperation`, no HTTP.
 */
export async function startSubgraphHarness<TContext extends BaseContext, TLoaders>(
  definition: SubgraphDefinition<TContext, TLoaders>,
  name: string,
  options: {
    /** The demo seed (default), none (`false`), or a seed of the test's own. */
    seed?: boolean | ((db: TestDatabase) => Promise<void>);
  } = {},
): Promise<SubgraphHarness<TContext, TLoaders>> {
  const logger = createLogger(`${definition.name}-test`, 'silent');
  const db = await createTestDatabase(name, definition.entities);
  if (typeof options.seed === 'function') await options.seed(db);
  else if (options.seed !== false) await definition.seedDemo(db.dataSource, logger);
  const server = await createSubgraphFromDefinition(definition, db.dataSource, {
    logger,
    internalJwtSecret: 'x'.repeat(32),
    production: false,
  });
  const loaders = (): TLoaders => definition.createLoaders(db.dataSource);
  const context = (viewer: Viewer | null = null): TContext =>
    definition.createContext(testBaseContext(viewer), loaders(), db.dataSource);
  return {
    db,
    server,
    context,
    loaders,
    run: (query, variables = {}, viewer = null) => execute(server.apollo, query, variables, context(viewer)),
    count: async (table) => {
      const rows = (await db.dataSource.query(`SELECT COUNT(*) AS c FROM ${table}`)) as { c: number | string }[];
      return Number(rows[0]?.c);
    },
    statements: async (fn) => {
      db.counter.reset();
      await fn();
      return db.counter.total;
    },
    close: async () => {
      await server.apollo.stop();
      await db.close();
    },
  };
}
