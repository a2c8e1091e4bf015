import {
  createLogger,
  createSubgraphFromDefinition,
  createTestDatabase,
  execute,
  testBaseContext,
  type ExecutionResult,
  type SubgraphServer,
  type TestDatabase,
  type Viewer,
} from '@ecosystem/shared';
import { type DatasetsContext } from '../src/context';
import { datasetsSubgraph } from '../src/definition';
import { datasetsEntities } from '../src/entities';
import { seedDatasetsDemo } from '../src/seed/seed-demo';

export const silentLogger = createLogger('datasets-test', 'silent');

export interface Harness {
  db: TestDatabase;
  server: SubgraphServer<DatasetsContext>;
  run<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer | null,
  ): Promise<ExecutionResult<T>>;
  close(): Promise<void>;
}

/** A test database (MariaDB when DATABASE_URL is set) with the demo seed and an in-process server. */
export async function startHarness(name: string, options: { seed?: boolean } = {}): Promise<Harness> {
  const db = await createTestDatabase(name, datasetsEntities);
  if (options.seed !== false) await seedDatasetsDemo(db.dataSource, silentLogger);
  const server = await createSubgraphFromDefinition(datasetsSubgraph, db.dataSource, {
    logger: silentLogger,
    internalJwtSecret: 'x'.repeat(32),
    production: false,
  });
  return {
    db,
    server,
    run: (query, variables = {}, viewer = null) => {
      const context = datasetsSubgraph.createContext(
        testBaseContext(viewer),
        datasetsSubgraph.createLoaders(db.dataSource),
        db.dataSource,
      );
      return execute(server.apollo, query, variables, context);
    },
    close: async () => {
      await server.apollo.stop();
      await db.close();
    },
  };
}
