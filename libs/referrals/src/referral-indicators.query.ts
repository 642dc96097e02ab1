import { Injectable } from '@nestjs/common';
import { Clock } from '@countycare/common';
import { ReportingSql, SqlRow } from '@countycare/database';
import { addDays, IndicatorPeriod, IndicatorScope, REFERRAL_DIRECTIONS, ReferralDirection, ReferralFlowCounts, ReferralIndicatorCounts } from '@countycare/domain';


const num = (v: string | number | null | undefined) => Number(v ?? 0);

/**
 * The counts behind the referral indicators (domain.md §5.6): one read-only
 * aggregate statement per event date (submitted, arrived, completed,
 * appointment), each served by its own county-leading index and routed to a
 * read replica when one is configured. The formulas are in @countycare/domain.
 */
@Injectable()
export class ReferralIndicatorsQuery {
  constructor(
    private readonly sql: ReportingSql,
    private readonly clock: Clock,
  ) {}

  async counts(scope: IndicatorScope, period: IndicatorPeriod): Promise<ReferralIndicatorCounts> {
    const range = [this.sql.dayStart(period.from), this.sql.dayStart(addDays(period.referenceDate, 1))];
    const [submitted, arrived, completed, appointments] = await Promise.all([
      this.submitted(scope, range),
      this.arrived(scope, range),
      this.completed(scope, range),
      this.appointments(scope, range),
    ]);
    const byDirection = Object.fromEntries(REFERRAL_DIRECTIONS.map((d): [ReferralDirection, ReferralFlowCounts] => {
      const s = submitted.find((r) => r.direction === d);
      const c = completed.find((r) => r.direction === d);
      return [d, {
        submitted: num(s?.submitted), answeredInTime: num(s?.answered_in_time), undecided: num(s?.undecided),
        arrived: num(arrived.find((r) => r.direction === d)?.arrived), completed: num(c?.completed),
      }];
    })) as Record<ReferralDirection, ReferralFlowCounts>;
    const admitted = completed.reduce((sum, r) => sum + num(r.admitted), 0);
    return {
      byDirection,
      appointments,
      deductible: {
        admitted,
        standardFen: completed.reduce((sum, r) => sum + num(r.standard_fen), 0),
        dueFen: completed.reduce((sum, r) => sum + num(r.due_fen), 0),
      },
    };
  }

  /**
   * Submitted in the period (latest submission): answered (accepted,
   * rejected or returned) by the reply deadline; or not yet late, because
   * the deadline is still ahead or the referral was called off unanswered
   * before it.
   */
  private submitted(scope: IndicatorScope, range: string[]): Promise<SqlRow[]> {
    const where = this.scope(scope);
    return this.sql.read(
      `SELECT r.direction AS direction, COUNT(*) AS submitted,
          SUM(CASE WHEN r.replied_at IS NOT NULL AND r.replied_at <= r.reply_due_at THEN 1 ELSE 0 END) AS answered_in_time,
          SUM(CASE WHEN r.replied_at IS NULL AND (r.reply_due_at > ? OR (r.status = 'cancelled' AND r.cancelled_at <= r.reply_due_at))
            THEN 1 ELSE 0 END) AS undecided
        FROM referrals r
        WHERE ${where.sql} AND r.submitted_at >= ? AND r.submitted_at < ?
        GROUP BY r.direction`,
      [this.sql.instant(this.clock.now()), ...where.params, ...range],
    );
  }

  /** Arrived (到诊) in the period; a completed referral arrived first. */
  private arrived(scope: IndicatorScope, range: string[]): Promise<SqlRow[]> {
    const where = this.scope(scope);
    return this.sql.read(
      `SELECT r.direction AS direction, COUNT(*) AS arrived FROM referrals r
        WHERE ${where.sql} AND r.arrived_at >= ? AND r.arrived_at < ?
        GROUP BY r.direction`,
      [...where.params, ...range],
    );
  }

  /** Completed in the period, with the continuous-deductible estimates stored for admissions (§5.5). */
  private completed(scope: IndicatorScope, range: string[]): Promise<SqlRow[]> {
    const where = this.scope(scope);
    const estimated = 'r.admitted = 1 AND r.deductible_basis IS NOT NULL';
    return this.sql.read(
      `SELECT r.direction AS direction, COUNT(*) AS completed,
          SUM(CASE WHEN ${estimated} THEN 1 ELSE 0 END) AS admitted,
          SUM(CASE WHEN ${estimated} THEN COALESCE(r.standard_deductible_fen, 0) ELSE 0 END) AS standard_fen,
          SUM(CASE WHEN ${estimated} THEN COALESCE(r.deductible_due_fen, 0) ELSE 0 END) AS due_fen
        FROM referrals r
        WHERE ${where.sql} AND r.status = 'completed' AND r.completed_at >= ? AND r.completed_at < ?
        GROUP BY r.direction`,
      [...where.params, ...range],
    );
  }

  /** Appointments in the period whose outcome is known: the patient came, or the no-show rule expired the referral. */
  private async appointments(scope: IndicatorScope, range: string[]): Promise<ReferralIndicatorCounts['appointments']> {
    const where = this.scope(scope);
    const [row] = await this.sql.read(
      `SELECT COUNT(*) AS decided, SUM(CASE WHEN r.arrived_at IS NOT NULL THEN 1 ELSE 0 END) AS arrived
        FROM referrals r
        WHERE ${where.sql} AND r.appointment_at >= ? AND r.appointment_at < ? AND r.status IN ('arrived', 'completed', 'expired')`,
      [...where.params, ...range],
    );
    return { decided: num(row.decided), arrived: num(row.arrived) };
  }

  /** The narrowest bound of the scope: the team's residents, else referrals from or to the institution, else the county. */
  private scope(scope: IndicatorScope): { sql: string; params: string[] } {
    if (scope.teamId) return { sql: 'r.county_id = ? AND r.team_id = ?', params: [scope.countyId, scope.teamId] };
    if (scope.institutionId) {
      return {
        sql: 'r.county_id = ? AND (r.from_institution_id = ? OR r.to_institution_id = ?)',
        params: [scope.countyId, scope.institutionId, scope.institutionId],
      };
    }
    return { sql: 'r.county_id = ?', params: [scope.countyId] };
  }



}
