import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1795464413997 implements MigrationInterface {
  name = 'Initial1795464413997';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `category` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `title` varchar(255) NOT NULL, `position` int NOT NULL, UNIQUE INDEX `IDX_652a15c02538138f021f1320de` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `domain` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `title` varchar(255) NOT NULL, `categoryId` varchar(36) NOT NULL, `position` int NOT NULL, INDEX `idx_domain_category` (`categoryId`, `position`), UNIQUE INDEX `IDX_739a30710eda52702a75adc0b6` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `module_format` (`moduleId` varchar(36) NOT NULL, `format` varchar(40) NOT NULL, INDEX `idx_module_format_format` (`format`, `moduleId`), PRIMARY KEY (`moduleId`, `format`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `module` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `title` varchar(255) NOT NULL, `description` text NOT NULL, `domainId` varchar(36) NOT NULL, `level` varchar(40) NOT NULL, `eqfLevel` int NULL, `learningObjectives` text NOT NULL, `formats` text NOT NULL, `durationMinutes` int NOT NULL, `language` varchar(16) NOT NULL, `priceCents` int NULL, `priceCurrency` varchar(3) NULL, `cpfEligible` tinyint NULL, `rsRncpCode` varchar(32) NULL, `credential` varchar(255) NULL, `status` varchar(40) NOT NULL, `publishedAt` datetime NULL, `searchText` text NOT NULL, INDEX `idx_module_status_code` (`status`, `code`), INDEX `idx_module_domain` (`domainId`, `level`), UNIQUE INDEX `IDX_1ccb6257978189bc9d5e0bedf7` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `module_provider` (`moduleId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, INDEX `idx_module_provider_organization` (`organizationId`, `moduleId`), PRIMARY KEY (`moduleId`, `organizationId`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `module_provider` ADD CONSTRAINT `FK_150a6524730468669e77a8600ec` FOREIGN KEY (`moduleId`) REFERENCES `module`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `module_provider` DROP FOREIGN KEY `FK_150a6524730468669e77a8600ec`");
    await queryRunner.query("DROP INDEX `idx_module_provider_organization` ON `module_provider`");
    await queryRunner.query("DROP TABLE `module_provider`");
    await queryRunner.query("DROP INDEX `IDX_1ccb6257978189bc9d5e0bedf7` ON `module`");
    await queryRunner.query("DROP INDEX `idx_module_domain` ON `module`");
    await queryRunner.query("DROP INDEX `idx_module_status_code` ON `module`");
    await queryRunner.query("DROP TABLE `module`");
    await queryRunner.query("DROP INDEX `idx_module_format_format` ON `module_format`");
    await queryRunner.query("DROP TABLE `module_format`");
    await queryRunner.query("DROP INDEX `IDX_739a30710eda52702a75adc0b6` ON `domain`");
    await queryRunner.query("DROP INDEX `idx_domain_category` ON `domain`");
    await queryRunner.query("DROP TABLE `domain`");
    await queryRunner.query("DROP INDEX `IDX_652a15c02538138f021f1320de` ON `category`");
    await queryRunner.query("DROP TABLE `category`");
  }
}
