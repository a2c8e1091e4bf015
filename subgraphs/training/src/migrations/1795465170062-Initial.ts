import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1795465170062 implements MigrationInterface {
  name = 'Initial1795465170062';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `catalogue_lock` (`name` varchar(40) NOT NULL, `revision` int NOT NULL DEFAULT '0', PRIMARY KEY (`name`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `category` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `title` varchar(255) NOT NULL, `position` int NOT NULL, UNIQUE INDEX `IDX_652a15c02538138f021f1320de` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `domain` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `title` varchar(255) NOT NULL, `categoryId` varchar(36) NOT NULL, `position` int NOT NULL, INDEX `idx_domain_category` (`categoryId`, `position`), UNIQUE INDEX `IDX_739a30710eda52702a75adc0b6` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `competency` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `title` varchar(255) NOT NULL, `type` varchar(40) NOT NULL, `escoSkill` varchar(255) NULL, `caseItemUri` varchar(255) NULL, `broaderId` varchar(36) NULL, `domainId` varchar(36) NULL, `searchText` varchar(400) NOT NULL, INDEX `idx_competency_domain` (`domainId`, `code`), UNIQUE INDEX `IDX_6fe8f8fb489d35f8cf5ed738d7` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `enrolment` (`id` varchar(36) NOT NULL, `learnerId` varchar(36) NOT NULL, `employerId` varchar(36) NULL, `moduleId` varchar(36) NOT NULL, `openModuleId` varchar(36) NULL, `pathId` varchar(36) NULL, `sessionId` varchar(36) NULL, `status` varchar(40) NOT NULL, `progress` float NULL, `score` float NULL, `satisfaction` int NULL, `enrolledAt` datetime(3) NOT NULL, `completedAt` datetime NULL, `credentialUrl` varchar(512) NULL, INDEX `idx_enrolment_module` (`moduleId`), INDEX `idx_enrolment_employer` (`employerId`, `moduleId`), INDEX `idx_enrolment_session_queue` (`sessionId`, `status`, `enrolledAt`), UNIQUE INDEX `uq_enrolment_open` (`learnerId`, `openModuleId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `module` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `title` varchar(255) NOT NULL, `description` text NOT NULL, `domainId` varchar(36) NOT NULL, `level` varchar(40) NOT NULL, `eqfLevel` int NULL, `learningObjectives` text NOT NULL, `formats` text NOT NULL, `durationMinutes` int NOT NULL, `language` varchar(16) NOT NULL, `priceCents` int NULL, `priceCurrency` varchar(3) NULL, `cpfEligible` tinyint NULL, `rsRncpCode` varchar(32) NULL, `credential` varchar(255) NULL, `status` varchar(40) NOT NULL, `publishedAt` datetime NULL, `searchText` text NOT NULL, INDEX `idx_module_status_code` (`status`, `code`), INDEX `idx_module_domain` (`domainId`, `level`), UNIQUE INDEX `IDX_1ccb6257978189bc9d5e0bedf7` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `module_competency` (`moduleId` varchar(36) NOT NULL, `competencyId` varchar(36) NOT NULL, INDEX `idx_module_competency_competency` (`competencyId`, `moduleId`), PRIMARY KEY (`moduleId`, `competencyId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `module_format` (`moduleId` varchar(36) NOT NULL, `format` varchar(40) NOT NULL, INDEX `idx_module_format_format` (`format`, `moduleId`), PRIMARY KEY (`moduleId`, `format`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `module_prerequisite` (`moduleId` varchar(36) NOT NULL, `prerequisiteId` varchar(36) NOT NULL, INDEX `idx_module_prerequisite_prerequisite` (`prerequisiteId`, `moduleId`), PRIMARY KEY (`moduleId`, `prerequisiteId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `module_provider` (`moduleId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, INDEX `idx_module_provider_organization` (`organizationId`, `moduleId`), PRIMARY KEY (`moduleId`, `organizationId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `learning_path` (`id` varchar(36) NOT NULL, `personaId` varchar(36) NOT NULL, `title` varchar(255) NOT NULL, `targetLevel` varchar(40) NOT NULL, INDEX `idx_learning_path_persona` (`personaId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `path_step` (`pathId` varchar(36) NOT NULL, `position` int NOT NULL, `moduleId` varchar(36) NOT NULL, `optional` tinyint NOT NULL, INDEX `idx_path_step_module` (`moduleId`), PRIMARY KEY (`pathId`, `position`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `competency_requirement` (`personaId` varchar(36) NOT NULL, `competencyId` varchar(36) NOT NULL, `requiredLevel` varchar(40) NOT NULL, `priority` varchar(40) NOT NULL, INDEX `idx_requirement_competency` (`competencyId`, `personaId`), PRIMARY KEY (`personaId`, `competencyId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `persona` (`id` varchar(36) NOT NULL, `code` varchar(32) NOT NULL, `title` varchar(255) NOT NULL, `jobFamily` varchar(40) NOT NULL, `escoOccupation` varchar(255) NULL, `iscoCode` varchar(4) NULL, `romeCode` varchar(5) NULL, `maxSessionMinutes` int NULL, `needsFlexibility` tinyint NULL, `preferredFormats` text NOT NULL, `aliases` text NOT NULL, `searchText` text NOT NULL, INDEX `idx_persona_family` (`jobFamily`, `code`), UNIQUE INDEX `IDX_4cec975055d2576552c83857a0` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `course_session` (`id` varchar(36) NOT NULL, `moduleId` varchar(36) NOT NULL, `courseMode` varchar(40) NOT NULL, `startsAt` datetime NOT NULL, `endsAt` datetime NOT NULL, `placeStreet` varchar(255) NULL, `placePostalCode` varchar(16) NULL, `placeCity` varchar(120) NULL, `placeRegion` varchar(120) NULL, `placeCountry` varchar(2) NULL, `virtualUrl` varchar(512) NULL, `instructorIds` text NOT NULL, `providerId` varchar(36) NOT NULL, `capacity` int NULL, `seatsTaken` int NOT NULL DEFAULT '0', `eventId` varchar(36) NULL, `createdAt` datetime NOT NULL, INDEX `idx_session_start` (`startsAt`), INDEX `idx_session_module_start` (`moduleId`, `startsAt`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("ALTER TABLE `module_competency` ADD CONSTRAINT `FK_144ee94e17509b2f1d48e7f16a1` FOREIGN KEY (`competencyId`) REFERENCES `competency`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `module_competency` ADD CONSTRAINT `FK_6326e2dbb04783e9c830d786f6b` FOREIGN KEY (`moduleId`) REFERENCES `module`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `module_prerequisite` ADD CONSTRAINT `FK_a194f6071b3934318209e140da6` FOREIGN KEY (`prerequisiteId`) REFERENCES `module`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE `module_provider` ADD CONSTRAINT `FK_150a6524730468669e77a8600ec` FOREIGN KEY (`moduleId`) REFERENCES `module`(`id`) ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `module_provider` DROP FOREIGN KEY `FK_150a6524730468669e77a8600ec`");
    await queryRunner.query("ALTER TABLE `module_prerequisite` DROP FOREIGN KEY `FK_a194f6071b3934318209e140da6`");
    await queryRunner.query("ALTER TABLE `module_competency` DROP FOREIGN KEY `FK_6326e2dbb04783e9c830d786f6b`");
    await queryRunner.query("ALTER TABLE `module_competency` DROP FOREIGN KEY `FK_144ee94e17509b2f1d48e7f16a1`");
    await queryRunner.query("DROP INDEX `idx_session_module_start` ON `course_session`");
    await queryRunner.query("DROP INDEX `idx_session_start` ON `course_session`");
    await queryRunner.query("DROP TABLE `course_session`");
    await queryRunner.query("DROP INDEX `IDX_4cec975055d2576552c83857a0` ON `persona`");
    await queryRunner.query("DROP INDEX `idx_persona_family` ON `persona`");
    await queryRunner.query("DROP TABLE `persona`");
    await queryRunner.query("DROP INDEX `idx_requirement_competency` ON `competency_requirement`");
    await queryRunner.query("DROP TABLE `competency_requirement`");
    await queryRunner.query("DROP INDEX `idx_path_step_module` ON `path_step`");
    await queryRunner.query("DROP TABLE `path_step`");
    await queryRunner.query("DROP INDEX `idx_learning_path_persona` ON `learning_path`");
    await queryRunner.query("DROP TABLE `learning_path`");
    await queryRunner.query("DROP INDEX `idx_module_provider_organization` ON `module_provider`");
    await queryRunner.query("DROP TABLE `module_provider`");
    await queryRunner.query("DROP INDEX `idx_module_prerequisite_prerequisite` ON `module_prerequisite`");
    await queryRunner.query("DROP TABLE `module_prerequisite`");
    await queryRunner.query("DROP INDEX `idx_module_format_format` ON `module_format`");
    await queryRunner.query("DROP TABLE `module_format`");
    await queryRunner.query("DROP INDEX `idx_module_competency_competency` ON `module_competency`");
    await queryRunner.query("DROP TABLE `module_competency`");
    await queryRunner.query("DROP INDEX `IDX_1ccb6257978189bc9d5e0bedf7` ON `module`");
    await queryRunner.query("DROP INDEX `idx_module_domain` ON `module`");
    await queryRunner.query("DROP INDEX `idx_module_status_code` ON `module`");
    await queryRunner.query("DROP TABLE `module`");
    await queryRunner.query("DROP INDEX `uq_enrolment_open` ON `enrolment`");
    await queryRunner.query("DROP INDEX `idx_enrolment_session_queue` ON `enrolment`");
    await queryRunner.query("DROP INDEX `idx_enrolment_employer` ON `enrolment`");
    await queryRunner.query("DROP INDEX `idx_enrolment_module` ON `enrolment`");
    await queryRunner.query("DROP TABLE `enrolment`");
    await queryRunner.query("DROP INDEX `IDX_6fe8f8fb489d35f8cf5ed738d7` ON `competency`");
    await queryRunner.query("DROP INDEX `idx_competency_domain` ON `competency`");
    await queryRunner.query("DROP TABLE `competency`");
    await queryRunner.query("DROP INDEX `IDX_739a30710eda52702a75adc0b6` ON `domain`");
    await queryRunner.query("DROP INDEX `idx_domain_category` ON `domain`");
    await queryRunner.query("DROP TABLE `domain`");
    await queryRunner.query("DROP INDEX `IDX_652a15c02538138f021f1320de` ON `category`");
    await queryRunner.query("DROP TABLE `category`");
    await queryRunner.query("DROP TABLE `catalogue_lock`");
  }
}
