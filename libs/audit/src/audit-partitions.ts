import { Injectable } from '@nestjs/common';
import { addAuditMonths, auditMonthEnd, auditMonthOf, AuditMonth } from '@countycare/domain';
import { lowestIdAt, uuidV7Ms } from './audit-codec';
import { AuditDb } from './audit-db';
import { PARTITIONED_AUDIT_TABLES, partitionClause, partitionName } from './audit-tables';

export interface AuditPartition {
  name: string;
  /** Exclusive upper bound (the smallest id of the next month), null for the catch-all `pmax`. */
  bound: Buffer | null;
}

/**
 * Monthly RANGE COLUMNS partitions of audit_events and audit_event_subjects
 * on MySQL/MariaDB (domain.md §7.5 "Retention"), on the UUIDv7 id whose
 * first 48 bits are the millisecond (every unique key of both tables holds
 * it, as MySQL requires). The worker keeps the next months' partitions
 * created ahead, so `pmax` stays empty and adding one is instant; dropping
 * an archived month is one DROP PARTITION (which needs ALTER and DROP on the
 * table, never DELETE). SQLite has no partitions: nothing to do there.
 */
@Injectable()
export class AuditPartitions {
  constructor(private readonly db: AuditDb) {}

  async partitions(table: string): Promise<AuditPartition[]> {
    if (this.db.isSqlite) return [];
    const rows = await this.db.rows(
      'SELECT PARTITION_NAME AS name, PARTITION_DESCRIPTION AS bound FROM information_schema.PARTITIONS '
        + 'WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND PARTITION_NAME IS NOT NULL ORDER BY PARTITION_ORDINAL_POSITION',
      [table],
    );
    return rows.map((r) => {
      const hex = /0x([0-9a-f]{32})/i.exec(String(r.bound));
      return { name: String(r.name), bound: hex ? Buffer.from(hex[1], 'hex') : null };
    });
  }

  /** Creates the monthly partitions up to `monthsAhead` months after `now`'s month; returns the partitions it added. */
  async ensureAhead(now: Date, monthsAhead = 3): Promise<string[]> {
    const added: string[] = [];
    const through = addAuditMonths(auditMonthOf(now.getTime()), monthsAhead);
    for (const table of PARTITIONED_AUDIT_TABLES) {
      const parts = await this.partitions(table);
      const bounded = parts.filter((p) => p.bound);
      if (bounded.length === 0 || !parts.some((p) => p.name === 'pmax')) continue;
      let month = auditMonthOf(uuidV7Ms(bounded[bounded.length - 1].bound!));
      const clauses: string[] = [];
      while (month <= through) {
        clauses.push(partitionClause(month));
        added.push(`${table}.${partitionName(month)}`);
        month = addAuditMonths(month, 1);
      }
      if (clauses.length === 0) continue;
      await this.db.rows(`ALTER TABLE ${table} REORGANIZE PARTITION pmax INTO (${clauses.join(', ')}, PARTITION pmax VALUES LESS THAN (MAXVALUE))`);
    }
    return added;
  }

  /**
   * Drops the partitions holding the ids before the end of `month` (an
   * archived month and anything older), subject rows first. A partition
   * reaching past the month's end (one not created monthly) is split there
   * first, so exactly the archived rows leave.
   */
  async dropThrough(month: AuditMonth): Promise<string[]> {
    const end = lowestIdAt(auditMonthEnd(month));
    const dropped: string[] = [];
    for (const table of ['audit_event_subjects', 'audit_events']) {
      let parts = await this.partitions(table);
      if (parts.length === 0) continue;
      if (!parts.some((p) => p.bound && p.bound.equals(end))) {
        const straddling = parts.find((p) => !p.bound || Buffer.compare(p.bound, end) > 0)!;
        const rest = straddling.bound ? `X'${straddling.bound.toString('hex')}'` : 'MAXVALUE';
        await this.db.rows(`ALTER TABLE ${table} REORGANIZE PARTITION ${straddling.name} INTO (${partitionClause(month)}, `
          + `PARTITION ${straddling.name} VALUES LESS THAN (${rest}))`);
        parts = await this.partitions(table);
      }
      const below = parts.filter((p) => p.bound && Buffer.compare(p.bound, end) <= 0);
      await this.db.rows(`ALTER TABLE ${table} DROP PARTITION ${below.map((p) => p.name).join(', ')}`);
      dropped.push(...below.map((p) => `${table}.${p.name}`));
    }
    return dropped;
  }
}
