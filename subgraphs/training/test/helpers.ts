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
import { type TrainingContext } from '../src/context';
import { trainingSubgraph } from '../src/definition';
import { trainingEntities } from '../src/entities';
import { seedTrainingDemo } from '../src/seed/seed-demo';

export const silentLogger = createLogger('training-test', 'silent');

export interface Harness {
  db: TestDatabase;
  server: SubgraphServer<TrainingContext>;
  context(viewer?: Viewer | null): TrainingContext;
  run<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer | null,
  ): Promise<ExecutionResult<T>>;
  close(): Promise<void>;
}

/** A test database (MariaDB when DATABASE_URL is set) with the demo seed and an in-process server. */
export async function startHarness(name: string, options: { seed?: boolean } = {}): Promise<Harness> {
  const db = await createTestDatabase(name, trainingEntities);
  if (options.seed !== false) await seedTrainingDemo(db.dataSource, silentLogger);
  const server = await createSubgraphFromDefinition(trainingSubgraph, db.dataSource, {
    logger: silentLogger,
    internalJwtSecret: 'x'.repeat(32),
    production: false,
  });
  const context = (viewer: Viewer | null = null): TrainingContext =>
    trainingSubgraph.createContext(testBaseContext(viewer), trainingSubgraph.createLoaders(db.dataSource), db.dataSource);
  return {
    db,
    server,
    context,
    run: (query, variables = {}, viewer = null) => execute(server.apollo, query, variables, context(viewer)),
    close: async () => {
      await server.apollo.stop();
      await db.close();
    },
  };
}
