import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@countycare/audit';
import { Policy } from '@countycare/auth';
import {
  Actor, assertVersion, Clock, ExpectedVersion, isUniqueViolation, keysetPage, keysetSql, mapPage, newId, Page, ProblemException, SqlSortKey, sqlPage,
} from '@countycare/common';
import { ReplicaReads, Sql, TransactionRunner } from '@countycare/database';
import {
  roundDueWindow, roundKindForRole, SickbedStateMachine, validateVisitTime, validateVitals,
} from '@countycare/domain';
import { Resident, residentBrief } from '@countycare/residents';
import { In, Repository } from 'typeorm';
import {
  CreateOrderDto, CreateRoundDto, OrderQueryDto, RoundQueryDto, RoundWorklistQueryDto, StopOrderDto,
} from './dto/sickbeds.dto';
import { RoundSchedule } from './entities/round-schedule.entity';
import { SickbedOrder } from './entities/sickbed-order.entity';
import { SickbedRound } from './entities/sickbed-round.entity';
import { Sickbed } from './entities/sickbed.entity';
import {
  MySickbedView, orderView, OrderView, RecordedRoundView, roundView, RoundView, RoundWorkItemView, scheduleViews, workItemView,
} from './http/sickbed.view';
import { lockSickbed, nextDueFor } from './sickbed-support';
import { SickbedViews } from './sickbed-views.service';
import { SickbedsService } from './sickbeds.service';

const toTenths = (v: number | undefined): number | null => (v === undefined || v === null ? null : Math.round(v * 10));

/** The rounds worklist's order: ix_sickbed_schedules_assignee_due / _team_due after their equality columns. */
const ROUND_WORKLIST_ORDER: SqlSortKey[] = [{ column: 'r.due_at', direction: 'ASC', kind: 'instant' }, { column: 'r.id', direction: 'ASC' }];

/**
 * Care on an open bed (issue #5): rounds with vitals, orders, the rounds
 * worklist, and what residents see of their own episodes.
 */
@Injectable()
export class SickbedCareService {
  private readonly worklistColumns: string;
  private readonly lockWithSchedulesSql: string;
  private readonly toSickbed: (row: Record<string, unknown>) => Sickbed;
  private readonly toLockedSchedule: (row: Record<string, unknown>) => RoundSchedule;
  private readonly toSchedule: (row: Record<string, unknown>) => RoundSchedule;
  private readonly toResident: (row: Record<string, unknown>) => Resident;

  constructor(
    @InjectRepository(Sickbed) private readonly sickbeds: Repository<Sickbed>,
    @InjectRepository(SickbedRound) private readonly rounds: Repository<SickbedRound>,
    @InjectRepository(SickbedOrder) private readonly orders: Repository<SickbedOrder>,
    private readonly episodes: SickbedsService,
    private readonly views: SickbedViews,
    private readonly policy: Policy,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly sql: Sql,
    private readonly replicas: ReplicaReads,
  ) {
    this.worklistColumns = `${sql.columns(RoundSchedule, 'r')}, p.id AS p_id, p.name AS p_name, p.sex AS p_sex, p.birth_date AS p_birth_date`;
    this.lockWithSchedulesSql = `SELECT ${sql.columns(Sickbed, 's')}, ${sql.columns(RoundSchedule, 'rs', 'rs_')}
      FROM sickbeds s LEFT JOIN sickbed_round_schedules rs ON rs.episode_id = s.id WHERE s.id = ?`;
    this.toSickbed = sql.mapper(Sickbed);
    this.toLockedSchedule = sql.mapper(RoundSchedule, 'rs_');
    this.toSchedule = sql.mapper(RoundSchedule);
    this.toResident = sql.mapper(Resident, 'p_');
  }

  /**
   * 查床 / 上门护理 on an active bed: a doctor round by a GP, a nurse visit by
   * a nurse. The kind's next due instant moves on from the latest visit.
   */
  async recordRound(actor: Actor, episodeId: string, dto: CreateRoundDto): Promise<RecordedRoundView> {
    this.policy.assertRole(actor, 'round', 'Sickbed');
    if (roundKindForRole(actor.role) !== dto.kind) throw new ProblemException(403, 'round_kind_not_for_role', { kind: dto.kind });
    const visitedAt = new Date(dto.visitedAt);
    const now = this.clock.now();
    const { round, schedules } = await this.tx.run(async (em) => {
      // the episode and its round schedules in one locked read
      const rows = await this.sql.rowsIn(em, this.tx.isSqlite ? this.lockWithSchedulesSql : `${this.lockWithSchedulesSql} FOR UPDATE`, [episodeId]);
      const s = rows.length ? this.toSickbed(rows[0]) : null;
      this.policy.assertCan(actor, 'round', 'Sickbed', s, 'sickbed');
      SickbedStateMachine.next(s!.status, 'round');
      validateVisitTime(visitedAt, { openedAt: s!.openedAt!, startDate: s!.startDate!, now, timeZone: this.clock.timeZone });
      validateVitals(dto.vitals ?? {});
      const schedules = rows.filter((r) => r.rs_id !== null && r.rs_id !== undefined).map(this.toLockedSchedule);
      const v = dto.vitals ?? {};
      const round = Object.assign(new SickbedRound(), {
        id: newId(), countyId: s!.countyId, episodeId: s!.id, residentId: s!.residentId, kind: dto.kind, cycleNo: s!.cycleNo, visitedAt,
        practitionerId: actor.userId, sbp: v.sbp ?? null, dbp: v.dbp ?? null, pulse: v.pulse ?? null, temperatureTenths: toTenths(v.temperature),
        spo2: v.spo2 ?? null, glucoseTenths: toTenths(v.glucose), findings: dto.findings?.trim() || null, notes: dto.notes?.trim() || null,
        clientId: dto.clientId ?? null, createdAt: now,
      } satisfies SickbedRound);
      try {
        await this.sql.insert(em, SickbedRound, [round]);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        const existing = await em.getRepository(SickbedRound).findOneBy({ episodeId: s!.id, clientId: dto.clientId });
        throw ProblemException.conflict('round_already_recorded', {}, existing ? { roundId: existing.id } : {});
      }
      const schedule = schedules.find((r) => r.kind === dto.kind);
      if (!schedule) throw new Error(`sickbed ${s!.id} has no ${dto.kind} schedule`);
      schedule.lastRoundAt = schedule.lastRoundAt && schedule.lastRoundAt > visitedAt ? schedule.lastRoundAt : visitedAt;
      schedule.dueAt = nextDueFor(s!, dto.kind, schedule.lastRoundAt, this.clock.timeZone);
      await this.sql.rowsIn(em, 'UPDATE sickbed_round_schedules SET last_round_at = ?, due_at = ? WHERE id = ?', [schedule.lastRoundAt, schedule.dueAt, schedule.id]);
      await this.audit.record(actor, {
        action: 'create', resourceType: 'sickbed_round', resourceId: round.id, residentId: s!.residentId, countyId: s!.countyId,
        contextId: s!.id, detail: { kind: dto.kind, vitals: Object.keys(v).filter((k) => v[k as keyof typeof v] !== undefined) },
      }, em);
      return { round, schedules };
    });
    const ctx = await this.views.context([round.countyId]);
    return { ...roundView(round), schedule: scheduleViews(schedules, ctx) };
  }

  /** An episode's rounds, newest visit first. */
  async listRounds(actor: Actor, episodeId: string, query: RoundQueryDto): Promise<Page<RoundView>> {
    const s = await this.episodes.readable(actor, episodeId);
    const qb = this.rounds.createQueryBuilder('r').where('r.countyId = :countyId AND r.episodeId = :episodeId', { countyId: s.countyId, episodeId });
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    const page = await keysetPage(qb, [
      { column: 'r.visitedAt', direction: 'DESC', value: (r) => r.visitedAt, kind: 'instant' },
      { column: 'r.id', direction: 'DESC', value: (r) => r.id },
    ], query);
    await this.audit.record(actor, {
      action: 'read', resourceType: 'sickbed_rounds', resourceId: s.id, residentId: s.residentId, countyId: s.countyId, contextId: s.id,
      detail: { count: page.items.length },
    });
    return mapPage(page, roundView);
  }

  /** One round of an episode (the Location of a recorded round), audited. */
  async getRound(actor: Actor, episodeId: string, roundId: string): Promise<RoundView> {
    const s = await this.episodes.readable(actor, episodeId);
    const round = await this.rounds.findOneBy({ id: roundId, episodeId: s.id });
    if (!round) throw ProblemException.notFound('round');
    await this.audit.record(actor, {
      action: 'read', resourceType: 'sickbed_round', resourceId: round.id, residentId: s.residentId, countyId: s.countyId, contextId: s.id,
    });
    return roundView(round);
  }

  /** One order of an episode (the Location of a started order), audited. */
  async getOrder(actor: Actor, episodeId: string, orderId: string): Promise<OrderView> {
    const s = await this.episodes.readable(actor, episodeId);
    const order = await this.orders.findOneBy({ id: orderId, episodeId: s.id });
    if (!order) throw ProblemException.notFound('order');
    await this.audit.record(actor, {
      action: 'read', resourceType: 'sickbed_order', resourceId: order.id, residentId: s.residentId, countyId: s.countyId, contextId: s.id,
    });
    return orderView(order);
  }

  /** 医嘱 started by a GP on an active bed. */
  async startOrder(actor: Actor, episodeId: string, dto: CreateOrderDto): Promise<OrderView> {
    const now = this.clock.now();
    const order = await this.tx.run(async (em) => {
      const s = await lockSickbed(this.tx, em, episodeId);
      this.policy.assertCan(actor, 'order', 'Sickbed', s, 'sickbed');
      SickbedStateMachine.next(s!.status, 'order');
      const order = em.create(SickbedOrder, {
        id: newId(), countyId: s!.countyId, episodeId: s!.id, residentId: s!.residentId, type: dto.type, longTerm: dto.longTerm,
        content: dto.content.trim(), drugCode: dto.drugCode?.trim() || null, dose: dto.dose?.trim() || null, route: dto.route?.trim() || null,
        frequency: dto.frequency?.trim() || null, status: 'active', startedAt: now, startedById: actor.userId, stoppedAt: null,
        stoppedById: null, stopReason: null, version: 1,
      });
      await em.insert(SickbedOrder, order);
      await this.audit.record(actor, {
        action: 'create', resourceType: 'sickbed_order', resourceId: order.id, residentId: s!.residentId, countyId: s!.countyId,
        contextId: s!.id, detail: { type: dto.type, longTerm: dto.longTerm },
      }, em);
      return order;
    });
    return orderView(order);
  }

  /** Stops an order in force: who and when are kept, the order stays on record. */
  async stopOrder(actor: Actor, episodeId: string, orderId: string, dto: StopOrderDto, expected?: ExpectedVersion): Promise<OrderView> {
    const order = await this.tx.run(async (em) => {
      const s = await lockSickbed(this.tx, em, episodeId);
      this.policy.assertCan(actor, 'order', 'Sickbed', s, 'sickbed');
      const order = await this.tx.forUpdate(em.getRepository(SickbedOrder).createQueryBuilder('o')
        .where('o.id = :orderId AND o.episodeId = :episodeId', { orderId, episodeId })).getOne();
      if (!order) throw ProblemException.notFound('order');
      assertVersion(order.version, expected);
      SickbedStateMachine.next(s!.status, 'stop_order');
      if (order.status === 'stopped') throw ProblemException.conflict('order_already_stopped');
      Object.assign(order, { status: 'stopped', stoppedAt: this.clock.now(), stoppedById: actor.userId, stopReason: dto.reason?.trim() || null });
      await em.save(SickbedOrder, order);
      await this.audit.record(actor, {
        action: 'update', resourceType: 'sickbed_order', resourceId: order.id, residentId: s!.residentId, countyId: s!.countyId,
        contextId: s!.id, detail: { fields: ['status', 'stoppedAt', 'stoppedById', 'stopReason'] },
      }, em);
      return order;
    });
    return orderView(order);
  }

  /** An episode's orders, newest first. */
  async listOrders(actor: Actor, episodeId: string, query: OrderQueryDto): Promise<Page<OrderView>> {
    const s = await this.episodes.readable(actor, episodeId);
    const qb = this.orders.createQueryBuilder('o').where('o.countyId = :countyId AND o.episodeId = :episodeId', { countyId: s.countyId, episodeId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    const page = await keysetPage(qb, [
      { column: 'o.startedAt', direction: 'DESC', value: (o) => o.startedAt, kind: 'instant' },
      { column: 'o.id', direction: 'DESC', value: (o) => o.id },
    ], query);
    await this.audit.record(actor, {
      action: 'read', resourceType: 'sickbed_orders', resourceId: s.id, residentId: s.residentId, countyId: s.countyId, contextId: s.id,
      detail: { count: page.items.length },
    });
    return mapPage(page, orderView);
  }

  /**
   * Rounds due today or overdue, soonest first: by default the caller's own
   * (doctor rounds of the responsible doctor, nurse visits of the responsible
   * nurse), or every round of the caller's team. One range scan on
   * (county, assignee|team, due), on a read replica if there is one (ReplicaReads).
   */
  async roundWorklist(actor: Actor, query: RoundWorklistQueryDto): Promise<Page<RoundWorkItemView>> {
    this.policy.assertRole(actor, 'round', 'Sickbed');
    if (query.teamId !== undefined && query.teamId !== actor.teamId) throw ProblemException.notFound('team');
    const window = roundDueWindow(query.due, this.clock.today(), this.clock.timeZone);
    const scope = this.policy.scopeSql(actor, 'read', 'Sickbed', 'r');
    const page = keysetSql(ROUND_WORKLIST_ORDER, query);
    const params: unknown[] = [actor.countyId, query.teamId ?? actor.userId, window.before];
    let where = `r.county_id = ? AND ${query.teamId ? 'r.team_id' : 'r.assignee_id'} = ? AND r.due_at IS NOT NULL AND r.due_at < ?`;
    if (window.from) { where += ' AND r.due_at >= ?'; params.push(window.from); }
    if (query.kind) { where += ' AND r.kind = ?'; params.push(query.kind); }
    if (scope) { where += ` AND ${scope.sql}`; params.push(...scope.params); }
    const rows = await this.replicas.read(actor, (on) => on.rows(
      `SELECT ${this.worklistColumns} FROM sickbed_round_schedules r INNER JOIN residents p ON p.id = r.resident_id
        WHERE ${where}${page.after} ORDER BY ${page.orderBy} LIMIT ${page.fetch}`,
      [...params, ...page.params],
    ));
    const today = this.clock.today();
    const loaded = rows.map((row) => ({ r: this.toSchedule(row), resident: residentBrief(this.toResident(row), today) }));
    const { items, nextCursor } = sqlPage(loaded, page.limit, ({ r }) => [r.dueAt, r.id]);
    await this.audit.record(actor, items.map(({ r }) => ({
      action: 'read' as const, resourceType: 'sickbed', resourceId: r.episodeId, residentId: r.residentId, countyId: r.countyId,
      detail: { via: 'rounds_worklist' },
    })));
    const ctx = { now: this.clock.now(), timeZone: this.clock.timeZone, endWarningDays: new Map<string, number>() };
    return { items: items.map(({ r, resident }) => workItemView(r, resident, ctx)), nextCursor };
  }

  /** `/me/sickbeds`: the signed-in resident's own episodes with their rounds and the orders in force. */
  async mine(actor: Actor, query: { limit?: number; cursor?: string }): Promise<Page<MySickbedView>> {
    this.policy.assertRole(actor, 'read', 'Sickbed');
    if (!actor.residentId) throw ProblemException.forbidden();
    const qb = this.sickbeds.createQueryBuilder('s').where('s.residentId = :residentId', { residentId: actor.residentId });
    // with the county, ix_sickbeds_county_resident serves it (the resident id alone leads no index)
    if (actor.countyId) qb.andWhere('s.countyId = :countyId', { countyId: actor.countyId });
    const scope = this.policy.scopeWhere(actor, 'read', 'Sickbed', 's');
    if (scope) qb.andWhere(scope);
    const page = await keysetPage(qb, [{ column: 's.id', direction: 'DESC', value: (s) => s.id }], query);
    const ids = page.items.map((s) => s.id);
    const [views, rounds, orders] = await Promise.all([
      this.views.many(page.items),
      ids.length ? this.rounds.find({ where: { episodeId: In(ids) }, order: { visitedAt: 'DESC', id: 'DESC' } }) : Promise.resolve([]),
      ids.length ? this.orders.find({ where: { episodeId: In(ids), status: 'active' }, order: { startedAt: 'DESC', id: 'DESC' } }) : Promise.resolve([]),
    ]);
    await this.audit.record(actor, page.items.map((s) => ({
      action: 'read' as const, resourceType: 'sickbed', resourceId: s.id, residentId: s.residentId, countyId: s.countyId, detail: { via: 'me' },
    })));
    return {
      items: views.map((v) => ({
        ...v,
        rounds: rounds.filter((r) => r.episodeId === v.id).map(roundView),
        activeOrders: orders.filter((o) => o.episodeId === v.id).map(orderView),
      })),
      nextCursor: page.nextCursor,
    };
  }
}
