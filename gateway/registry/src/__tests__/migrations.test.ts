import { checkMigrations, databaseEnvSchema, databaseName, openDatabase, parseEnv } from '@ecosystem/shared';
import { createConnection } from 'mysql2/promise';
import { registryMigrations } from '../migrations';
import { registryEntities, selectLongTextType } from '../registry.entities';

/* The registry's migrations produce exactly its entities' schema on MySQL (LONGTEXT columns included). */
const onMysql = parseEnv(databaseEnvSchema).DATABASE_URL ? describe : describe.skip;

onMysql('registry migrations', () => {
  it('produce exactly the entities\u2019 schema, and revert to an empty database', async () => {
    selectLongTextType('mysql');
    const result = await checkMigrations({ name: 'gateway', entities: registryEntities, migrations: registryMigrations });
    expect(result.applied).toBe(registryMigrations.length);
    expect(result.pending).toEqual([]);
    expect(result.tablesAfterRevert).toEqual(['migrations']);
  });
});

onMysql('registry migrations with replicas', () => {
  it('are applied once when several gateways open a fresh registry database together', async () => {
    const env = parseEnv(databaseEnvSchema);
    const config = { ...env, DATABASE_URL: env.DATABASE_URL!, DB_PREFIX: `${env.DB_PREFIX}_t_replicas`, DB_POOL_SIZE: 2 };
    const database = databaseName(config.DB_PREFIX, 'gateway');
    const server = await createConnection(config.DATABASE_URL);
    try {
      await server.query(`DROP DATABASE IF EXISTS \`${database}\``);
      selectLongTextType('mysql');
      const opened = await Promise.allSettled(
        Array.from({ length: 4 }, () => openDatabase({ config, name: 'gateway', entities: registryEntities, migrations: registryMigrations })),
      );
      const sources = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      await Promise.all(sources.map((source) => source.destroy()));
      expect(opened.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []))).toEqual([]);
      const [rows] = await server.query(`SELECT COUNT(*) AS n FROM \`${database}\`.migrations`);
      expect(Number((rows as { n: number | string }[])[0]!.n)).toBe(registryMigrations.length);
    } finally {
      await server.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await server.end();
    }
  });
});
