import { databaseEnvSchema, databaseName, ensureMysqlDatabase, mysqlOptions, parseEnv } from '@ecosystem/shared';
import { DataSource } from 'typeorm';
import { registryMigrations } from '../migrations';
import { registryEntities, selectLongTextType } from '../registry.entities';

/* The registry's migrations produce exactly its entities' schema on MySQL (LONGTEXT columns included). */
const env = parseEnv(databaseEnvSchema);
const onMysql = env.DATABASE_URL ? describe : describe.skip;

onMysql('registry migrations', () => {
  it('produce exactly the entities’ schema, and revert to an empty database', async () => {
    selectLongTextType('mysql');
    const url = env.DATABASE_URL as string;
    const database = databaseName(`${env.DB_PREFIX}_t`, 'migrations_gateway');
    const flavour = await ensureMysqlDatabase(url, database, true);
    const dataSource = new DataSource({ ...mysqlOptions(url, database, 2, flavour), entities: registryEntities, migrations: registryMigrations });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBe(registryMigrations.length);
      expect((await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
      for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
      const tables = (await dataSource.query('SHOW TABLES')) as Record<string, string>[];
      expect(tables.map((t) => Object.values(t)[0])).toEqual(['migrations']);
    } finally {
      await dataSource.query(`DROP DATABASE \`${database}\``);
      await dataSource.destroy();
    }
  });
});
