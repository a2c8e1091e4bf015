import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Domains get an English title, the label of the domains facet in EN. */
export class DomainTitleEn1796601600000 implements MigrationInterface {
  name = 'DomainTitleEn1796601600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `domain` ADD `titleEn` varchar(255) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `domain` DROP COLUMN `titleEn`');
  }
}
