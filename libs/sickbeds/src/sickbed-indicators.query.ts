import { Injectable } from '@nestjs/common';
import { Clock } from '@countycare/common';
import { ReportingSql } from '@countycare/database';
import { addDays, BedType, ClosureOutcome, IndicatorPeriod, IndicatorScope, SickbedIndicatorCounts } from '@countycare/domain';

/** Episodes that were opened (建床); applications never opened do not count. */
const OPENED = "s.opened_at IS NOT NULL AND s.status IN ('active', 'closing', 'closed')";


const num = (v: string | number | null | undefined) => Number(v ?? 0);

/**
 * The counts behind the household-sickbed indicators (domain.md §4.4): a few
 * read-only aggregate statements leading with county_id, routed to a read
 * replica when one is configured. The formulas and the round-compliance rule
 * are in @countycare/domain (sickbed-indicators).
 */
@Injectable()
export class SickbedIndicatorsQuery {
  constructor(
    private readonly sql: ReportingSql,
    private readonly clock: Clock,
  ) {}

  async counts(scope: IndicatorScope, period: IndicatorPeriod): Promise<SickbedIndicatorCounts> {
    const [opened, openOnReferenceDate, closed, rounds, overdueToday] = await Promise.all([
      this.opened(scope, period),
      this.openOn(scope, period.referenceDate),
      this.closed(scope, period),
      this.rounds(scope, period),
      this.overdue(scope),
    ]);
    return { opened, openOnReferenceDate, closed, rounds, overdueToday };
  }

  /** Opened (openedAt) in the period, per institution and bed type. */
  private async opened(scope: IndicatorScope, period: IndicatorPeriod): Promise<SickbedIndicatorCounts['opened']> {
    const where = this.scope(scope);
    const rows = await this.sql.read(
      `SELECT s.institution_id AS institution_id, s.bed_type AS bed_type, COUNT(*) AS beds
        FROM sickbeds s
        WHERE ${where.sql} AND ${OPENED} AND s.opened_at >= ? AND s.opened_at < ?
        GROUP BY s.institution_id, s.bed_type
        ORDER BY s.institution_id, s.bed_type`,
      [...where.params, this.sql.dayStart(period.from), this.sql.dayStart(addDays(period.referenceDate, 1))],
    );
    return rows.map((r) => ({ institutionId: String(r.institution_id), bedType: r.bed_type as BedType | null, beds: num(r.beds) }));
  }

  /** Open on a day: started by then and not closed before it (the closure day is still a bed day). */
  private async openOn(scope: IndicatorScope, day: string): Promise<number> {
    const where = this.scope(scope);
    const [row] = await this.sql.read(
      `SELECT COUNT(*) AS beds FROM sickbeds s
        WHERE ${where.sql} AND ${OPENED} AND s.start_date <= ? AND (s.closure_date IS NULL OR s.closure_date >= ?)`,
      [...where.params, day, day],
    );
    return num(row.beds);
  }

  /** Finalized closures (撤床) dated in the period, per outcome, with their bed days. */
  private async closed(scope: IndicatorScope, period: IndicatorPeriod): Promise<SickbedIndicatorCounts['closed']> {
    const where = this.scope(scope);
    const rows = await this.sql.read(
      `SELECT s.closure_outcome AS outcome, COUNT(*) AS beds, COALESCE(SUM(s.bed_days), 0) AS bed_days
        FROM sickbeds s
        WHERE ${where.sql} AND s.status = 'closed' AND s.closure_date >= ? AND s.closure_date <= ?
        GROUP BY s.closure_outcome
        ORDER BY s.closure_outcome`,
      [...where.params, period.from, period.referenceDate],
    );
    return rows.map((r) => ({ outcome: r.outcome as ClosureOutcome | null, beds: num(r.beds), bedDays: num(r.bed_days) }));
  }

  /**
   * Round compliance as domain `observationWindow`, `roundsDue` and
   * `roundOnTime` define it, in one statement: the beds open during the
   * period with their observation window; each round's county-zone day and
   * the day of the previous round of its kind (window function); per bed,
   * rounds due and rounds on time, capped at due; summed per kind.
   */
  private async rounds(scope: IndicatorScope, period: IndicatorPeriod): Promise<SickbedIndicatorCounts['rounds']> {
    const where = this.scope(scope);
    const day = this.sql.localDay('r.visited_at');
    const interval = "CASE WHEN v.kind = 'doctor' THEN b.doctor_interval ELSE b.nurse_interval END";
    const onTime = (kind: string) => `SUM(CASE WHEN v.kind = '${kind}' AND v.day >= b.w_from AND v.day <= b.w_to
        AND ${this.sql.daysBetween('COALESCE(v.prev_day, b.start_date)', 'v.day')} <= ${interval} THEN 1 ELSE 0 END)`;
    const openDays = `${this.sql.daysBetween('b.w_from', 'b.w_to')} + 1`;
    const [row] = await this.sql.read(
      `WITH beds AS (
          SELECT s.id, s.start_date, s.doctor_interval_days AS doctor_interval, s.nurse_interval_days AS nurse_interval,
            CASE WHEN s.start_date > ? THEN s.start_date ELSE ${this.sql.dateParam()} END AS w_from,
            CASE WHEN s.closure_date IS NOT NULL AND s.closure_date < ? THEN s.closure_date ELSE ${this.sql.dateParam()} END AS w_to
          FROM sickbeds s
          WHERE ${where.sql} AND ${OPENED} AND s.start_date <= ? AND (s.closure_date IS NULL OR s.closure_date >= ?)
        ),
        visits AS (
          SELECT r.episode_id, r.kind, ${day} AS day,
            LAG(${day}) OVER (PARTITION BY r.episode_id, r.kind ORDER BY r.visited_at, r.id) AS prev_day
          FROM sickbed_rounds r
          WHERE r.county_id = ? AND r.episode_id IN (SELECT id FROM beds)
        ),
        per_bed AS (
          SELECT b.id,
            ${this.sql.intDiv(openDays, 'b.doctor_interval')} AS doctor_due,
            ${this.sql.intDiv(openDays, 'b.nurse_interval')} AS nurse_due,
            COALESCE(${onTime('doctor')}, 0) AS doctor_on_time,
            COALESCE(${onTime('nurse')}, 0) AS nurse_on_time
          FROM beds b
          LEFT JOIN visits v ON v.episode_id = b.id
          WHERE b.w_from <= b.w_to
          GROUP BY b.id, b.start_date, b.w_from, b.w_to, b.doctor_interval, b.nurse_interval
        )
        SELECT COALESCE(SUM(doctor_due), 0) AS doctor_due,
          COALESCE(SUM(CASE WHEN doctor_on_time < doctor_due THEN doctor_on_time ELSE doctor_due END), 0) AS doctor_on_time,
          COALESCE(SUM(nurse_due), 0) AS nurse_due,
          COALESCE(SUM(CASE WHEN nurse_on_time < nurse_due THEN nurse_on_time ELSE nurse_due END), 0) AS nurse_on_time
        FROM per_bed`,
      [
        period.from, period.from, period.referenceDate, period.referenceDate,
        ...where.params, period.referenceDate, period.from, scope.countyId,
      ],
    );
    return {
      doctor: { due: num(row.doctor_due), onTime: num(row.doctor_on_time) },
      nurse: { due: num(row.nurse_due), onTime: num(row.nurse_on_time) },
    };
  }

  /** Active today past the planned end of the cycle (§4.2: flagged, never closed silently). */
  private async overdue(scope: IndicatorScope): Promise<number> {
    const where = this.scope(scope);
    const [row] = await this.sql.read(
      `SELECT COUNT(*) AS beds FROM sickbeds s WHERE ${where.sql} AND s.status = 'active' AND s.planned_end_date < ?`,
      [...where.params, this.clock.today()],
    );
    return num(row.beds);
  }

  /** The narrowest bound of the scope: team, else institution, else county. */
  private scope(scope: IndicatorScope): { sql: string; params: string[] } {
    if (scope.teamId) return { sql: 's.county_id = ? AND s.team_id = ?', params: [scope.countyId, scope.teamId] };
    if (scope.institutionId) return { sql: 's.county_id = ? AND s.institution_id = ?', params: [scope.countyId, scope.institutionId] };
    return { sql: 's.county_id = ?', params: [scope.countyId] };
  }






}
