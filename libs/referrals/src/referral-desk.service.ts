import { Injectable } from '@nestjs/common';
import { Policy } from '@countycare/auth';
import { Actor, keysetSql, Page, ProblemException, SqlSortKey, sqlPage } from '@countycare/common';
import { ReplicaReads, Sql } from '@countycare/database';
import { urgencyRank } from '@countycare/domain';
import { Resident } from '@countycare/residents';
import { DeskQueueQueryDto } from './dto/referrals.dto';
import { ReferralView } from './http/referral.view';
import { Referral } from './referral.entity';
import { ReferralsService } from './referrals.service';

/** The queue's order: ix_referrals_desk_queue after its equality columns (green channel first, then oldest submission). */
const QUEUE_ORDER: SqlSortKey[] = [
  { column: 'r.urgency_rank', direction: 'ASC' },
  { column: 'r.submitted_at', direction: 'ASC', kind: 'instant' },
  { column: 'r.id', direction: 'ASC' },
];

/** The referral desk's worklist (转诊服务岗, domain.md §5.3). */
@Injectable()
export class ReferralDeskService {
  private readonly queueColumns: string;
  private readonly toReferral: (row: Record<string, unknown>) => Referral;
  private readonly toResident: (row: Record<string, unknown>) => Resident;

  constructor(
    private readonly policy: Policy,
    private readonly views: ReferralsService,
    sql: Sql,
    private readonly replicas: ReplicaReads,
  ) {
    this.queueColumns = `${sql.columns(Referral, 'r')}, p.id AS p_id, p.name AS p_name, p.sex AS p_sex, p.birth_date AS p_birth_date`;
    this.toReferral = sql.mapper(Referral);
    this.toResident = sql.mapper(Resident, 'p_');
  }

  /**
   * Everything addressed to the caller's institution that still waits for the
   * receiving side (submitted: reply; accepted: schedule; scheduled: arrival;
   * arrived: completion), green channel first, then urgent, then routine, each oldest submission first. One
   * fixed statement: the range of ix_referrals_desk_queue, already in queue
   * order, joined to the residents for their briefs, on a read replica if
   * there is one (ReplicaReads). Whoever may triage there
   * works it: the desk clerk, the institution's doctors, or for
   * down-referrals the primary-care GP.
   */
  async queue(actor: Actor, query: DeskQueueQueryDto): Promise<Page<ReferralView>> {
    const scope = this.policy.scopeSql(actor, 'triage', 'Referral', 'r');
    if (!actor.institutionId || !actor.countyId) throw ProblemException.forbidden();
    const page = keysetSql(QUEUE_ORDER, query);
    const params: unknown[] = [actor.countyId, actor.institutionId];
    let where = 'r.county_id = ? AND r.to_institution_id = ? AND r.desk_open = 1';
    if (scope) { where += ` AND ${scope.sql}`; params.push(...scope.params); }
    if (query.status) { where += ' AND r.status = ?'; params.push(query.status); }
    // the rank is the index's next column: one priority stays one index range
    if (query.urgency) { where += ' AND r.urgency_rank = ?'; params.push(urgencyRank(query.urgency)); }
    if (query.kind) { where += ' AND r.kind = ?'; params.push(query.kind); }
    const rows = await this.replicas.read(actor, (on) => on.rows(
      `SELECT ${this.queueColumns} FROM referrals r INNER JOIN residents p ON p.id = r.resident_id
        WHERE ${where}${page.after} ORDER BY ${page.orderBy} LIMIT ${page.fetch}`,
      [...params, ...page.params],
    ));
    const loaded = rows.map((row) => ({ referral: this.toReferral(row), resident: this.toResident(row) }));
    const { items, nextCursor } = sqlPage(loaded, page.limit, ({ referral: r }) => [r.urgencyRank, r.submittedAt, r.id]);
    return this.views.listViews(actor, { items: items.map((i) => i.referral), nextCursor }, 'desk_queue', items.map((i) => i.resident));
  }
}
