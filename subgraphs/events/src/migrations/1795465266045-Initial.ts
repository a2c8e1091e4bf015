import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1795465266045 implements MigrationInterface {
  name = 'Initial1795465266045';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `call_dataset` (`callId` varchar(36) NOT NULL, `datasetId` varchar(36) NOT NULL, INDEX `idx_call_dataset_dataset` (`datasetId`), PRIMARY KEY (`callId`, `datasetId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `call_for_proposals` (`id` varchar(36) NOT NULL, `kind` varchar(40) NOT NULL, `title` varchar(255) NOT NULL, `theme` varchar(64) NOT NULL, `description` text NULL, `publisherId` varchar(36) NOT NULL, `ecosystemId` varchar(36) NULL, `opensOn` varchar(10) NULL, `deadline` datetime NULL, `status` varchar(40) NOT NULL, `followUpHackathonId` varchar(36) NULL, `createdAt` datetime NOT NULL, INDEX `idx_call_theme` (`theme`), INDEX `idx_call_status` (`status`), INDEX `idx_call_publisher` (`publisherId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `expression_of_interest` (`id` varchar(36) NOT NULL, `callId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `submittedById` varchar(36) NOT NULL, `datasetIds` text NOT NULL, `message` text NULL, `submittedAt` datetime NOT NULL, UNIQUE INDEX `uq_expression_of_interest` (`callId`, `organizationId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event_dataset` (`eventId` varchar(36) NOT NULL, `datasetId` varchar(36) NOT NULL, `position` int NOT NULL DEFAULT '0', INDEX `idx_event_dataset_dataset` (`datasetId`, `eventId`), PRIMARY KEY (`eventId`, `datasetId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event_organizer` (`eventId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `position` int NOT NULL DEFAULT '0', INDEX `idx_event_organizer_organization` (`organizationId`, `eventId`), PRIMARY KEY (`eventId`, `organizationId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event_speaker` (`id` varchar(36) NOT NULL, `eventId` varchar(36) NOT NULL, `personId` varchar(36) NOT NULL, `organizationId` varchar(36) NULL, `role` varchar(40) NOT NULL, `talkTitle` varchar(255) NULL, `position` int NOT NULL DEFAULT '0', UNIQUE INDEX `uq_event_speaker` (`eventId`, `personId`, `role`), INDEX `idx_event_speaker_person` (`personId`), INDEX `idx_event_speaker_event` (`eventId`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event` (`id` varchar(36) NOT NULL, `title` varchar(255) NOT NULL, `description` text NULL, `kind` varchar(40) NOT NULL, `status` varchar(40) NOT NULL DEFAULT 'SCHEDULED', `attendanceMode` varchar(40) NOT NULL, `startsAt` datetime NOT NULL, `endsAt` datetime NOT NULL, `timezone` varchar(64) NOT NULL DEFAULT 'Europe/Paris', `language` varchar(16) NOT NULL DEFAULT 'fr', `icalUid` varchar(255) NOT NULL, `sequence` int NOT NULL DEFAULT '0', `seriesId` varchar(36) NULL, `recurrenceId` datetime NULL, `ecosystemId` varchar(36) NULL, `callId` varchar(36) NULL, `placeName` varchar(255) NULL, `street` varchar(255) NULL, `postalCode` varchar(16) NULL, `city` varchar(128) NULL, `region` varchar(128) NULL, `country` varchar(2) NULL, `latitude` double NULL, `longitude` double NULL, `virtualUrl` varchar(512) NULL, `virtualPlatform` varchar(64) NULL, `maxCapacity` int NULL, `seatsTaken` int NOT NULL DEFAULT '0', `registrationTicket` int NOT NULL DEFAULT '0', `registrationRequired` tinyint NOT NULL DEFAULT 0, `registrationOpensAt` datetime NULL, `registrationClosesAt` datetime NULL, `membersOnly` tinyint NOT NULL DEFAULT 0, `priceAmount` varchar(20) NULL, `priceCurrency` varchar(3) NULL, `registrationUrl` varchar(512) NULL, `keywords` text NOT NULL, `searchText` varchar(1000) NOT NULL, `createdAt` datetime NOT NULL, `updatedAt` datetime NOT NULL, INDEX `idx_event_kind` (`kind`), INDEX `idx_event_call` (`callId`), INDEX `idx_event_ecosystem` (`ecosystemId`, `startsAt`), INDEX `idx_event_series` (`seriesId`, `startsAt`), INDEX `idx_event_start` (`startsAt`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `calendar_feed` (`id` varchar(36) NOT NULL, `personId` varchar(36) NOT NULL, `tokenHash` varchar(64) NOT NULL, `createdAt` datetime NOT NULL, `revokedAt` datetime NULL, INDEX `idx_calendar_feed_person` (`personId`), UNIQUE INDEX `IDX_21e336ad0937676891819f9b65` (`tokenHash`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `registration` (`id` varchar(36) NOT NULL, `eventId` varchar(36) NOT NULL, `personId` varchar(36) NOT NULL, `organizationId` varchar(36) NULL, `status` varchar(40) NOT NULL, `mode` varchar(40) NULL, `registeredAt` datetime(3) NOT NULL, `ticket` int NOT NULL, `checkedInAt` datetime NULL, `cancelledAt` datetime NULL, INDEX `idx_registration_person` (`personId`, `registeredAt`), INDEX `idx_registration_event_status` (`eventId`, `status`, `ticket`), UNIQUE INDEX `uq_registration_event_person` (`eventId`, `personId`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event_series` (`id` varchar(36) NOT NULL, `title` varchar(255) NOT NULL, `description` text NULL, `kind` varchar(40) NOT NULL, `attendanceMode` varchar(40) NOT NULL, `organizerId` varchar(36) NOT NULL, `ecosystemId` varchar(36) NULL, `rrule` varchar(500) NOT NULL, `exdateList` text NOT NULL, `dtstart` datetime NOT NULL, `durationMinutes` int NOT NULL, `timezone` varchar(64) NOT NULL DEFAULT 'Europe/Paris', `language` varchar(16) NOT NULL DEFAULT 'fr', `virtualUrl` varchar(512) NULL, `icalUid` varchar(255) NOT NULL, `sequence` int NOT NULL DEFAULT '0', `materializedUntil` datetime NOT NULL, `createdAt` datetime NOT NULL, `updatedAt` datetime NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `event_series`");
    await queryRunner.query("DROP INDEX `uq_registration_event_person` ON `registration`");
    await queryRunner.query("DROP INDEX `idx_registration_event_status` ON `registration`");
    await queryRunner.query("DROP INDEX `idx_registration_person` ON `registration`");
    await queryRunner.query("DROP TABLE `registration`");
    await queryRunner.query("DROP INDEX `IDX_21e336ad0937676891819f9b65` ON `calendar_feed`");
    await queryRunner.query("DROP INDEX `idx_calendar_feed_person` ON `calendar_feed`");
    await queryRunner.query("DROP TABLE `calendar_feed`");
    await queryRunner.query("DROP INDEX `idx_event_start` ON `event`");
    await queryRunner.query("DROP INDEX `idx_event_series` ON `event`");
    await queryRunner.query("DROP INDEX `idx_event_ecosystem` ON `event`");
    await queryRunner.query("DROP INDEX `idx_event_call` ON `event`");
    await queryRunner.query("DROP INDEX `idx_event_kind` ON `event`");
    await queryRunner.query("DROP TABLE `event`");
    await queryRunner.query("DROP INDEX `idx_event_speaker_event` ON `event_speaker`");
    await queryRunner.query("DROP INDEX `idx_event_speaker_person` ON `event_speaker`");
    await queryRunner.query("DROP INDEX `uq_event_speaker` ON `event_speaker`");
    await queryRunner.query("DROP TABLE `event_speaker`");
    await queryRunner.query("DROP INDEX `idx_event_organizer_organization` ON `event_organizer`");
    await queryRunner.query("DROP TABLE `event_organizer`");
    await queryRunner.query("DROP INDEX `idx_event_dataset_dataset` ON `event_dataset`");
    await queryRunner.query("DROP TABLE `event_dataset`");
    await queryRunner.query("DROP INDEX `uq_expression_of_interest` ON `expression_of_interest`");
    await queryRunner.query("DROP TABLE `expression_of_interest`");
    await queryRunner.query("DROP INDEX `idx_call_publisher` ON `call_for_proposals`");
    await queryRunner.query("DROP INDEX `idx_call_status` ON `call_for_proposals`");
    await queryRunner.query("DROP INDEX `idx_call_theme` ON `call_for_proposals`");
    await queryRunner.query("DROP TABLE `call_for_proposals`");
    await queryRunner.query("DROP INDEX `idx_call_dataset_dataset` ON `call_dataset`");
    await queryRunner.query("DROP TABLE `call_dataset`");
  }
}
