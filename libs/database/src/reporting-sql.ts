import { Injectable } from '@nestjs/common';
import { Clock } from '@countycare/common';
import { startOfDayIn } from '@countycare/domain';
import { ReplicaReads } from './replica-reads/replica-reads';
import { TransactionRunner } from './transaction-runner';

/** A row of an aggregate query: counts and sums come back as numbers or numeric strings, depending on the driver. */
export type SqlRow = Record<string, string | number | null>;

/**
 * The few SQL pieces that differ between MySQL/MariaDB and SQLite, for the
 * aggregate (indicator) queries, and their read path: a read replica fit for
 * the reader `ReplicaReads.as` names around the call (architecture.md
 * "Outgrowing one machine").
 */
@Injectable()
export class ReportingSql {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly replicas: ReplicaReads,
  ) {}

  read<T = SqlRow>(sql: string, params: unknown[]): Promise<T[]> {
    return this.replicas.read(this.replicas.currentReader(), (on) => on.manager.query(sql, params));
  }

  /** An instant as stored UTC datetime text, which both databases compare as a datetime. */
  instant(at: Date): string {
    return at.toISOString().replace('T', ' ').slice(0, 23);
  }

  /** The start of a county-zone calendar day, as stored UTC datetime text. */
  dayStart(day: string): string {
    return this.instant(startOfDayIn(day, this.clock.timeZone));
  }

  /**
   * The county-zone calendar day of a stored UTC instant column. The zone's
   * offset is taken once, now: exact for zones without daylight saving, such
   * as the default Asia/Shanghai.
   */
  localDay(column: string): string {
    const today = this.clock.today();
    const minutes = Math.round((Date.parse(`${today}T00:00:00Z`) - startOfDayIn(today, this.clock.timeZone).getTime()) / 60_000);
    return this.tx.isSqlite
      ? `date(${column}, '${minutes >= 0 ? '+' : ''}${minutes} minutes')`
      : `DATE(DATE_ADD(${column}, INTERVAL ${minutes} MINUTE))`;
  }

  /** Whole days from one calendar-date expression to another. */
  daysBetween(from: string, to: string): string {
    return this.tx.isSqlite ? `CAST(julianday(${to}) - julianday(${from}) AS INTEGER)` : `DATEDIFF(${to}, ${from})`;
  }

  /** A calendar-date parameter typed as a date, so a CASE mixing it with date columns stays a date on MySQL. */
  dateParam(): string {
    return this.tx.isSqlite ? '?' : 'CAST(? AS DATE)';
  }

  /** Integer division of non-negative integers (floor). */
  intDiv(dividend: string, divisor: string): string {
    return this.tx.isSqlite ? `((${dividend}) / (${divisor}))` : `((${dividend}) DIV (${divisor}))`;
  }
}
