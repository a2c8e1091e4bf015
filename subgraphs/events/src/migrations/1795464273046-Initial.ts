import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1795464273046 implements MigrationInterface {
  name = 'Initial1795464273046';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `event_dataset` (`eventId` varchar(36) NOT NULL, `datasetId` varchar(36) NOT NULL, `position` int NOT NULL DEFAULT '0', INDEX `idx_event_dataset_dataset` (`datasetId`, `eventId`), PRIMARY KEY (`eventId`, `datasetId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event_organizer` (`eventId` varchar(36) NOT NULL, `organizationId` varchar(36) NOT NULL, `position` int NOT NULL DEFAULT '0', INDEX `idx_event_organizer_organization` (`organizationId`, `eventId`), PRIMARY KEY (`eventId`, `organizationId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event` (`id` varchar(36) NOT NULL, `title` varchar(255) NOT NULL, `description` text NULL, `kind` varchar(40) NOT NULL, `status` varchar(40) NOT NULL DEFAULT 'SCHEDULED', `attendanceMode` varchar(40) NOT NULL, `startsAt` datetime NOT NULL, `endsAt` datetime NOT NULL, `timezone` varchar(64) NOT NULL DEFAULT 'Europe/Paris', `language` varchar(16) NOT NULL DEFAULT 'fr', `icalUid` varchar(255) NOT NULL, `sequence` int NOT NULL DEFAULT '0', INDEX `idx_event_kind` (`kind`), INDEX `idx_event_start` (`startsAt`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_event_start` ON `event`");
    await queryRunner.query("DROP INDEX `idx_event_kind` ON `event`");
    await queryRunner.query("DROP TABLE `event`");
    await queryRunner.query("DROP INDEX `idx_event_organizer_organization` ON `event_organizer`");
    await queryRunner.query("DROP TABLE `event_organizer`");
    await queryRunner.query("DROP INDEX `idx_event_dataset_dataset` ON `event_dataset`");
    await queryRunner.query("DROP TABLE `event_dataset`");
  }
}
