import { databaseEnvSchema, databaseName, ensureMysqlDatabase, mysqlOptions, parseEnv } from '@ecosystem/shared';
import { DataSource } from 'typeorm';
import { partnerMigrations } from '../src/migrations';
import { partnerEntities } from '../src/entities';

/* The template's migrations produce exactly its entities' schema on MySQL. */
const env = parseEnv(databaseEnvSchema);
const onMysql = env.DATABASE_URL ? describe : describe.skip;

onMysql('partner template migrations', () => {
  it('produce exactly the entities’ schema, and revert to an empty database', async () => {
    const url = env.DATABASE_URL as string;
    const database = databaseName(`${env.DB_PREFIX}_t`, 'migrations_partner_template');
    const flavour = await ensureMysqlDatabase(url, database, true);
    const dataSource = new DataSource({ ...mysqlOptions(url, database, 2, flavour), entities: partnerEntities, migrations: partnerMigrations });
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations();
      expect(applied.length).toBe(partnerMigrations.length);
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
