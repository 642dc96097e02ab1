import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferralClinicalConsent1796168999990 implements MigrationInterface {
  name = 'ReferralClinicalConsent1796168999990';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `referrals` ADD `clinical` text NULL");
    await queryRunner.query("ALTER TABLE `referrals` ADD `requested_date` date NULL");
    await queryRunner.query("ALTER TABLE `referrals` ADD `consent_to_share` tinyint NULL");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `referrals` DROP COLUMN `consent_to_share`");
    await queryRunner.query("ALTER TABLE `referrals` DROP COLUMN `requested_date`");
    await queryRunner.query("ALTER TABLE `referrals` DROP COLUMN `clinical`");
  }
}
