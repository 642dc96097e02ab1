import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReferralPriorityKindInsurance1796167803422 implements MigrationInterface {
  name = 'ReferralPriorityKindInsurance1796167803422';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const database = await queryRunner.getCurrentDatabase();
    await queryRunner.query("ALTER TABLE `referrals` ADD `kind` varchar(16) NOT NULL DEFAULT 'outpatient'");
    await queryRunner.query("ALTER TABLE `referrals` ADD `red_flags` text NULL");
    await queryRunner.query("ALTER TABLE `referrals` ADD `urgent_signs` text NULL");
    await queryRunner.query("ALTER TABLE `referrals` ADD `insurance_type` varchar(16) NULL");
    await queryRunner.query("ALTER TABLE `referrals` ADD `insurance_no_enc` varchar(255) NULL");
    await queryRunner.query("ALTER TABLE `referrals` ADD `insurance_no_masked` varchar(40) NULL");
    // Written by hand: until this release `urgent` was the green channel (arrival without scheduling, first in the
    // queue); it is now `emergent`, and `urgent` is the priority between it and routine. Referrals written before keep
    // what they were. A county's stored referral.replyHours.urgent stays the urgent limit; the green channel starts on
    // the default quarter hour (docs/upgrading: check the policy after the upgrade).
    await queryRunner.query("UPDATE `referrals` SET `urgency` = 'emergent' WHERE `urgency` = 'urgent'");
    await queryRunner.query("DROP INDEX `ix_referrals_desk_queue` ON `referrals`");
    await queryRunner.query("ALTER TABLE `referrals` CHANGE `urgency_rank` `urgency_rank` int AS (CASE urgency WHEN 'emergent' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END) STORED");
    await queryRunner.query("UPDATE `typeorm_metadata` SET `value` = ? WHERE `type` = ? AND `name` = ? AND `schema` = ? AND `table` = ?", ["CASE urgency WHEN 'emergent' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END", "GENERATED_COLUMN", "urgency_rank", database, "referrals"]);
    await queryRunner.query("CREATE INDEX `ix_referrals_desk_queue` ON `referrals` (`county_id`, `to_institution_id`, `desk_open`, `urgency_rank`, `submitted_at`, `id`)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const database = await queryRunner.getCurrentDatabase();
    await queryRunner.query("DROP INDEX `ix_referrals_desk_queue` ON `referrals`");
    await queryRunner.query("UPDATE `typeorm_metadata` SET `value` = ? WHERE `type` = ? AND `name` = ? AND `schema` = ? AND `table` = ?", ["CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END", "GENERATED_COLUMN", "urgency_rank", database, "referrals"]);
    await queryRunner.query("ALTER TABLE `referrals` CHANGE `urgency_rank` `urgency_rank` int AS (CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END) STORED");
    await queryRunner.query("CREATE INDEX `ix_referrals_desk_queue` ON `referrals` (`county_id`, `to_institution_id`, `desk_open`, `urgency_rank`, `submitted_at`, `id`)");
    // the green channel was `urgent` before; the urgent priority between did not exist (it reads as routine)
    await queryRunner.query("UPDATE `referrals` SET `urgency` = 'routine' WHERE `urgency` = 'urgent'");
    await queryRunner.query("UPDATE `referrals` SET `urgency` = 'urgent' WHERE `urgency` = 'emergent'");
    await queryRunner.query("ALTER TABLE `referrals` DROP COLUMN `insurance_no_masked`");
    await queryRunner.query("ALTER TABLE `referrals` DROP COLUMN `insurance_no_enc`");
    await queryRunner.query("ALTER TABLE `referrals` DROP COLUMN `insurance_type`");
    await queryRunner.query("ALTER TABLE `referrals` DROP COLUMN `urgent_signs`");
    await queryRunner.query("ALTER TABLE `referrals` DROP COLUMN `red_flags`");
    await queryRunner.query("ALTER TABLE `referrals` DROP COLUMN `kind`");
  }
}
