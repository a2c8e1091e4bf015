import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1795464155233 implements MigrationInterface {
  name = 'Initial1795464155233';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `dataset` (`id` varchar(36) NOT NULL, `identifier` varchar(255) NOT NULL, `titleFr` varchar(500) NOT NULL, `titleEn` varchar(500) NULL, `descriptionFr` text NOT NULL, `descriptionEn` text NULL, `publisherId` varchar(36) NOT NULL, `hdabId` varchar(36) NULL, `healthCategories` text NOT NULL, `typology` varchar(40) NOT NULL, `accessRights` varchar(40) NOT NULL, `sortTitle` varchar(500) NOT NULL, `searchText` text NOT NULL, INDEX `idx_dataset_hdab` (`hdabId`), INDEX `idx_dataset_publisher` (`publisherId`), INDEX `idx_dataset_sort` (`sortTitle`, `id`), UNIQUE INDEX `IDX_15431ef325e1dad6794c4dd74f` (`identifier`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `dataset_creator` (`datasetId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, INDEX `idx_dataset_creator_organization` (`organizationId`, `datasetId`), PRIMARY KEY (`datasetId`, `organizationId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `dataset_health_category` (`datasetId` varchar(36) NOT NULL, `category` varchar(40) NOT NULL, INDEX `idx_dataset_health_category` (`category`, `datasetId`), PRIMARY KEY (`datasetId`, `category`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `dataset_creator` ADD CONSTRAINT `FK_892dd81f7f3b213ed59a43af0ad` FOREIGN KEY (`datasetId`) REFERENCES `dataset`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `dataset_creator` DROP FOREIGN KEY `FK_892dd81f7f3b213ed59a43af0ad`");
    await queryRunner.query("DROP INDEX `idx_dataset_health_category` ON `dataset_health_category`");
    await queryRunner.query("DROP TABLE `dataset_health_category`");
    await queryRunner.query("DROP INDEX `idx_dataset_creator_organization` ON `dataset_creator`");
    await queryRunner.query("DROP TABLE `dataset_creator`");
    await queryRunner.query("DROP INDEX `IDX_15431ef325e1dad6794c4dd74f` ON `dataset`");
    await queryRunner.query("DROP INDEX `idx_dataset_sort` ON `dataset`");
    await queryRunner.query("DROP INDEX `idx_dataset_publisher` ON `dataset`");
    await queryRunner.query("DROP INDEX `idx_dataset_hdab` ON `dataset`");
    await queryRunner.query("DROP TABLE `dataset`");
  }
}
