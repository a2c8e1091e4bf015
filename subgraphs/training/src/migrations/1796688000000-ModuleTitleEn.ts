import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Modules get an English title, found by text search as the French one is. */
export class ModuleTitleEn1796688000000 implements MigrationInterface {
  name = 'ModuleTitleEn1796688000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `module` ADD `titleEn` varchar(255) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `module` DROP COLUMN `titleEn`');
  }
}
