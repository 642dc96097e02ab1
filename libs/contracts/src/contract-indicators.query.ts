import { Injectable } from '@nestjs/common';
import { ReportingSql } from '@countycare/database';
import { addDays, ageTagBirthBounds, ContractIndicatorCounts, IndicatorPeriod, IndicatorScope, KEY_POPULATION_TAGS, KeyPopulationTag, RENEWAL_EXCLUDED_REASONS } from '@countycare/domain';

/** States a contract has once it started; only these count as having been in force. */
const STARTED = "('active', 'terminating', 'expired', 'terminated')";
/** In force on the day bound three times (domain inForceOn): a contract terminated on T is no longer in force on T. */
const IN_FORCE_ON = 'c.start_date <= ? AND c.end_date >= ? AND (c.terminated_on IS NULL OR c.terminated_on > ?)';
/** The last day services of a contract count: its end date, or the day its termination took effect (serviceEndDate). */
const LAST_DAY = 'CASE WHEN c.terminated_on IS NOT NULL AND c.terminated_on < c.end_date THEN c.terminated_on ELSE c.end_date END';


const num = (v: string | number | null | undefined) => Number(v ?? 0);

/**
 * The counts behind the family-doctor indicators (domain.md §3.6): a few
 * read-only aggregate statements, never rows, routed to a read replica when
 * one is configured (design.md "Outgrowing one machine"). Every statement
 * leads with county_id. The formulas are in @countycare/domain.
 */
@Injectable()
export class ContractIndicatorsQuery {
  constructor(
    private readonly sql: ReportingSql,
  ) {}

  async counts(scope: IndicatorScope, period: IndicatorPeriod, renewalGraceDays: number): Promise<ContractIndicatorCounts> {
    const [population, plan, ended, services] = await Promise.all([
      this.population(scope, period.referenceDate),
      this.plan(scope, period),
      this.ended(scope, period, renewalGraceDays),
      this.services(scope, period),
    ]);
    return { ...population, plan, ended, renewalGraceDays, services };
  }

  /**
   * 签约率 and 重点人群签约率 in one pass over the county's registry: each
   * active resident once, with or without a contract in force on the
   * reference date. Below county level only the contracted residents are
   * counted: residents are registered to a county, not to a team.
   */
  private async population(scope: IndicatorScope, day: string): Promise<Pick<ContractIndicatorCounts, 'registry' | 'contracted'>> {
    const bounds = ageTagBirthBounds(day);
    const tagTests: Array<{ tag: KeyPopulationTag; sql: string; params: string[] }> = KEY_POPULATION_TAGS.map((tag) => {
      if (tag === 'elderly_65') return { tag, sql: 'r.birth_date <= ?', params: [bounds.elderly_65] };
      if (tag === 'child_0_6') return { tag, sql: 'r.birth_date > ?', params: [bounds.child_0_6] };
      // simple-json stores the recorded tags as a JSON array of codes
      return { tag, sql: 'r.tags LIKE ?', params: [`%"${tag}"%`] };
    });
    const anyKey = { sql: `(${tagTests.map((t) => t.sql).join(' OR ')})`, params: tagTests.flatMap((t) => t.params) };
    const columns = [
      { sql: 'COUNT(*) AS residents', params: [] as string[] },
      { sql: 'SUM(CASE WHEN ac.resident_id IS NOT NULL THEN 1 ELSE 0 END) AS contracted', params: [] },
      { sql: `SUM(CASE WHEN ${anyKey.sql} THEN 1 ELSE 0 END) AS key_residents`, params: anyKey.params },
      { sql: `SUM(CASE WHEN ${anyKey.sql} AND ac.resident_id IS NOT NULL THEN 1 ELSE 0 END) AS key_contracted`, params: anyKey.params },
      ...tagTests.flatMap((t, i) => [
        { sql: `SUM(CASE WHEN ${t.sql} THEN 1 ELSE 0 END) AS tag_${i}`, params: t.params },
        { sql: `SUM(CASE WHEN ${t.sql} AND ac.resident_id IS NOT NULL THEN 1 ELSE 0 END) AS tag_${i}_contracted`, params: t.params },
      ]),
    ];
    const where = this.scope(scope, 'c');
    const countyWide = !scope.institutionId && !scope.teamId;
    const sql = `SELECT ${columns.map((c) => c.sql).join(', ')}
      FROM residents r
      ${countyWide ? 'LEFT' : 'INNER'} JOIN (
        SELECT DISTINCT c.resident_id FROM contracts c
        WHERE ${where.sql} AND c.status IN ${STARTED} AND ${IN_FORCE_ON}
      ) ac ON ac.resident_id = r.id
      WHERE r.county_id = ? AND r.status = 'active'`;
    const [row] = await this.sql.read(sql, [...columns.flatMap((c) => c.params), ...where.params, day, day, day, scope.countyId]);
    const byTag = (suffix: string) =>
      Object.fromEntries(KEY_POPULATION_TAGS.map((tag, i) => [tag, num(row[`tag_${i}${suffix}`])])) as Record<KeyPopulationTag, number>;
    return {
      registry: countyWide ? { residents: num(row.residents), keyPopulation: num(row.key_residents), byTag: byTag('') } : null,
      contracted: { residents: num(row.contracted), keyPopulation: num(row.key_contracted), byTag: byTag('_contracted') },
    };
  }

  /** 履约率 (item level): the plan windows of contracts in force at some time in the period, dropped windows excluded (§3.5). */
  private async plan(scope: IndicatorScope, period: IndicatorPeriod): Promise<ContractIndicatorCounts['plan']> {
    const where = this.scope(scope, 'c');
    const [row] = await this.sql.read(
      `SELECT COALESCE(SUM(f.due_count), 0) AS promised,
          COALESCE(SUM(CASE WHEN f.delivered_count < f.due_count THEN f.delivered_count ELSE f.due_count END), 0) AS counted
        FROM contracts c
        INNER JOIN follow_ups f ON f.contract_id = c.id AND f.kind = 'package_item' AND f.status <> 'dropped'
        WHERE ${where.sql} AND c.status IN ${STARTED} AND c.start_date <= ? AND c.end_date >= ?
          AND (c.terminated_on IS NULL OR c.terminated_on >= ?)`,
      [...where.params, period.referenceDate, period.from, period.from],
    );
    return { promised: num(row.promised), counted: num(row.counted) };
  }

  /**
   * Contracts whose term ended in the period: fully fulfilled (no window
   * left short), and renewed (a successor for the same resident, any team,
   * starting at most the grace days after the last day in force).
   */
  private async ended(scope: IndicatorScope, period: IndicatorPeriod, graceDays: number): Promise<ContractIndicatorCounts['ended']> {
    const where = this.scope(scope, 'c');
    const excluded = RENEWAL_EXCLUDED_REASONS.map(() => '?').join(', ');
    const renewable = `NOT (c.status = 'terminated' AND c.termination_reason IN (${excluded}))`;
    const successor = (sameTeam: boolean) => `EXISTS (
        SELECT 1 FROM contracts s
        WHERE s.county_id = c.county_id AND s.resident_id = c.resident_id AND s.id <> c.id
          AND s.status IN ('scheduled', 'active', 'terminating', 'expired', 'terminated') AND s.start_date > c.start_date
          AND ${this.sql.daysBetween(LAST_DAY, 's.start_date')} <= ?${sameTeam ? ' AND s.team_id = c.team_id' : ''})`;
    const [row] = await this.sql.read(
      `SELECT COUNT(*) AS contracts,
          SUM(CASE WHEN NOT EXISTS (
            SELECT 1 FROM follow_ups f
            WHERE f.contract_id = c.id AND f.kind = 'package_item' AND f.status <> 'dropped' AND f.delivered_count < f.due_count
          ) THEN 1 ELSE 0 END) AS fulfilled,
          SUM(CASE WHEN ${renewable} THEN 1 ELSE 0 END) AS renewable,
          SUM(CASE WHEN ${renewable} AND ${successor(false)} THEN 1 ELSE 0 END) AS renewed,
          SUM(CASE WHEN ${renewable} AND ${successor(true)} THEN 1 ELSE 0 END) AS renewed_same_team
        FROM contracts c
        WHERE ${where.sql} AND c.status IN ${STARTED} AND c.end_date >= ? AND ${LAST_DAY} >= ? AND ${LAST_DAY} <= ?`,
      [
        ...RENEWAL_EXCLUDED_REASONS, ...RENEWAL_EXCLUDED_REASONS, graceDays, ...RENEWAL_EXCLUDED_REASONS, graceDays,
        ...where.params, period.from, period.from, period.referenceDate,
      ],
    );
    return {
      contracts: num(row.contracts), fullyFulfilled: num(row.fulfilled), renewable: num(row.renewable), renewed: num(row.renewed),
      renewedSameTeam: num(row.renewed_same_team),
    };
  }

  /** Valid services delivered in the period, per signing and delivering institution (county-wide sharing at work). */
  private async services(scope: IndicatorScope, period: IndicatorPeriod): Promise<ContractIndicatorCounts['services']> {
    let where = 'r.county_id = ?';
    const params: Array<string | number> = [scope.countyId];
    if (scope.teamId) {
      where += ' AND r.team_id = ?';
      params.push(scope.teamId);
    } else if (scope.institutionId) {
      // both sides of sharing: services for the institution's contracts, and services it delivered for others
      where += ' AND (r.contract_institution_id = ? OR r.delivering_institution_id = ?)';
      params.push(scope.institutionId, scope.institutionId);
    }
    const rows = await this.sql.read(
      `SELECT r.contract_institution_id AS contract_institution_id, r.delivering_institution_id AS delivering_institution_id, COUNT(*) AS services
        FROM service_records r
        WHERE ${where} AND r.status = 'valid' AND r.delivered_at >= ? AND r.delivered_at < ?
        GROUP BY r.contract_institution_id, r.delivering_institution_id
        ORDER BY r.contract_institution_id, r.delivering_institution_id`,
      [...params, this.sql.dayStart(period.from), this.sql.dayStart(addDays(period.referenceDate, 1))],
    );
    return rows.map((r) => ({
      contractInstitutionId: String(r.contract_institution_id), deliveringInstitutionId: String(r.delivering_institution_id), services: num(r.services),
    }));
  }

  /** The narrowest bound of the scope on the contracts table: team, else institution, else county. */
  private scope(scope: IndicatorScope, alias: string): { sql: string; params: string[] } {
    if (scope.teamId) return { sql: `${alias}.county_id = ? AND ${alias}.team_id = ?`, params: [scope.countyId, scope.teamId] };
    if (scope.institutionId) return { sql: `${alias}.county_id = ? AND ${alias}.institution_id = ?`, params: [scope.countyId, scope.institutionId] };
    return { sql: `${alias}.county_id = ?`, params: [scope.countyId] };
  }



}
