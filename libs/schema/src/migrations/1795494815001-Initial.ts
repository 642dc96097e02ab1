import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795494815001 implements MigrationInterface {
  name = 'Initial1795494815001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `idempotency_keys` (`id` varchar(36) NOT NULL, `user_id` varchar(36) NOT NULL, `idem_key` varchar(128) NOT NULL, `request_hash` varchar(64) NOT NULL, `response_status` int NULL, `response_body` text NULL, `response_location` varchar(512) NULL, `created_at` datetime(3) NOT NULL, INDEX `ix_idempotency_created` (`created_at`), UNIQUE INDEX `uq_idempotency_user_key` (`user_id`, `idem_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `audit_events` (`id` varchar(36) NOT NULL, `at` datetime(3) NOT NULL, `actor_id` varchar(36) NULL, `actor_name` varchar(64) NULL, `actor_role` varchar(32) NULL, `actor_institution_id` varchar(36) NULL, `county_id` varchar(36) NULL, `action` varchar(32) NOT NULL, `resource_type` varchar(32) NOT NULL, `resource_id` varchar(64) NULL, `resident_id` varchar(36) NULL, `purpose` varchar(16) NOT NULL, `context_id` varchar(36) NULL, `outcome` varchar(16) NOT NULL, `ip` varchar(45) NULL, `request_id` varchar(64) NULL, `detail` text NULL, INDEX `ix_audit_county` (`county_id`, `id`), INDEX `ix_audit_actor` (`actor_id`, `id`), INDEX `ix_audit_resident` (`resident_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `audit_seals` (`chain_index` bigint NOT NULL, `event_id` varchar(36) NOT NULL, `prev_hash` varchar(64) NOT NULL, `hash` varchar(64) NOT NULL, `sealed_at` datetime(3) NOT NULL, UNIQUE INDEX `uq_audit_seal_event` (`event_id`), PRIMARY KEY (`chain_index`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `users` (`id` varchar(36) NOT NULL, `username` varchar(64) NOT NULL, `password_hash` varchar(255) NOT NULL, `role` varchar(32) NOT NULL, `display_name` varchar(64) NOT NULL, `phone` varchar(20) NULL, `county_id` varchar(36) NULL, `institution_id` varchar(36) NULL, `team_id` varchar(36) NULL, `resident_id` varchar(36) NULL, `status` varchar(16) NOT NULL DEFAULT 'active', `failed_login_count` int NOT NULL DEFAULT '0', `locked_until` datetime(3) NULL, `password_changed_at` datetime(3) NOT NULL, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_users_username` (`username`), UNIQUE INDEX `uq_users_resident` (`resident_id`), INDEX `ix_users_team` (`team_id`, `id`), INDEX `ix_users_institution` (`institution_id`, `id`), INDEX `ix_users_county_role` (`county_id`, `role`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `auth_sessions` (`id` varchar(36) NOT NULL, `user_id` varchar(36) NOT NULL, `created_at` datetime(3) NOT NULL, `revoked_at` datetime(3) NULL, `revoked_reason` varchar(32) NULL, `ip` varchar(45) NULL, INDEX `ix_sessions_user` (`user_id`, `created_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `refresh_tokens` (`id` varchar(36) NOT NULL, `session_id` varchar(36) NOT NULL, `token_hash` varchar(64) NOT NULL, `created_at` datetime(3) NOT NULL, `expires_at` datetime(3) NOT NULL, `used_at` datetime(3) NULL, UNIQUE INDEX `uq_refresh_hash` (`token_hash`), INDEX `ix_refresh_session` (`session_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `notifications` (`id` varchar(36) NOT NULL, `dedupe_key` varchar(160) NOT NULL, `county_id` varchar(36) NOT NULL, `recipient_user_id` varchar(36) NULL, `recipient_team_id` varchar(36) NULL, `recipient_institution_id` varchar(36) NULL, `kind` varchar(40) NOT NULL, `subject_type` varchar(32) NOT NULL, `subject_id` varchar(36) NOT NULL, `resident_id` varchar(36) NULL, `data` text NULL, `created_at` datetime(3) NOT NULL, `read_at` datetime(3) NULL, UNIQUE INDEX `uq_notifications_dedupe` (`dedupe_key`), INDEX `ix_notifications_institution` (`recipient_institution_id`, `id`), INDEX `ix_notifications_team` (`recipient_team_id`, `id`), INDEX `ix_notifications_user` (`recipient_user_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `counties` (`id` varchar(36) NOT NULL, `code` varchar(6) NOT NULL, `name` varchar(64) NOT NULL, `policy` text NULL, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_counties_code` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `institutions` (`id` varchar(36) NOT NULL, `county_id` varchar(36) NOT NULL, `name` varchar(100) NOT NULL, `code` varchar(32) NULL, `level` varchar(24) NOT NULL, `has_referral_desk` tinyint NOT NULL DEFAULT 0, `parent_id` varchar(36) NULL, `active` tinyint NOT NULL DEFAULT 1, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_institutions_parent` (`parent_id`), INDEX `ix_institutions_county` (`county_id`, `level`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `gp_teams` (`id` varchar(36) NOT NULL, `county_id` varchar(36) NOT NULL, `institution_id` varchar(36) NOT NULL, `name` varchar(64) NOT NULL, `lead_user_id` varchar(36) NULL, `status` varchar(16) NOT NULL DEFAULT 'active', `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_teams_institution` (`institution_id`, `id`), INDEX `ix_teams_county` (`county_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `team_members` (`id` varchar(36) NOT NULL, `team_id` varchar(36) NOT NULL, `user_id` varchar(36) NOT NULL, `member_role` varchar(24) NOT NULL, `joined_at` datetime(3) NOT NULL, `left_at` datetime(3) NULL, INDEX `ix_team_members_user` (`user_id`), INDEX `ix_team_members_team` (`team_id`, `left_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `residents` (`id` varchar(36) NOT NULL, `county_id` varchar(36) NOT NULL, `name` varchar(30) NOT NULL, `id_number_hash` varchar(64) NOT NULL, `id_number_enc` varchar(128) NOT NULL, `phone_hash` varchar(64) NULL, `phone_enc` varchar(128) NULL, `birth_date` date NOT NULL, `sex` varchar(8) NOT NULL, `township` varchar(64) NULL, `address_line` varchar(200) NULL, `household_no` varchar(32) NULL, `tags` text NOT NULL, `status` varchar(16) NOT NULL DEFAULT 'active', `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_residents_id_number` (`id_number_hash`), INDEX `ix_residents_county_id` (`county_id`, `id`), INDEX `ix_residents_county_phone` (`county_id`, `phone_hash`), INDEX `ix_residents_county_name` (`county_id`, `name`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `ix_residents_county_name` ON `residents`");
    await queryRunner.query("DROP INDEX `ix_residents_county_phone` ON `residents`");
    await queryRunner.query("DROP INDEX `ix_residents_county_id` ON `residents`");
    await queryRunner.query("DROP INDEX `uq_residents_id_number` ON `residents`");
    await queryRunner.query("DROP TABLE `residents`");
    await queryRunner.query("DROP INDEX `ix_team_members_team` ON `team_members`");
    await queryRunner.query("DROP INDEX `ix_team_members_user` ON `team_members`");
    await queryRunner.query("DROP TABLE `team_members`");
    await queryRunner.query("DROP INDEX `ix_teams_county` ON `gp_teams`");
    await queryRunner.query("DROP INDEX `ix_teams_institution` ON `gp_teams`");
    await queryRunner.query("DROP TABLE `gp_teams`");
    await queryRunner.query("DROP INDEX `ix_institutions_county` ON `institutions`");
    await queryRunner.query("DROP INDEX `ix_institutions_parent` ON `institutions`");
    await queryRunner.query("DROP TABLE `institutions`");
    await queryRunner.query("DROP INDEX `uq_counties_code` ON `counties`");
    await queryRunner.query("DROP TABLE `counties`");
    await queryRunner.query("DROP INDEX `ix_notifications_user` ON `notifications`");
    await queryRunner.query("DROP INDEX `ix_notifications_team` ON `notifications`");
    await queryRunner.query("DROP INDEX `ix_notifications_institution` ON `notifications`");
    await queryRunner.query("DROP INDEX `uq_notifications_dedupe` ON `notifications`");
    await queryRunner.query("DROP TABLE `notifications`");
    await queryRunner.query("DROP INDEX `ix_refresh_session` ON `refresh_tokens`");
    await queryRunner.query("DROP INDEX `uq_refresh_hash` ON `refresh_tokens`");
    await queryRunner.query("DROP TABLE `refresh_tokens`");
    await queryRunner.query("DROP INDEX `ix_sessions_user` ON `auth_sessions`");
    await queryRunner.query("DROP TABLE `auth_sessions`");
    await queryRunner.query("DROP INDEX `ix_users_county_role` ON `users`");
    await queryRunner.query("DROP INDEX `ix_users_institution` ON `users`");
    await queryRunner.query("DROP INDEX `ix_users_team` ON `users`");
    await queryRunner.query("DROP INDEX `uq_users_resident` ON `users`");
    await queryRunner.query("DROP INDEX `uq_users_username` ON `users`");
    await queryRunner.query("DROP TABLE `users`");
    await queryRunner.query("DROP INDEX `uq_audit_seal_event` ON `audit_seals`");
    await queryRunner.query("DROP TABLE `audit_seals`");
    await queryRunner.query("DROP INDEX `ix_audit_resident` ON `audit_events`");
    await queryRunner.query("DROP INDEX `ix_audit_actor` ON `audit_events`");
    await queryRunner.query("DROP INDEX `ix_audit_county` ON `audit_events`");
    await queryRunner.query("DROP TABLE `audit_events`");
    await queryRunner.query("DROP INDEX `uq_idempotency_user_key` ON `idempotency_keys`");
    await queryRunner.query("DROP INDEX `ix_idempotency_created` ON `idempotency_keys`");
    await queryRunner.query("DROP TABLE `idempotency_keys`");
  }
}
