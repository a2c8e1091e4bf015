import { databaseEnvSchema, databaseName, demoOrganizations, ensureMysqlDatabase, mysqlOptions, parseEnv, searchWords } from '@ecosystem/shared';
import { DataSource } from 'typeorm';
import { membersEntities } from '../src/entities';
import { membersMigrations } from '../src/migrations';

/*
 * A deployed directory has organisations and no search terms: the DirectorySearchTerms migration
 * fills organization_search_term for them (what the directory search reads), and its `down` puts
 * the old kind index back. MySQL only (migrations are MySQL's; the embedded database synchronises).
 */
const env = parseEnv(databaseEnvSchema);
const onMysql = env.DATABASE_URL ? describe : describe.skip;

onMysql('DirectorySearchTerms migration', () => {
  const index = membersMigrations.findIndex((m) => m.name.startsWith('DirectorySearchTerms'));
  const database = databaseName(`${env.DB_PREFIX}_t`, 'members_search_terms_migration');
  let dataSource: DataSource;

  beforeAll(async () => {
    const flavour = await ensureMysqlDatabase(env.DATABASE_URL!, database, true);
    // The schema just before the migration, with the demo organisations and 1,000 more (several backfill batches).
    dataSource = new DataSource({ ...mysqlOptions(env.DATABASE_URL!, database, 2, flavour), entities: membersEntities, migrations: membersMigrations.slice(0, index) });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    if (!dataSource?.isInitialized) return;
    await dataSource.query(`DROP DATABASE \`${database}\``);
    await dataSource.destroy();
  });

  it('fills the terms of the organisations already there, and reverts to the old kind index', async () => {
    expect(index).toBeGreaterThan(0);
    const organizations = [
      ...demoOrganizations().map((o) => ({ id: o.id, name: o.name, acronym: o.acronym })),
      ...Array.from({ length: 1000 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `Société n°${i} de Santé Numérique`, acronym: i % 2 ? `SSN${i}` : null })),
    ];
    for (let i = 0; i < organizations.length; i += 200) {
      const chunk = organizations.slice(i, i + 200);
      await dataSource.query(
        `INSERT INTO organization (id, name, acronym, kind, rorTypes, sortName, searchText) VALUES ${chunk.map(() => "(?, ?, ?, 'STARTUP', '[]', '', '')").join(', ')}`,
        chunk.flatMap((o) => [o.id, o.name, o.acronym]),
      );
    }
    const migration = membersMigrations[index]!;
    const queryRunner = dataSource.createQueryRunner();
    try {
      await new migration().up(queryRunner);
      const rows = (await dataSource.query('SELECT organizationId, term FROM organization_search_term')) as { organizationId: string; term: string }[];
      const expected = organizations.flatMap((o) => searchWords(o.name, o.acronym).map((term) => `${o.id} ${term}`));
      expect(rows.map((r) => `${r.organizationId} ${r.term}`).sort()).toEqual(expected.sort());
      expect(rows.filter((r) => r.organizationId === demoOrganizations().find((o) => o.key === 'inserm')!.id).map((r) => r.term).sort()).toEqual(
        ['de', 'et', 'inserm', 'institut', 'la', 'medicale', 'national', 'recherche', 'sante'],
      );
      await new migration().down(queryRunner);
      const tables = (await dataSource.query("SHOW TABLES LIKE 'organization_search_term'")) as unknown[];
      expect(tables).toEqual([]);
      const indexes = (await dataSource.query('SHOW INDEX FROM organization')) as { Key_name: string; Column_name: string }[];
      expect(indexes.filter((i) => i.Key_name.startsWith('idx_organization_kind')).map((i) => `${i.Key_name}(${i.Column_name})`)).toEqual(['idx_organization_kind(kind)']);
    } finally {
      await queryRunner.release();
    }
  });
});
