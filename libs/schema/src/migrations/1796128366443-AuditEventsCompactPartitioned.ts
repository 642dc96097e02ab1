import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Issue #10, written by hand (TypeORM models neither binary keys on both
 * databases nor partitions; the audit tables are no entities any more):
 * the audit log in its compact shape (domain.md §7.5 "Storage").
 *
 * - audit_events: binary(16) UUIDv7 ids, reference columns packed
 *   (libs/audit/src/audit-codec.ts packRef), no resident column: the
 *   residents an event names are rows of
 * - audit_event_subjects (event_id, resident_id), indexed by resident;
 * - audit_seals: one row per sealed batch (format 3); the per-event seals of
 *   formats 1 and 2 become rows whose batch is their one event;
 * - audit_archives: the months archived and dropped.
 * audit_events and audit_event_subjects are RANGE COLUMNS partitioned by
 * month on the id, from the month of the oldest event to three months ahead
 * (the worker keeps adding them), plus a catch-all `pmax`.
 *
 * Existing rows are converted month by month, every value the old canonical
 * forms hashed kept as it was (a resident id that is not a canonical UUID
 * goes to `resident_ref` verbatim), so the chain sealed so far verifies as
 * before. The frozen DDL below equals mysqlAuditDdl() of libs/audit at the
 * time; tests/e2e/audit-storage.e2e-spec.ts checks the migrated schema.
 */
const UUID_RE = "'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'";
const canonical = (column: string) => `${column} COLLATE utf8mb4_bin REGEXP ${UUID_RE}`;
const uuid = (column: string) => `UNHEX(REPLACE(${column}, '-', ''))`;
/** packRef in SQL: a canonical UUID as its 16 bytes, any other text as 0x00 (0x0000 when it is 15 bytes) and its UTF-8. */
const ref = (column: string) => `CASE WHEN ${column} IS NULL THEN NULL WHEN ${canonical(column)} THEN ${uuid(column)} `
  + `WHEN OCTET_LENGTH(${column}) = 15 THEN CONCAT(X'0000', CAST(${column} AS BINARY)) ELSE CONCAT(X'00', CAST(${column} AS BINARY)) END`;
/** unpackRef in SQL, for down(). */
const unref = (column: string) => `CASE WHEN ${column} IS NULL THEN NULL WHEN LENGTH(${column}) = 16 THEN ${text(column)} `
  + `WHEN LENGTH(${column}) = 17 AND SUBSTRING(${column}, 2, 1) = X'00' THEN CONVERT(SUBSTRING(${column}, 3) USING utf8mb4) `
  + `ELSE CONVERT(SUBSTRING(${column}, 2) USING utf8mb4) END`;
const text = (column: string) => `CASE WHEN ${column} IS NULL THEN NULL ELSE LOWER(CONCAT_WS('-', SUBSTRING(HEX(${column}), 1, 8), `
  + `SUBSTRING(HEX(${column}), 9, 4), SUBSTRING(HEX(${column}), 13, 4), SUBSTRING(HEX(${column}), 17, 4), SUBSTRING(HEX(${column}), 21))) END`;

const OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** First millisecond of the month `offset` months after the month of `ms` (UTC). */
function monthStart(ms: number, offset = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}
const monthName = (ms: number) => new Date(ms).toISOString().slice(0, 7).replace('-', '');
/** The smallest UUIDv7 of a millisecond, as 32 hex digits. */
const lowestId = (ms: number) => `${ms.toString(16).padStart(12, '0')}${'0'.repeat(20)}`;
const asText = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

export class AuditEventsCompactPartitioned1796128366443 implements MigrationInterface {
  name = 'AuditEventsCompactPartitioned1796128366443';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const [{ odd }] = await queryRunner.query(`SELECT COUNT(*) AS odd FROM audit_events WHERE NOT (${canonical('id')})`);
    if (Number(odd) > 0) throw new Error(`audit_events holds ${odd} ids that are no lower-case UUIDs: they cannot be converted without breaking the chain`);
    const [{ first }] = await queryRunner.query('SELECT MIN(id) AS first FROM audit_events');
    const now = Date.now();
    const from = first ? monthStart(parseInt(String(first).replace(/-/g, '').slice(0, 12), 16)) : monthStart(now);
    const months: number[] = [];
    for (let m = from; m <= monthStart(now, 3); m = monthStart(m, 1)) months.push(m);
    const partitions = (column: string) => ` PARTITION BY RANGE COLUMNS(\`${column}\`) (`
      + months.map((m) => `PARTITION p${monthName(m)} VALUES LESS THAN (X'${lowestId(monthStart(m, 1))}')`).join(', ')
      + ', PARTITION pmax VALUES LESS THAN (MAXVALUE))';

    await queryRunner.query('RENAME TABLE `audit_events` TO `audit_events_legacy`, `audit_seals` TO `audit_seals_legacy`');
    await queryRunner.query('CREATE TABLE `audit_events` (`id` binary(16) NOT NULL, `at` datetime(3) NOT NULL, `actor_id` varbinary(146) NULL, '
      + '`actor_name` varchar(64) NULL, `actor_role` varchar(32) NULL, `actor_institution_id` varbinary(146) NULL, `county_id` varbinary(146) NULL, '
      + '`action` varchar(32) NOT NULL, `resource_type` varchar(32) NOT NULL, `resource_id` varbinary(258) NULL, `resident_ref` varchar(36) NULL, '
      + '`purpose` varchar(16) NOT NULL, `context_id` varbinary(146) NULL, `outcome` varchar(16) NOT NULL, `ip` varchar(45) NULL, '
      + '`request_id` varbinary(258) NULL, `detail` text NULL, PRIMARY KEY (`id`), INDEX `ix_audit_actor` (`actor_id`, `id`)) '
      + OPTIONS + partitions('id'));
    await queryRunner.query('CREATE TABLE `audit_event_subjects` (`event_id` binary(16) NOT NULL, `resident_id` binary(16) NOT NULL, '
      + 'PRIMARY KEY (`event_id`, `resident_id`), INDEX `ix_audit_subject_resident` (`resident_id`, `event_id`)) ' + OPTIONS + partitions('event_id'));
    await queryRunner.query('CREATE TABLE `audit_seals` (`chain_index` bigint NOT NULL, `format` smallint NOT NULL, `first_event_id` binary(16) NOT NULL, '
      + '`last_event_id` binary(16) NOT NULL, `event_count` int NOT NULL, `prev_hash` varchar(64) NOT NULL, `hash` varchar(64) NOT NULL, '
      + '`sealed_at` datetime(3) NOT NULL, PRIMARY KEY (`chain_index`)) ' + OPTIONS);
    await queryRunner.query('CREATE TABLE `audit_archives` (`month` char(7) NOT NULL, `first_chain_index` bigint NOT NULL, '
      + '`last_chain_index` bigint NOT NULL, `hash_before` varchar(64) NOT NULL, `hash_after` varchar(64) NOT NULL, `events` bigint NOT NULL, '
      + '`subjects` bigint NOT NULL, `seals` bigint NOT NULL, `file` varchar(255) NOT NULL, `sha256` char(64) NOT NULL, '
      + '`archived_at` datetime(3) NOT NULL, PRIMARY KEY (`month`)) ' + OPTIONS);

    // A month at a time, so no single statement holds the whole log in its undo.
    const bounds = [null, ...months.slice(1).map((m) => asText(lowestId(m))), null];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const range: string[] = [];
      const params: string[] = [];
      if (bounds[i]) { range.push('id >= ?'); params.push(bounds[i]!); }
      if (bounds[i + 1]) { range.push('id < ?'); params.push(bounds[i + 1]!); }
      const where = range.length ? `WHERE ${range.join(' AND ')}` : '';
      await queryRunner.query(
        'INSERT INTO `audit_events` (id, at, actor_id, actor_name, actor_role, actor_institution_id, county_id, action, resource_type, '
          + 'resource_id, resident_ref, purpose, context_id, outcome, ip, request_id, detail) '
          + `SELECT ${uuid('id')}, at, ${ref('actor_id')}, actor_name, actor_role, ${ref('actor_institution_id')}, ${ref('county_id')}, action, `
          + `resource_type, ${ref('resource_id')}, CASE WHEN resident_id IS NULL OR ${canonical('resident_id')} THEN NULL ELSE resident_id END, `
          + `purpose, ${ref('context_id')}, outcome, ip, ${ref('request_id')}, detail FROM \`audit_events_legacy\` ${where}`,
        params,
      );
      await queryRunner.query(
        `INSERT INTO \`audit_event_subjects\` (event_id, resident_id) SELECT ${uuid('id')}, ${uuid('resident_id')} FROM \`audit_events_legacy\` `
          + `${where ? `${where} AND` : 'WHERE'} resident_id IS NOT NULL AND ${canonical('resident_id')}`,
        params,
      );
    }
    await queryRunner.query(
      'INSERT INTO `audit_seals` (chain_index, format, first_event_id, last_event_id, event_count, prev_hash, hash, sealed_at) '
        + `SELECT chain_index, format, ${uuid('event_id')}, ${uuid('event_id')}, 1, prev_hash, hash, sealed_at FROM \`audit_seals_legacy\``,
    );
    const [counts] = await queryRunner.query('SELECT (SELECT COUNT(*) FROM audit_events) AS events, (SELECT COUNT(*) FROM audit_events_legacy) AS legacy, '
      + '(SELECT COUNT(*) FROM audit_seals) AS seals, (SELECT COUNT(*) FROM audit_seals_legacy) AS legacy_seals');
    if (Number(counts.events) !== Number(counts.legacy) || Number(counts.seals) !== Number(counts.legacy_seals)) {
      throw new Error(`audit conversion incomplete: ${JSON.stringify(counts)}`);
    }
    await queryRunner.query('DROP TABLE `audit_events_legacy`, `audit_seals_legacy`');
  }

  /**
   * Back to one row per resident and one seal per event: possible only while
   * nothing of the compact shape exists (no batch seal, no event naming
   * several residents); otherwise it refuses rather than lose audit history.
   */
  public async down(queryRunner: QueryRunner): Promise<void> {
    const [{ batches }] = await queryRunner.query('SELECT COUNT(*) AS batches FROM audit_seals WHERE format = 3');
    const [{ lists }] = await queryRunner.query(
      'SELECT COUNT(*) AS lists FROM (SELECT event_id FROM audit_event_subjects GROUP BY event_id HAVING COUNT(*) > 1) m',
    );
    if (Number(batches) > 0 || Number(lists) > 0) {
      throw new Error(`cannot revert: ${batches} batch seals and ${lists} events naming several residents have no place in the old tables`);
    }
    await queryRunner.query("CREATE TABLE `audit_events_legacy` (`id` varchar(36) NOT NULL, `at` datetime(3) NOT NULL, `actor_id` varchar(36) NULL, `actor_name` varchar(64) NULL, `actor_role` varchar(32) NULL, `actor_institution_id` varchar(36) NULL, `county_id` varchar(36) NULL, `action` varchar(32) NOT NULL, `resource_type` varchar(32) NOT NULL, `resource_id` varchar(64) NULL, `resident_id` varchar(36) NULL, `purpose` varchar(16) NOT NULL, `context_id` varchar(36) NULL, `outcome` varchar(16) NOT NULL, `ip` varchar(45) NULL, `request_id` varchar(64) NULL, `detail` text NULL, INDEX `ix_audit_county` (`county_id`, `id`), INDEX `ix_audit_actor` (`actor_id`, `id`), INDEX `ix_audit_resident` (`resident_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `audit_seals_legacy` (`chain_index` bigint NOT NULL, `event_id` varchar(36) NOT NULL, `prev_hash` varchar(64) NOT NULL, `hash` varchar(64) NOT NULL, `sealed_at` datetime(3) NOT NULL, `format` smallint NOT NULL DEFAULT '1', UNIQUE INDEX `uq_audit_seal_event` (`event_id`), PRIMARY KEY (`chain_index`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query(
      'INSERT INTO `audit_events_legacy` SELECT ' + `${text('e.id')}, e.at, ${unref('e.actor_id')}, e.actor_name, e.actor_role, ${unref('e.actor_institution_id')}, `
        + `${unref('e.county_id')}, e.action, e.resource_type, ${unref('e.resource_id')}, COALESCE(e.resident_ref, ${text('s.resident_id')}), e.purpose, `
        + `${unref('e.context_id')}, e.outcome, e.ip, ${unref('e.request_id')}, e.detail `
        + 'FROM `audit_events` e LEFT JOIN `audit_event_subjects` s ON s.event_id = e.id',
    );
    await queryRunner.query(`INSERT INTO \`audit_seals_legacy\` SELECT chain_index, ${text('first_event_id')}, prev_hash, hash, sealed_at, format FROM \`audit_seals\``);
    await queryRunner.query('DROP TABLE `audit_archives`, `audit_seals`, `audit_event_subjects`, `audit_events`');
    await queryRunner.query('RENAME TABLE `audit_events_legacy` TO `audit_events`, `audit_seals_legacy` TO `audit_seals`');
  }
}
