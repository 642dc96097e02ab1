import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@countycare/audit';
import { Policy } from '@countycare/auth';
import { Actor, Clock, keysetSql, newId, Page, ProblemException, SqlSortKey, sqlPage } from '@countycare/common';
import { ReplicaReads, Sql, TransactionRunner } from '@countycare/database';
import {
  CalendarDate, followUpDueRange, followUpUrgency, OPEN_CONTRACT_STATUSES, PlanStatus, planWindows, windowStatus, windowStatusAtEnd,
} from '@countycare/domain';
import { OrganizationsService } from '@countycare/organizations';
import { Resident, residentBrief } from '@countycare/residents';
import { EntityManager, In, Repository } from 'typeorm';
import { Contract } from './contract.entity';
import { FollowUpQueryDto } from './dto/services.dto';
import { FollowUp } from './follow-up.entity';
import { followUpView, FollowUpView } from './http/views';
import { PackageItem } from './service-package.entity';

/** What other contexts ask the team to follow up (e.g. a down-referral, domain.md §5.2). */
export interface ScheduleFollowUpInput {
  countyId: string;
  residentId: string;
  institutionId: string;
  /** The team when the resident has no open contract (the open contract's team wins: it is the one following them now). */
  teamId: string | null;
  kind: 'referral_return';
  /** YYYY-MM-DD in the county zone. */
  dueDate: string;
  sourceType: 'referral';
  sourceId: string;
}

/** One row per item per window (domain `planWindows`); the dedupe key makes a second activation fail instead of doubling the plan. */
export function planRows(
  contract: Pick<Contract, 'id' | 'countyId' | 'teamId' | 'institutionId' | 'residentId' | 'startDate' | 'endDate'>,
  items: Array<Pick<PackageItem, 'code' | 'name' | 'modality' | 'timesPerYear'>>,
): FollowUp[] {
  return items.flatMap((item) =>
    planWindows(item, contract.startDate, contract.endDate).map((w) => Object.assign(new FollowUp(), {
      id: newId(), dedupeKey: `contract:${contract.id}:${item.code}:${w.windowStart}`, countyId: contract.countyId,
      teamId: contract.teamId, institutionId: contract.institutionId, residentId: contract.residentId, kind: 'package_item',
      sourceType: 'contract', sourceId: contract.id, contractId: contract.id, itemCode: item.code, itemName: item.name,
      modality: item.modality, windowStart: w.windowStart, windowEnd: w.windowEnd, dueDate: w.dueDate, dueCount: w.dueCount,
      deliveredCount: 0, status: 'open',
    } satisfies Omit<FollowUp, 'createdAt'>)),
  );
}

const TASK_NAMES: Record<ScheduleFollowUpInput['kind'], string> = { referral_return: '下转患者随访' };
const BATCH = 500;
/** The resident's open scheduled tasks (not plan windows) that a service on a day meets: ix_follow_ups_resident. */
const MEET_TASKS_SQL = "SELECT f.id AS id FROM follow_ups f WHERE f.county_id = ? AND f.resident_id = ? AND f.status = 'open' "
  + "AND f.kind <> 'package_item' AND f.window_start <= ?";

/**
 * The team's follow-up plan (domain.md §3.1 ServicePlan): windows made when
 * a contract becomes active, counted as services are logged, closed when
 * windows pass or the contract ends; plus tasks other contexts schedule.
 */
/** The worklist's order: ix_follow_ups_worklist after its equality columns. */
const WORKLIST_ORDER: SqlSortKey[] = [{ column: 'f.due_date', direction: 'ASC' }, { column: 'f.id', direction: 'ASC' }];

@Injectable()
export class FollowUpsService {
  private readonly worklistColumns: string;
  private readonly planColumns: string;
  private readonly windowSql: string;
  private readonly toFollowUp: (row: Record<string, unknown>) => FollowUp;
  private readonly toResident: (row: Record<string, unknown>) => Resident;

  constructor(
    @InjectRepository(FollowUp) private readonly followUps: Repository<FollowUp>,
    private readonly orgs: OrganizationsService,
    private readonly policy: Policy,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly sql: Sql,
    private readonly replicas: ReplicaReads,
  ) {
    this.planColumns = sql.columns(FollowUp, 'f');
    this.windowSql = `SELECT ${this.planColumns} FROM follow_ups f
      WHERE f.contract_id = ? AND f.item_code = ? AND f.window_start <= ? AND f.window_end >= ? AND f.status <> 'dropped'`;
    this.worklistColumns = `${this.planColumns}, r.id AS r_id, r.name AS r_name, r.sex AS r_sex, r.birth_date AS r_birth_date`;
    this.toFollowUp = sql.mapper(FollowUp);
    this.toResident = sql.mapper(Resident, 'r_');
  }

  /** A follow-up task on the team's worklist; asking twice for the same source gives the same task. */
  async scheduleFollowUp(em: EntityManager, input: ScheduleFollowUpInput): Promise<{ id: string }> {
    const dedupeKey = `${input.sourceType}:${input.sourceId}:${input.kind}`;
    const existing = await em.getRepository(FollowUp).findOne({ where: { dedupeKey }, select: { id: true, status: true, dueDate: true } });
    if (existing) {
      // The same source again (e.g. a down-referral accepted, then completed): an open task is due from the later event.
      if (existing.status === 'open' && input.dueDate > existing.dueDate) await em.update(FollowUp, { id: existing.id }, { dueDate: input.dueDate });
      return { id: existing.id };
    }
    const open = await em.getRepository(Contract).createQueryBuilder('c').select(['c.id', 'c.teamId'])
      .where('c.countyId = :county AND c.residentId = :resident', { county: input.countyId, resident: input.residentId })
      .andWhere('c.status IN (:...open)', { open: OPEN_CONTRACT_STATUSES }).getOne();
    const row: FollowUp = em.create(FollowUp, {
      id: newId(), dedupeKey, countyId: input.countyId, teamId: open?.teamId ?? input.teamId ?? null, institutionId: input.institutionId,
      residentId: input.residentId, kind: input.kind, sourceType: input.sourceType, sourceId: input.sourceId,
      contractId: open?.id ?? null, itemCode: null, itemName: TASK_NAMES[input.kind], modality: 'any',
      windowStart: this.clock.today(), windowEnd: null, dueDate: input.dueDate, dueCount: 1, deliveredCount: 0, status: 'open',
    });
    await em.insert(FollowUp, row);
    return { id: row.id };
  }

  /** The windows of every item of an active contract. */
  async createPlan(em: EntityManager, contract: Contract, items: PackageItem[]): Promise<void> {
    const rows = planRows(contract, items);
    for (let i = 0; i < rows.length; i += 200) await em.insert(FollowUp, rows.slice(i, i + 200));
  }

  /** Plan windows of contracts (package items only), for fulfilment. */
  planOf(contractIds: string[], em?: EntityManager): Promise<FollowUp[]> {
    if (contractIds.length === 0) return Promise.resolve([]);
    return (em?.getRepository(FollowUp) ?? this.followUps).find({
      where: { contractId: In(contractIds), kind: 'package_item' },
      order: { itemCode: 'ASC', windowStart: 'ASC' },
    });
  }

  /** When a contract ends on `endOn`: open windows become met, missed or dropped (§3.5 last bullet). */
  async closePlan(em: EntityManager, contractId: string, endOn: CalendarDate): Promise<void> {
    const open = await em.getRepository(FollowUp).find({ where: { contractId, kind: 'package_item', status: 'open' } });
    await this.applyStatuses(em, open.map((w) => [w.id, windowStatusAtEnd(w, endOn)]));
  }

  /** The window of an item a delivery on `day` falls in. */
  async findWindow(em: EntityManager, contractId: string, itemCode: string, day: CalendarDate): Promise<FollowUp | null> {
    const [row] = await this.sql.rowsIn(em, this.windowSql, [contractId, itemCode, day, day]);
    return row ? this.toFollowUp(row) : null;
  }

  /**
   * One more (or one less) qualifying delivery in a window whose row was
   * read while its contract is locked (so no other delivery or void of the
   * contract runs meanwhile): the count and the status it gives, in one UPDATE.
   */
  async countDelivery(em: EntityManager, window: FollowUp, delta: 1 | -1): Promise<void> {
    const deliveredCount = window.deliveredCount + delta;
    const status = window.status === 'dropped' ? 'dropped' : windowStatus({ ...window, deliveredCount }, this.clock.today());
    await this.sql.rowsIn(em, 'UPDATE follow_ups SET delivered_count = delivered_count + ?, status = ? WHERE id = ?', [delta, status, window.id]);
    Object.assign(window, { deliveredCount, status });
  }

  /** A window by id inside a transaction (the void of a record finds its window this way). */
  async windowById(em: EntityManager, id: string): Promise<FollowUp | null> {
    const [row] = await this.sql.rowsIn(em, `SELECT ${this.planColumns} FROM follow_ups f WHERE f.id = ?`, [id]);
    return row ? this.toFollowUp(row) : null;
  }

  /** A service for the resident on or after a scheduled task's start fulfils it (any contact counts). */
  async meetTasks(em: EntityManager, countyId: string, residentId: string, day: CalendarDate): Promise<number> {
    // on every logged service (fixed SQL: the query builder cost more than the statement)
    const tasks = await this.sql.rowsIn<{ id: string }>(em, MEET_TASKS_SQL, [countyId, residentId, day]);
    if (tasks.length === 0) return 0;
    // by primary key, so only these rows are locked (not the resident's plan windows a worker may be closing)
    const result = await em.createQueryBuilder().update(FollowUp)
      .set({ status: 'met', deliveredCount: () => 'delivered_count + 1' })
      .where('id IN (:...ids)', { ids: tasks.map((f) => f.id) }).andWhere("status = 'open'")
      .execute();
    return result.affected ?? 0;
  }

  /**
   * Worker: open windows that closed before today become missed. Rows are
   * claimed with `status = 'open'` in the UPDATE, so two workers never
   * change one row twice.
   */
  async closeMissedWindows(): Promise<number> {
    const today = this.clock.today();
    let total = 0;
    for (;;) {
      const rows = await this.followUps.createQueryBuilder('f')
        .where("f.status = 'open' AND f.windowEnd < :today", { today })
        .orderBy('f.windowEnd', 'ASC').limit(BATCH).getMany();
      if (rows.length === 0) return total;
      const changes = rows.map((r) => [r.id, windowStatus(r, today)] as [string, PlanStatus]);
      total += await this.tx.run((em) => this.applyStatuses(em, changes));
      if (rows.length < BATCH) return total;
    }
  }

  /**
   * GET /worklists/follow-ups: one keyset range scan of ix_follow_ups_worklist
   * joined to the residents for their briefs, as one fixed statement (the
   * team comes from the organizations cache), on a read replica if there is one
 * (ReplicaReads), plus the audit write.
   */
  async worklist(actor: Actor, query: FollowUpQueryDto): Promise<Page<FollowUpView>> {
    const teamId = query.teamId ?? actor.teamId;
    if (!teamId) throw ProblemException.invalid('teamId', 'isDefined');
    const team = await this.orgs.findTeam(teamId);
    this.policy.assertCan(actor, 'read', 'Team', team, 'team');
    // the worklist shows the team's contracted residents: readable only by those who may read the team's contracts
    this.policy.assertCan(actor, 'read', 'Contract', { countyId: team!.countyId, teamId: team!.id, institutionId: team!.institutionId }, 'team');
    const today = this.clock.today();
    const range = followUpDueRange(query.due, today, { from: query.dueFrom, to: query.dueTo });
    const page = keysetSql(WORKLIST_ORDER, query);
    // windowStillOpen: a window past its last day is dead even if the worker has not marked it missed yet
    const rows = await this.replicas.read(actor, (on) => on.rows(
      `SELECT ${this.worklistColumns} FROM follow_ups f INNER JOIN residents r ON r.id = f.resident_id
        WHERE f.county_id = ? AND f.team_id = ? AND f.status = 'open' AND (f.window_end IS NULL OR f.window_end >= ?)
          AND f.due_date < ?${range.from ? ' AND f.due_date >= ?' : ''}${page.after}
        ORDER BY ${page.orderBy} LIMIT ${page.fetch}`,
      [team!.countyId, team!.id, today, range.before, ...(range.from ? [range.from] : []), ...page.params],
    ));
    const loaded = rows.map((r) => ({ f: this.toFollowUp(r), resident: residentBrief(this.toResident(r), today) }));
    const { items, nextCursor } = sqlPage(loaded, page.limit, ({ f }) => [f.dueDate, f.id]);
    await this.audit.record(actor, items.map(({ f }) => ({
      action: 'read' as const, resourceType: 'follow_up', resourceId: f.id, residentId: f.residentId, countyId: f.countyId,
      contextId: f.contractId ?? f.sourceId, detail: { via: 'worklist' },
    })));
    return { items: items.map(({ f, resident }) => followUpView(f, followUpUrgency(f.dueDate, today), resident)), nextCursor };
  }

  private async applyStatuses(em: EntityManager, changes: Array<[string, PlanStatus]>): Promise<number> {
    const byStatus = new Map<PlanStatus, string[]>();
    for (const [id, status] of changes) {
      if (status === 'open') continue;
      byStatus.set(status, [...(byStatus.get(status) ?? []), id]);
    }
    let affected = 0;
    for (const [status, ids] of byStatus) {
      const result = await em.createQueryBuilder().update(FollowUp).set({ status })
        .where('id IN (:...ids)', { ids }).andWhere("status = 'open'").execute();
      affected += result.affected ?? 0;
    }
    return affected;
  }
}

