import { databaseEnvSchema, databaseName, ensureMysqlDatabase, mysqlOptions, parseEnv } from '@ecosystem/shared';
import { DataSource } from 'typeorm';
import { CORE_DEFINITIONS } from '../helpers/graph';

/*
 * Production runs migrations, tests synchronise from entities: this proves the two agree. On a fresh
 * MySQL database, every migration of a subgraph applied, the schema builder has nothing left to do.
 */
const env = parseEnv(databaseEnvSchema);
const onMysql = env.DATABASE_URL ? describe : describe.skip;

onMysql('migrations', () => {
  it.each(CORE_DEFINITIONS.map((d) => [d.name, d] as const))('of %s produce exactly the entities\u2019 schema', async (_name, definition) => {
    const url = env.DATABASE_URL as string;
    const database = databaseName(`${env.DB_PREFIX}_t`, `migrations_${definition.name}`);
    const flavour = await ensureMysqlDatabase(url, database, true);
    const dataSource = new DataSource({
      ...mysqlOptions(url, database, 2, flavour),
      entities: definition.entities,
      migrations: definition.migrations,
    });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBeGreaterThan(0);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
      // And they can be reverted to an empty database.
      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
      const tables = (await dataSource.query('SHOW TABLES')) as Record<string, string>[];
      expect(tables.map((t) => Object.values(t)[0])).toEqual(['migrations']);
    } finally {
      await dataSource.query(`DROP DATABASE \`${database}\``);
      await dataSource.destroy();
    }
  });
});
