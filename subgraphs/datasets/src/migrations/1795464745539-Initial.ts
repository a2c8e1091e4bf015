import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1795464745539 implements MigrationInterface {
  name = 'Initial1795464745539';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `dataset` (`id` varchar(36) NOT NULL, `identifier` varchar(255) NOT NULL, `titleFr` varchar(500) NOT NULL, `titleEn` varchar(500) NULL, `descriptionFr` text NOT NULL, `descriptionEn` text NULL, `catalogueId` varchar(36) NOT NULL, `publisherId` varchar(36) NOT NULL, `hdabId` varchar(36) NULL, `contactName` varchar(255) NOT NULL, `contactEmail` varchar(255) NULL, `contactUrl` varchar(512) NULL, `themes` text NOT NULL, `keywords` text NOT NULL, `healthCategories` text NOT NULL, `healthThemes` text NOT NULL, `typology` varchar(40) NOT NULL, `spatial` text NOT NULL, `temporalStart` varchar(10) NULL, `temporalEnd` varchar(10) NULL, `accrualPeriodicity` varchar(40) NULL, `accessRights` varchar(40) NOT NULL, `applicableLegislation` text NOT NULL, `legalBasis` text NOT NULL, `personalData` text NOT NULL, `purposes` text NOT NULL, `populationCoverage` text NULL, `minTypicalAge` int NULL, `maxTypicalAge` int NULL, `numberOfRecords` bigint NULL, `numberOfUniqueIndividuals` bigint NULL, `codingSystems` text NOT NULL, `conformsTo` text NOT NULL, `trustedDataHolder` tinyint NULL, `retentionStart` varchar(10) NULL, `retentionEnd` varchar(10) NULL, `qualityAnnotations` text NOT NULL, `hdhPosition` varchar(40) NOT NULL, `accessModalities` text NOT NULL, `issued` datetime NULL, `modified` datetime NULL, `version` varchar(40) NULL, `landingPage` varchar(512) NULL, `sortTitle` varchar(500) NOT NULL, `searchText` text NOT NULL, INDEX `idx_dataset_individuals` (`numberOfUniqueIndividuals`), INDEX `idx_dataset_catalogue` (`catalogueId`, `sortTitle`, `id`), INDEX `idx_dataset_hdab` (`hdabId`), INDEX `idx_dataset_publisher` (`publisherId`), INDEX `idx_dataset_sort` (`sortTitle`, `id`), UNIQUE INDEX `IDX_15431ef325e1dad6794c4dd74f` (`identifier`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `access_request` (`id` varchar(36) NOT NULL, `requesterId` varchar(36) NOT NULL, `publisherId` varchar(36) NOT NULL, `principalInvestigatorId` varchar(36) NOT NULL, `createdById` varchar(36) NOT NULL, `purpose` text NOT NULL, `publicInterest` text NULL, `methodology` text NULL, `referenceMethodology` varchar(10) NULL, `status` varchar(40) NOT NULL, `version` int NOT NULL DEFAULT '1', `cesreesOpinion` text NULL, `cnilDecisionRef` varchar(64) NULL, `submittedAt` datetime NULL, `decidedAt` datetime NULL, `projectId` varchar(36) NULL, `publicRepertoireUrl` varchar(512) NULL, `createdAt` datetime NOT NULL, `updatedAt` datetime NOT NULL, INDEX `idx_access_request_status` (`status`), INDEX `idx_access_request_pi` (`principalInvestigatorId`), INDEX `idx_access_request_publisher` (`publisherId`, `createdAt`, `id`), INDEX `idx_access_request_requester` (`requesterId`, `createdAt`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `access_request_dataset` (`accessRequestId` varchar(36) NOT NULL, `datasetId` varchar(36) NOT NULL, INDEX `idx_access_request_dataset_dataset` (`datasetId`, `accessRequestId`), PRIMARY KEY (`accessRequestId`, `datasetId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `access_request_status_change` (`id` varchar(36) NOT NULL, `accessRequestId` varchar(36) NOT NULL, `fromStatus` varchar(40) NULL, `toStatus` varchar(40) NOT NULL, `byPersonId` varchar(36) NOT NULL, `byOrganizationId` varchar(36) NULL, `at` datetime NOT NULL, `note` text NULL, INDEX `idx_status_change_request` (`accessRequestId`, `at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `catalogue` (`id` varchar(36) NOT NULL, `title` varchar(255) NOT NULL, `description` text NULL, `homepage` varchar(512) NULL, `publisherId` varchar(36) NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `dataset_coding_system` (`datasetId` varchar(36) NOT NULL, `codingSystem` varchar(40) NOT NULL, INDEX `idx_dataset_coding_system` (`codingSystem`, `datasetId`), PRIMARY KEY (`datasetId`, `codingSystem`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `dataset_creator` (`datasetId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, INDEX `idx_dataset_creator_organization` (`organizationId`, `datasetId`), PRIMARY KEY (`datasetId`, `organizationId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `dataset_health_category` (`datasetId` varchar(36) NOT NULL, `category` varchar(40) NOT NULL, INDEX `idx_dataset_health_category` (`category`, `datasetId`), PRIMARY KEY (`datasetId`, `category`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `dataset_project` (`datasetId` varchar(36) NOT NULL, `projectId` varchar(36) NOT NULL, INDEX `idx_dataset_project_project` (`projectId`, `datasetId`), PRIMARY KEY (`datasetId`, `projectId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `distribution` (`id` varchar(36) NOT NULL, `datasetId` varchar(36) NOT NULL, `position` int NOT NULL DEFAULT '0', `title` varchar(255) NULL, `accessURL` varchar(512) NOT NULL, `downloadURL` varchar(512) NULL, `format` varchar(40) NULL, `mediaType` varchar(100) NULL, `byteSize` bigint NULL, `license` varchar(255) NULL, `accessService` varchar(40) NULL, INDEX `idx_distribution_dataset` (`datasetId`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `access_request_dataset` ADD CONSTRAINT `FK_cd7c0e8fe2755c9341344e80b6f` FOREIGN KEY (`accessRequestId`) REFERENCES `access_request`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `access_request_dataset` ADD CONSTRAINT `FK_f76af5a8163ab3a98a8b19d2e4e` FOREIGN KEY (`datasetId`) REFERENCES `dataset`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `dataset_creator` ADD CONSTRAINT `FK_892dd81f7f3b213ed59a43af0ad` FOREIGN KEY (`datasetId`) REFERENCES `dataset`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `dataset_project` ADD CONSTRAINT `FK_50a28927d0a7194fdd5d4e17a5a` FOREIGN KEY (`datasetId`) REFERENCES `dataset`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `dataset_project` DROP FOREIGN KEY `FK_50a28927d0a7194fdd5d4e17a5a`");
    await queryRunner.query("ALTER TABLE `dataset_creator` DROP FOREIGN KEY `FK_892dd81f7f3b213ed59a43af0ad`");
    await queryRunner.query("ALTER TABLE `access_request_dataset` DROP FOREIGN KEY `FK_f76af5a8163ab3a98a8b19d2e4e`");
    await queryRunner.query("ALTER TABLE `access_request_dataset` DROP FOREIGN KEY `FK_cd7c0e8fe2755c9341344e80b6f`");
    await queryRunner.query("DROP INDEX `idx_distribution_dataset` ON `distribution`");
    await queryRunner.query("DROP TABLE `distribution`");
    await queryRunner.query("DROP INDEX `idx_dataset_project_project` ON `dataset_project`");
    await queryRunner.query("DROP TABLE `dataset_project`");
    await queryRunner.query("DROP INDEX `idx_dataset_health_category` ON `dataset_health_category`");
    await queryRunner.query("DROP TABLE `dataset_health_category`");
    await queryRunner.query("DROP INDEX `idx_dataset_creator_organization` ON `dataset_creator`");
    await queryRunner.query("DROP TABLE `dataset_creator`");
    await queryRunner.query("DROP INDEX `idx_dataset_coding_system` ON `dataset_coding_system`");
    await queryRunner.query("DROP TABLE `dataset_coding_system`");
    await queryRunner.query("DROP TABLE `catalogue`");
    await queryRunner.query("DROP INDEX `idx_status_change_request` ON `access_request_status_change`");
    await queryRunner.query("DROP TABLE `access_request_status_change`");
    await queryRunner.query("DROP INDEX `idx_access_request_dataset_dataset` ON `access_request_dataset`");
    await queryRunner.query("DROP TABLE `access_request_dataset`");
    await queryRunner.query("DROP INDEX `idx_access_request_requester` ON `access_request`");
    await queryRunner.query("DROP INDEX `idx_access_request_publisher` ON `access_request`");
    await queryRunner.query("DROP INDEX `idx_access_request_pi` ON `access_request`");
    await queryRunner.query("DROP INDEX `idx_access_request_status` ON `access_request`");
    await queryRunner.query("DROP TABLE `access_request`");
    await queryRunner.query("DROP INDEX `IDX_15431ef325e1dad6794c4dd74f` ON `dataset`");
    await queryRunner.query("DROP INDEX `idx_dataset_sort` ON `dataset`");
    await queryRunner.query("DROP INDEX `idx_dataset_publisher` ON `dataset`");
    await queryRunner.query("DROP INDEX `idx_dataset_hdab` ON `dataset`");
    await queryRunner.query("DROP INDEX `idx_dataset_catalogue` ON `dataset`");
    await queryRunner.query("DROP INDEX `idx_dataset_individuals` ON `dataset`");
    await queryRunner.query("DROP TABLE `dataset`");
  }
}
