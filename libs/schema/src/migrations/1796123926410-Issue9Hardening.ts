import { MigrationInterface, QueryRunner } from 'typeorm';

export class Issue9Hardening1796123926410 implements MigrationInterface {
  name = 'Issue9Hardening1796123926410';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `audit_seals` ADD `format` smallint NOT NULL DEFAULT '1'");
    await queryRunner.query("ALTER TABLE `gp_teams` ADD `service_phone` varchar(24) NULL");
    await queryRunner.query("ALTER TABLE `referrals` ADD `deductible_chain_from_id` varchar(36) NULL");
    await queryRunner.query("ALTER TABLE `sickbeds` ADD `origin` varchar(16) NOT NULL DEFAULT 'team'");
    await queryRunner.query("ALTER TABLE `sickbeds` CHANGE `admission_indication` `admission_indication` text NULL");
    await queryRunner.query("CREATE INDEX `ix_service_records_window` ON `service_records` (`follow_up_id`, `delivered_at`, `id`)");
    // Written by hand (TypeORM does not compare collations): under utf8mb4_unicode_ci every character outside the BMP
    // (生僻字 such as 𠀾, 𪚥) weighs the same, and MariaDB's index range for a name prefix then misses names holding
    // them; the UCA 5.2 collation, on MySQL 8 and MariaDB alike, weighs each one apart.
    await queryRunner.query("ALTER TABLE `residents` MODIFY `name` varchar(30) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci NOT NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `residents` MODIFY `name` varchar(30) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL");
    await queryRunner.query("DROP INDEX `ix_service_records_window` ON `service_records`");
    await queryRunner.query("ALTER TABLE `sickbeds` CHANGE `admission_indication` `admission_indication` text NOT NULL");
    await queryRunner.query("ALTER TABLE `sickbeds` DROP COLUMN `origin`");
    await queryRunner.query("ALTER TABLE `referrals` DROP COLUMN `deductible_chain_from_id`");
    await queryRunner.query("ALTER TABLE `gp_teams` DROP COLUMN `service_phone`");
    await queryRunner.query("ALTER TABLE `audit_seals` DROP COLUMN `format`");
  }
}
