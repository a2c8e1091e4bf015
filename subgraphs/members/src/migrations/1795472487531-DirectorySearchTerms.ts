import { searchWords } from '@ecosystem/shared';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The directory's word index (organization_search_term: the words of each organisation's folded
 * name and acronym, searched by prefix through the primary key), filled for the organisations
 * already there; and the kind index extended with the sort columns, so that a kind filter reads
 * its page in name order.
 */
export class DirectorySearchTerms1795472487531 implements MigrationInterface {
  name = 'DirectorySearchTerms1795472487531';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_organization_kind` ON `organization`");
    await queryRunner.query("CREATE TABLE `organization_search_term` (`term` varchar(64) NOT NULL, `organizationId` varchar(36) NOT NULL, INDEX `idx_organization_search_term_org` (`organizationId`), PRIMARY KEY (`term`, `organizationId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE INDEX `idx_organization_kind_sort` ON `organization` (`kind`, `sortName`, `id`)");
    await backfillSearchTerms(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_organization_kind_sort` ON `organization`");
    await queryRunner.query("DROP INDEX `idx_organization_search_term_org` ON `organization_search_term`");
    await queryRunner.query("DROP TABLE `organization_search_term`");
    await queryRunner.query("CREATE INDEX `idx_organization_kind` ON `organization` (`kind`)");
  }
}

/** The terms of the organisations already in the database, as the service writes them (searchWords of name and acronym). */
async function backfillSearchTerms(queryRunner: QueryRunner): Promise<void> {
  let after = '';
  for (;;) {
    const organizations = (await queryRunner.query('SELECT `id`, `name`, `acronym` FROM `organization` WHERE `id` > ? ORDER BY `id` LIMIT 1000', [after])) as {
      id: string;
      name: string;
      acronym: string | null;
    }[];
    if (organizations.length === 0) return;
    const rows = organizations.flatMap((o) => searchWords(o.name, o.acronym).map((term) => [term, o.id]));
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await queryRunner.query(`INSERT INTO \`organization_search_term\` (\`term\`, \`organizationId\`) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`, chunk.flat());
    }
    after = organizations[organizations.length - 1]?.id ?? after;
  }
}
