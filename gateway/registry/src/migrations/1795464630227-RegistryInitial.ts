import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class RegistryInitial1795464630227 implements MigrationInterface {
  name = 'RegistryInitial1795464630227';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `registered_subgraph` (`name` varchar(64) NOT NULL, `routing_url` varchar(500) NOT NULL, `owner_org` varchar(64) NULL, `status` varchar(16) NOT NULL, `sdl` longtext NOT NULL, `version` int NOT NULL, `updated_at` datetime NOT NULL, PRIMARY KEY (`name`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `subgraph_version` (`id` int NOT NULL AUTO_INCREMENT, `subgraph_name` varchar(64) NOT NULL, `version` int NOT NULL, `routing_url` varchar(500) NOT NULL, `sdl` longtext NOT NULL, `published_by` varchar(120) NOT NULL, `published_at` datetime NOT NULL, UNIQUE INDEX `subgraph_version_name_version` (`subgraph_name`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `supergraph_version` (`version` int NOT NULL, `hash` varchar(64) NOT NULL, `sdl` longtext NOT NULL, `manifest` longtext NOT NULL, `reason` varchar(200) NOT NULL, `created_by` varchar(120) NOT NULL, `created_at` datetime NOT NULL, PRIMARY KEY (`version`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `publication_log` (`id` int NOT NULL AUTO_INCREMENT, `action` varchar(16) NOT NULL, `subgraph_name` varchar(64) NULL, `outcome` varchar(16) NOT NULL, `actor` varchar(120) NOT NULL, `forced` tinyint NOT NULL DEFAULT 0, `supergraph_version` int NULL, `report` longtext NOT NULL, `created_at` datetime NOT NULL, INDEX `publication_log_subgraph` (`subgraph_name`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `operation_signature` (`hash` varchar(64) NOT NULL, `operation_name` varchar(200) NULL, `signature` longtext NOT NULL, `document` longtext NOT NULL, `first_seen` datetime NOT NULL, `last_seen` datetime NOT NULL, INDEX `operation_signature_last_seen` (`last_seen`), PRIMARY KEY (`hash`)) ENGINE=InnoDB");
    await queryRunner.query("CREATE TABLE `partner_credential` (`id` varchar(36) NOT NULL, `key_hash` varchar(64) NOT NULL, `label` varchar(200) NOT NULL, `owner_org` varchar(64) NULL, `subgraphs` varchar(1000) NOT NULL, `created_by` varchar(120) NOT NULL, `created_at` datetime NOT NULL, `revoked_at` datetime NULL, UNIQUE INDEX `IDX_b0336f59b80b1bc0932081bd1d` (`key_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `IDX_b0336f59b80b1bc0932081bd1d` ON `partner_credential`");
    await queryRunner.query("DROP TABLE `partner_credential`");
    await queryRunner.query("DROP INDEX `operation_signature_last_seen` ON `operation_signature`");
    await queryRunner.query("DROP TABLE `operation_signature`");
    await queryRunner.query("DROP INDEX `publication_log_subgraph` ON `publication_log`");
    await queryRunner.query("DROP TABLE `publication_log`");
    await queryRunner.query("DROP TABLE `supergraph_version`");
    await queryRunner.query("DROP INDEX `subgraph_version_name_version` ON `subgraph_version`");
    await queryRunner.query("DROP TABLE `subgraph_version`");
    await queryRunner.query("DROP TABLE `registered_subgraph`");
  }
}
