import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Initial1795464763801 implements MigrationInterface {
  name = 'Initial1795464763801';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `campus_profile` (`organizationId` varchar(36) NOT NULL, `resident` tinyint NOT NULL DEFAULT 0, `building` varchar(120) NULL, `local_programme` varchar(120) NULL, `since_year` int NULL, PRIMARY KEY (`organizationId`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `event_logistics` (`eventId` varchar(36) NOT NULL, `room` varchar(120) NOT NULL, `local_seats` int NOT NULL, `streaming_url` varchar(500) NULL, PRIMARY KEY (`eventId`)) ENGINE=InnoDB");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `event_logistics`");
    await queryRunner.query("DROP TABLE `campus_profile`");
  }
}
