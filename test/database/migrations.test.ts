import { checkMigrations, databaseEnvSchema, parseEnv } from '@ecosystem/shared';
import { CORE_DEFINITIONS } from '../helpers/graph';

/* Production runs migrations, tests synchronise from entities: this proves the two agree. */
const onMysql = parseEnv(databaseEnvSchema).DATABASE_URL ? describe : describe.skip;

onMysql('migrations', () => {
  it.each(CORE_DEFINITIONS.map((d) => [d.name, d] as const))(
    'of %s produce exactly the entities\u2019 schema, and revert to an empty database',
    async (name, definition) => {
      const result = await checkMigrations({ name, entities: definition.entities, migrations: definition.migrations });
      expect(result.applied).toBeGreaterThan(0);
      expect(result.pending).toEqual([]);
      expect(result.tablesAfterRevert).toEqual(['migrations']);
    },
  );
});
