/**
 * The audit log is kept, partitioned and archived by calendar month in UTC
 * (domain.md §7.5): an event's month is that of its id's timestamp (UUIDv7),
 * the same for every county, so one partition holds a month of the whole
 * installation. In China a month starts at 08:00 on the 1st.
 */
export type AuditMonth = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' of an instant (ms since the epoch). */
export function auditMonthOf(ms: number): AuditMonth {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function isAuditMonth(value: string): boolean {
  return MONTH.test(value);
}

/** First millisecond of a month. */
export function auditMonthStart(month: AuditMonth): number {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
}

/** The month `n` months after (or before, when negative) `month`. */
export function addAuditMonths(month: AuditMonth, n: number): AuditMonth {
  const start = new Date(auditMonthStart(month));
  return auditMonthOf(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n, 1));
}

/** First millisecond after a month. */
export function auditMonthEnd(month: AuditMonth): number {
  return auditMonthStart(addAuditMonths(month, 1));
}

/**
 * The newest month that may leave the database: retention is a minimum keep
 * time, so every event of it must be at least `retentionMonths` whole months
 * old. With 6 months, on any day of December May may go, June may not.
 */
export function lastArchivableMonth(now: Date, retentionMonths: number): AuditMonth {
  return addAuditMonths(auditMonthOf(now.getTime()), -retentionMonths - 1);
}
