import { checkMigrations, databaseEnvSchema, parseEnv } from '@ecosystem/shared';
import { partnerMigrations } from '../src/migrations';
import { partnerEntities } from '../src/entities';

/* The template's migrations produce exactly its entities' schema on MySQL. */
const onMysql = parseEnv(databaseEnvSchema).DATABASE_URL ? describe : describe.skip;

onMysql('partner template migrations', () => {
  it('produce exactly the entities\u2019 schema, and revert to an empty database', async () => {
    const result = await checkMigrations({ name: 'partner_template', entities: partnerEntities, migrations: partnerMigrations });
    expect(result.applied).toBe(partnerMigrations.length);
    expect(result.pending).toEqual([]);
    expect(result.tablesAfterRevert).toEqual(['migrations']);
  });
});
