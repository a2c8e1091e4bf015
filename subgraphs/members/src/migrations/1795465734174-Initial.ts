import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1795465734174 implements MigrationInterface {
  name = 'Initial1795465734174';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `ecosystem` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `name` varchar(255) NOT NULL, `kind` varchar(40) NOT NULL, `operatorId` varchar(36) NOT NULL, `axes` text NULL, `keyFigures` text NULL, UNIQUE INDEX `IDX_51a49106765378c9e50eff238c` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `membership` (`id` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `ecosystemId` varchar(36) NOT NULL, `currentEcosystemId` varchar(36) NULL, `role` varchar(40) NOT NULL, `filieres` text NULL, `since` varchar(10) NULL, `until` varchar(10) NULL, UNIQUE INDEX `idx_membership_current` (`organizationId`, `currentEcosystemId`), INDEX `idx_membership_organization` (`organizationId`), INDEX `idx_membership_ecosystem` (`ecosystemId`, `organizationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `organization_sector` (`organizationId` varchar(36) NOT NULL, `sector` varchar(40) NOT NULL, INDEX `idx_organization_sector_sector` (`sector`, `organizationId`), PRIMARY KEY (`organizationId`, `sector`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `organization` (`id` varchar(36) NOT NULL, `name` varchar(255) NOT NULL, `acronym` varchar(64) NULL, `kind` varchar(40) NOT NULL, `website` varchar(512) NULL, `rorTypes` text NULL, `siren` varchar(9) NULL, `siret` varchar(14) NULL, `nafCode` varchar(6) NULL, `legalForm` varchar(100) NULL, `sizeCategory` varchar(40) NULL, `rorId` varchar(9) NULL, `finess` varchar(9) NULL, `rna` varchar(10) NULL, `street` varchar(255) NULL, `postalCode` varchar(16) NULL, `city` varchar(128) NULL, `region` varchar(128) NULL, `country` varchar(2) NULL, `latitude` double NULL, `longitude` double NULL, `parentId` varchar(36) NULL, `sortName` varchar(255) NOT NULL, `searchText` varchar(400) NOT NULL, INDEX `idx_organization_kind` (`kind`), INDEX `idx_organization_region` (`region`), INDEX `idx_organization_sort` (`sortName`, `id`), UNIQUE INDEX `IDX_ec3bfefcfdbe2ee7fef3e28dcf` (`siren`), UNIQUE INDEX `IDX_1210203783cb87cb879b479857` (`siret`), UNIQUE INDEX `IDX_e39c42f0aff2d9d5eb84c3770d` (`rorId`), UNIQUE INDEX `IDX_7920476f300c5b54eb39976a54` (`finess`), UNIQUE INDEX `IDX_9293ff93d56df06a2591f512ad` (`rna`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `affiliation` (`id` varchar(36) NOT NULL, `personId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `role` varchar(200) NULL, `isPrimary` tinyint NOT NULL DEFAULT 0, `since` varchar(10) NULL, `until` varchar(10) NULL, INDEX `idx_affiliation_org` (`organizationId`, `until`), UNIQUE INDEX `idx_affiliation_person_org` (`personId`, `organizationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `person` (`id` varchar(36) NOT NULL, `givenName` varchar(128) NOT NULL, `familyName` varchar(128) NOT NULL, `jobTitle` varchar(200) NULL, `orcid` varchar(19) NULL, `expertise` text NOT NULL, `email` varchar(254) NULL, `phone` varchar(32) NULL, `erasedAt` datetime NULL, `sortName` varchar(260) NOT NULL, `searchText` varchar(1000) NOT NULL, INDEX `idx_person_sort` (`sortName`, `id`), UNIQUE INDEX `IDX_ab0aec1ef042637ef489955b54` (`orcid`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `project_participation` (`id` varchar(36) NOT NULL, `projectId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `role` varchar(40) NOT NULL, `budgetShareCents` bigint NULL, `currency` varchar(3) NOT NULL DEFAULT 'EUR', INDEX `idx_participation_org` (`organizationId`), UNIQUE INDEX `idx_participation_project_org` (`projectId`, `organizationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `project_funding` (`projectId` varchar(36) NOT NULL, `scheme` varchar(40) NOT NULL, INDEX `idx_project_funding_scheme` (`scheme`, `projectId`), PRIMARY KEY (`projectId`, `scheme`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `project_label` (`projectId` varchar(36) NOT NULL, `ecosystemId` varchar(36) NOT NULL, INDEX `idx_project_label_ecosystem` (`ecosystemId`, `projectId`), PRIMARY KEY (`projectId`, `ecosystemId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `project` (`id` varchar(36) NOT NULL, `acronym` varchar(64) NOT NULL, `title` varchar(500) NOT NULL, `status` varchar(40) NOT NULL, `labelDate` varchar(10) NULL, `totalBudgetCents` bigint NULL, `publicFundingCents` bigint NULL, `currency` varchar(3) NOT NULL DEFAULT 'EUR', `startDate` varchar(10) NULL, `endDate` varchar(10) NULL, `trl` int NULL, `international` tinyint NOT NULL DEFAULT 0, `therapeuticAreas` text NOT NULL, `callId` varchar(36) NULL, `sortKey` varchar(64) NOT NULL, `searchText` varchar(600) NOT NULL, INDEX `idx_project_call` (`callId`), INDEX `idx_project_status` (`status`), INDEX `idx_project_sort` (`sortKey`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_project_sort` ON `project`");
    await queryRunner.query("DROP INDEX `idx_project_status` ON `project`");
    await queryRunner.query("DROP INDEX `idx_project_call` ON `project`");
    await queryRunner.query("DROP TABLE `project`");
    await queryRunner.query("DROP INDEX `idx_project_label_ecosystem` ON `project_label`");
    await queryRunner.query("DROP TABLE `project_label`");
    await queryRunner.query("DROP INDEX `idx_project_funding_scheme` ON `project_funding`");
    await queryRunner.query("DROP TABLE `project_funding`");
    await queryRunner.query("DROP INDEX `idx_participation_project_org` ON `project_participation`");
    await queryRunner.query("DROP INDEX `idx_participation_org` ON `project_participation`");
    await queryRunner.query("DROP TABLE `project_participation`");
    await queryRunner.query("DROP INDEX `IDX_ab0aec1ef042637ef489955b54` ON `person`");
    await queryRunner.query("DROP INDEX `idx_person_sort` ON `person`");
    await queryRunner.query("DROP TABLE `person`");
    await queryRunner.query("DROP INDEX `idx_affiliation_person_org` ON `affiliation`");
    await queryRunner.query("DROP INDEX `idx_affiliation_org` ON `affiliation`");
    await queryRunner.query("DROP TABLE `affiliation`");
    await queryRunner.query("DROP INDEX `IDX_9293ff93d56df06a2591f512ad` ON `organization`");
    await queryRunner.query("DROP INDEX `IDX_7920476f300c5b54eb39976a54` ON `organization`");
    await queryRunner.query("DROP INDEX `IDX_e39c42f0aff2d9d5eb84c3770d` ON `organization`");
    await queryRunner.query("DROP INDEX `IDX_1210203783cb87cb879b479857` ON `organization`");
    await queryRunner.query("DROP INDEX `IDX_ec3bfefcfdbe2ee7fef3e28dcf` ON `organization`");
    await queryRunner.query("DROP INDEX `idx_organization_sort` ON `organization`");
    await queryRunner.query("DROP INDEX `idx_organization_region` ON `organization`");
    await queryRunner.query("DROP INDEX `idx_organization_kind` ON `organization`");
    await queryRunner.query("DROP TABLE `organization`");
    await queryRunner.query("DROP INDEX `idx_organization_sector_sector` ON `organization_sector`");
    await queryRunner.query("DROP TABLE `organization_sector`");
    await queryRunner.query("DROP INDEX `idx_membership_ecosystem` ON `membership`");
    await queryRunner.query("DROP INDEX `idx_membership_organization` ON `membership`");
    await queryRunner.query("DROP INDEX `idx_membership_current` ON `membership`");
    await queryRunner.query("DROP TABLE `membership`");
    await queryRunner.query("DROP INDEX `IDX_51a49106765378c9e50eff238c` ON `ecosystem`");
    await queryRunner.query("DROP TABLE `ecosystem`");
  }
}
