import { auditMonthEnd, AuditMonth } from '@countycare/domain';
import { AuditEvent } from './audit-event';
import { lowestIdAt, packRef, readInstant, sqlInstant, unpackRef, uuidBytes, uuidText } from './audit-codec';

/**
 * The audit tables (domain.md §7.5 "Storage"). They are not TypeORM
 * entities: their ids are binary on both databases (TypeORM's SQLite driver
 * has no fixed binary type and MySQL's BLOB can be neither a key nor a
 * partition column), every statement on them is fixed SQL, and on
 * MySQL/MariaDB they are partitioned by month, which TypeORM does not model.
 * MySQL gets them from the migrations (1796128366443-AuditEventsCompactPartitioned
 * holds the DDL); SQLite from `SQLITE_AUDIT_DDL` at start.
 *
 * - audit_events: one row per event (a list read is one event);
 * - audit_event_subjects: one row per resident an event names, keyed by
 *   event (rows of one event side by side, appended in id order) with an
 *   index by resident for "who read my record";
 * - audit_seals: the hash chain, one row per sealed batch (format 3; the
 *   per-event seals of formats 1 and 2 are rows whose batch is one event);
 * - audit_archives: the months exported to archive files and dropped.
 */
export type ColumnKind = 'id' | 'ref' | 'text' | 'instant' | 'json';

export interface EventColumn {
  column: string;
  field: Exclude<keyof AuditEvent, 'residentIds'>;
  kind: ColumnKind;
}

/** Every column of audit_events, in the order of the INSERT; the chain covers each (tests/e2e/audit-chain.e2e-spec.ts edits them in turn). */
export const EVENT_COLUMNS: readonly EventColumn[] = [
  { column: 'id', field: 'id', kind: 'id' },
  { column: 'at', field: 'at', kind: 'instant' },
  { column: 'actor_id', field: 'actorId', kind: 'ref' },
  { column: 'actor_name', field: 'actorName', kind: 'text' },
  { column: 'actor_role', field: 'actorRole', kind: 'text' },
  { column: 'actor_institution_id', field: 'actorInstitutionId', kind: 'ref' },
  { column: 'county_id', field: 'countyId', kind: 'ref' },
  { column: 'action', field: 'action', kind: 'text' },
  { column: 'resource_type', field: 'resourceType', kind: 'text' },
  { column: 'resource_id', field: 'resourceId', kind: 'ref' },
  { column: 'resident_ref', field: 'residentRef', kind: 'text' },
  { column: 'purpose', field: 'purpose', kind: 'text' },
  { column: 'context_id', field: 'contextId', kind: 'ref' },
  { column: 'outcome', field: 'outcome', kind: 'text' },
  { column: 'ip', field: 'ip', kind: 'text' },
  { column: 'request_id', field: 'requestId', kind: 'ref' },
  { column: 'detail', field: 'detail', kind: 'json' },
];

export const EVENT_COLUMN_LIST = EVENT_COLUMNS.map((c) => c.column).join(', ');
/** `e.id, e.at, …` for joins. */
export const EVENT_COLUMNS_OF_E = EVENT_COLUMNS.map((c) => `e.${c.column}`).join(', ');

/** A stored value as a statement parameter. */
export function encodeValue(kind: ColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'id': return uuidBytes(value as string);
    case 'ref': return packRef(value as string);
    case 'instant': return sqlInstant(value as Date);
    case 'json': return JSON.stringify(value);
    default: return value;
  }
}

function decodeValue(kind: ColumnKind, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (kind) {
    case 'id': return uuidText(raw as Buffer);
    case 'ref': return unpackRef(raw as Buffer);
    case 'instant': return readInstant(raw);
    case 'json': return typeof raw === 'string' ? JSON.parse(raw) : raw;
    default: return String(raw);
  }
}

/** The parameters of one event row, in EVENT_COLUMNS order. */
export function eventRow(event: AuditEvent): unknown[] {
  return EVENT_COLUMNS.map((c) => encodeValue(c.kind, event[c.field]));
}

/** A row of audit_events (selected with EVENT_COLUMN_LIST) and its residents, as the API and the chain see it. */
export function decodeEvent(row: Record<string, unknown>, residentIds: string[]): AuditEvent {
  const event = { residentIds } as unknown as Record<string, unknown>;
  for (const c of EVENT_COLUMNS) event[c.field] = decodeValue(c.kind, row[c.column]);
  return event as unknown as AuditEvent;
}

/**
 * The same tables on the embedded SQLite file, created at start when
 * missing. No partitions there: archiving a month deletes its rows in
 * batches (domain.md §7.5 "Retention").
 */
export const SQLITE_AUDIT_DDL: readonly string[] = [
  'CREATE TABLE IF NOT EXISTS audit_events (id BLOB NOT NULL PRIMARY KEY, at TEXT NOT NULL, actor_id BLOB, actor_name TEXT, '
    + 'actor_role TEXT, actor_institution_id BLOB, county_id BLOB, action TEXT NOT NULL, resource_type TEXT NOT NULL, resource_id BLOB, '
    + 'resident_ref TEXT, purpose TEXT NOT NULL, context_id BLOB, outcome TEXT NOT NULL, ip TEXT, request_id BLOB, detail TEXT) WITHOUT ROWID',
  'CREATE INDEX IF NOT EXISTS ix_audit_actor ON audit_events (actor_id, id)',
  'CREATE TABLE IF NOT EXISTS audit_event_subjects (event_id BLOB NOT NULL, resident_id BLOB NOT NULL, '
    + 'PRIMARY KEY (event_id, resident_id)) WITHOUT ROWID',
  'CREATE INDEX IF NOT EXISTS ix_audit_subject_resident ON audit_event_subjects (resident_id, event_id)',
  'CREATE TABLE IF NOT EXISTS audit_seals (chain_index INTEGER NOT NULL PRIMARY KEY, format INTEGER NOT NULL, '
    + 'first_event_id BLOB NOT NULL, last_event_id BLOB NOT NULL, event_count INTEGER NOT NULL, prev_hash TEXT NOT NULL, '
    + 'hash TEXT NOT NULL, sealed_at TEXT NOT NULL)',
  'CREATE TABLE IF NOT EXISTS audit_archives (month TEXT NOT NULL PRIMARY KEY, first_chain_index INTEGER NOT NULL, '
    + 'last_chain_index INTEGER NOT NULL, hash_before TEXT NOT NULL, hash_after TEXT NOT NULL, events INTEGER NOT NULL, '
    + 'subjects INTEGER NOT NULL, seals INTEGER NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL, archived_at TEXT NOT NULL)',
];

/** Partition of a month: `p202612` holds the ids of December 2026 (UTC), and everything older when it is the first. */
export function partitionName(month: AuditMonth): string {
  return `p${month.replace('-', '')}`;
}

/** `PARTITION p202612 VALUES LESS THAN (X'…')`: the bound is the smallest UUIDv7 of the month after. */
export function partitionClause(month: AuditMonth): string {
  return `PARTITION ${partitionName(month)} VALUES LESS THAN (X'${lowestIdAt(auditMonthEnd(month)).toString('hex')}')`;
}

const MYSQL_TABLE_OPTIONS = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/**
 * The tables on MySQL/MariaDB, `partitions` being the monthly clauses
 * (`partitionClause`) before the catch-all `pmax`. The migration that
 * introduced them holds a frozen copy; tests/e2e/audit-storage.e2e-spec.ts
 * checks that the migrations build exactly this.
 */
export function mysqlAuditDdl(partitions: string[]): string[] {
  const partitioned = (column: string) =>
    ` PARTITION BY RANGE COLUMNS(\`${column}\`) (${[...partitions, 'PARTITION pmax VALUES LESS THAN (MAXVALUE)'].join(', ')})`;
  return [
    'CREATE TABLE `audit_events` (`id` binary(16) NOT NULL, `at` datetime(3) NOT NULL, `actor_id` varbinary(146) NULL, '
      + '`actor_name` varchar(64) NULL, `actor_role` varchar(32) NULL, `actor_institution_id` varbinary(146) NULL, `county_id` varbinary(146) NULL, '
      + '`action` varchar(32) NOT NULL, `resource_type` varchar(32) NOT NULL, `resource_id` varbinary(258) NULL, `resident_ref` varchar(36) NULL, '
      + '`purpose` varchar(16) NOT NULL, `context_id` varbinary(146) NULL, `outcome` varchar(16) NOT NULL, `ip` varchar(45) NULL, '
      + '`request_id` varbinary(258) NULL, `detail` text NULL, PRIMARY KEY (`id`), INDEX `ix_audit_actor` (`actor_id`, `id`)) '
      + MYSQL_TABLE_OPTIONS + partitioned('id'),
    'CREATE TABLE `audit_event_subjects` (`event_id` binary(16) NOT NULL, `resident_id` binary(16) NOT NULL, '
      + 'PRIMARY KEY (`event_id`, `resident_id`), INDEX `ix_audit_subject_resident` (`resident_id`, `event_id`)) '
      + MYSQL_TABLE_OPTIONS + partitioned('event_id'),
    'CREATE TABLE `audit_seals` (`chain_index` bigint NOT NULL, `format` smallint NOT NULL, `first_event_id` binary(16) NOT NULL, '
      + '`last_event_id` binary(16) NOT NULL, `event_count` int NOT NULL, `prev_hash` varchar(64) NOT NULL, `hash` varchar(64) NOT NULL, '
      + '`sealed_at` datetime(3) NOT NULL, PRIMARY KEY (`chain_index`)) ' + MYSQL_TABLE_OPTIONS,
    'CREATE TABLE `audit_archives` (`month` char(7) NOT NULL, `first_chain_index` bigint NOT NULL, `last_chain_index` bigint NOT NULL, '
      + '`hash_before` varchar(64) NOT NULL, `hash_after` varchar(64) NOT NULL, `events` bigint NOT NULL, `subjects` bigint NOT NULL, '
      + '`seals` bigint NOT NULL, `file` varchar(255) NOT NULL, `sha256` char(64) NOT NULL, `archived_at` datetime(3) NOT NULL, '
      + 'PRIMARY KEY (`month`)) ' + MYSQL_TABLE_OPTIONS,
  ];
}

/** Partitioned by month on MySQL/MariaDB (`AuditPartitions`); both tables' partitions share the bounds. */
export const PARTITIONED_AUDIT_TABLES = ['audit_events', 'audit_event_subjects'] as const;
/** Every audit table, for storage figures. */
export const AUDIT_TABLES = ['audit_events', 'audit_event_subjects', 'audit_seals', 'audit_archives'] as const;
