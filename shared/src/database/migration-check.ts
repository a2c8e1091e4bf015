import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { databaseEnvSchema, parseEnv } from '../config/parse-env';
import { databaseName, ensureMysqlDatabase, mysqlOptions } from './data-source';

export interface MigrationCheck {
  /** Migrations applied to the fresh database. */
  applied: number;
  /** What the schema builder would still change after them: empty when migrations == entities. */
  pending: string[];
  /** Tables left once every migration is reverted: only `migrations` when each `down` is right. */
  tablesAfterRevert: string[];
}

/**
 * On a fresh MySQL database (DATABASE_URL): apply every migration, ask TypeORM what the entities
 * still need, then revert them all. Tests assert on the result; production runs migrations while
 * tests synchronise from entities, so this is what keeps the two the same.
 */
export async function checkMigrations(options: {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  migrations: MixedList<Function | string>;
}): Promise<MigrationCheck> {
  const env = parseEnv(databaseEnvSchema);
  if (!env.DATABASE_URL) throw new Error('checkMigrations needs DATABASE_URL (MySQL or MariaDB)');
  const database = databaseName(`${env.DB_PREFIX}_t`, `migrations_${options.name}`);
  const flavour = await ensureMysqlDatabase(env.DATABASE_URL, database, true);
  const dataSource = new DataSource({
    ...mysqlOptions(env.DATABASE_URL, database, 2, flavour),
    entities: options.entities,
    migrations: options.migrations,
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    const pending = (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
    const tables = (await dataSource.query('SHOW TABLES')) as Record<string, string>[];
    return { applied: applied.length, pending, tablesAfterRevert: tables.map((t) => String(Object.values(t)[0])) };
  } finally {
    await dataSource.query(`DROP DATABASE \`${database}\``);
    await dataSource.destroy();
  }
}
