import { checkMigrations, databaseEnvSchema, parseEnv } from '@ecosystem/shared';
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
