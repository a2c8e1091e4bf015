import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { databaseEnvSchema, parseEnv } from '../config/parse-env';
import { databaseName, ensureMysqlDatabase, mysqlOptions } from './data-source';
import { QueryCounter } from './query-counter';

export interface TestDatabase {
  dataSource: DataSource;
  counter: QueryCounter;
  kind: 'mysql' | 'embedded';
  /** Empties every table: call in `beforeEach` when tests must not see each other's rows. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * One database per test file, so jest workers never share rows: on MySQL when DATABASE_URL is set
 * (CI runs MariaDB), else an in-memory sql.js database. The schema is synchronised from the entities;
 * a separate test proves the migrations produce the same schema.
 */
export async function createTestDatabase(
  name: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  entities: MixedList<Function | string | EntitySchema>,
): Promise<TestDatabase> {
  const env = parseEnv(databaseEnvSchema);
  const counter = new QueryCounter();
  let dataSource: DataSource;
  if (env.DATABASE_URL) {
    const database = databaseName(`${env.DB_PREFIX}_t`, name);
    const flavour = await ensureMysqlDatabase(env.DATABASE_URL, database, true);
    dataSource = new DataSource({
      ...mysqlOptions(env.DATABASE_URL, database, 20, flavour),
      entities,
      logger: counter,
      logging: true,
      synchronize: true,
    });
  } else {
    dataSource = new DataSource({ type: 'sqljs', entities, logger: counter, logging: true, synchronize: true });
  }
  await dataSource.initialize();
  return {
    dataSource,
    counter,
    kind: env.DATABASE_URL ? 'mysql' : 'embedded',
    reset: () => dataSource.synchronize(true),
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
