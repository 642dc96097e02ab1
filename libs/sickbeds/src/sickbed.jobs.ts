import { Injectable } from '@nestjs/common';
import { Clock } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { addDays, calendarDateIn, isCycleEnding, roundDueWindow } from '@countycare/domain';
import { NotificationsService } from '@countycare/notifications';
import { OrganizationsService } from '@countycare/organizations';
import { Brackets, EntityManager } from 'typeorm';
import { RoundSchedule } from './entities/round-schedule.entity';
import { Sickbed } from './entities/sickbed.entity';

/** The largest sickbed.endWarningDays a county may set (county-policy LIMITS): the scan window. */
const MAX_END_WARNING_DAYS = 60;

/**
 * The worker's sickbed jobs. Each claims a row with a conditional UPDATE
 * before it notifies, inside one transaction, and every notification has a
 * dedupe key, so two workers running the same job notify once. A claim on
 * an episode keeps its version: the worker's marks are not a clinician's
 * change and must not make a clinician's If-Match stale.
 */
@Injectable()
export class SickbedJobs {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    private readonly orgs: OrganizationsService,
  ) {}

  /**
   * Rounds whose due day has ended in the county zone (the worklist's
   * "overdue"): alert the responsible clinician and the institution, once
   * per missed due date (domain.md §4.3 Missed round).
   */
  async notifyOverdueRounds(limit = 500): Promise<number> {
    const { before } = roundDueWindow('overdue', this.clock.today(), this.clock.timeZone);
    const candidates = await this.tx.dataSource.getRepository(RoundSchedule).createQueryBuilder('r')
      .where('r.dueAt IS NOT NULL AND r.dueAt < :before', { before })
      .andWhere(new Brackets((w) => w.where('r.overdueNotifiedDueAt IS NULL').orWhere('r.overdueNotifiedDueAt < r.dueAt')))
      .orderBy('r.dueAt', 'ASC').limit(limit).getMany();
    let handled = 0;
    for (const candidate of candidates) {
      const claimed = await this.tx.run(async (em) => {
        const result = await em.createQueryBuilder().update(RoundSchedule)
          .set({ overdueNotifiedDueAt: () => 'due_at' })
          .where('id = :id AND due_at IS NOT NULL AND due_at < :before', { id: candidate.id, before })
          .andWhere('(overdue_notified_due_at IS NULL OR overdue_notified_due_at < due_at)')
          .execute();
        if (!result.affected) return false;
        const r = await em.getRepository(RoundSchedule).findOneByOrFail({ id: candidate.id });
        const dueDate = calendarDateIn(r.dueAt!, this.clock.timeZone);
        const key = `round_overdue:${r.episodeId}:${r.kind}:${dueDate}`;
        const common = {
          countyId: r.countyId, kind: 'round_overdue', subjectType: 'sickbed', subjectId: r.episodeId, residentId: r.residentId,
          data: { roundKind: r.kind, dueDate },
        };
        await this.notifications.notify({ ...common, dedupeKey: key, recipientUserId: r.assigneeId }, em);
        await this.notifications.notify({ ...common, dedupeKey: `${key}:institution`, recipientInstitutionId: r.institutionId }, em);
        return true;
      });
      if (claimed) handled++;
    }
    return handled;
  }

  /** Warns the responsible doctor sickbed.endWarningDays before a cycle's planned end, once per cycle. */
  async warnCyclesEnding(limit = 500): Promise<number> {
    const today = this.clock.today();
    const candidates = await this.tx.dataSource.getRepository(Sickbed).createQueryBuilder('s')
      .where("s.status = 'active' AND s.plannedEndDate >= :today AND s.plannedEndDate <= :horizon", { today, horizon: addDays(today, MAX_END_WARNING_DAYS) })
      .andWhere(new Brackets((w) => w.where('s.endWarnedCycle IS NULL').orWhere('s.endWarnedCycle < s.cycleNo')))
      .orderBy('s.plannedEndDate', 'ASC').limit(limit).getMany();
    const warningDays = new Map<string, number>();
    let handled = 0;
    for (const s of candidates) {
      if (!warningDays.has(s.countyId)) warningDays.set(s.countyId, (await this.orgs.policyFor(s.countyId)).sickbed.endWarningDays);
      if (!isCycleEnding(s.plannedEndDate!, today, warningDays.get(s.countyId)!)) continue;
      const claimed = await this.claimEpisode(s, 'end_warned_cycle', async (em) => {
        await this.notifications.notify({
          dedupeKey: `sickbed_cycle_ending:${s.id}:${s.cycleNo}`, countyId: s.countyId, kind: 'sickbed_cycle_ending', subjectType: 'sickbed',
          subjectId: s.id, residentId: s.residentId, recipientUserId: s.responsibleDoctorId,
          data: { cycleNo: s.cycleNo, plannedEndDate: s.plannedEndDate },
        }, em);
      });
      if (claimed) handled++;
    }
    return handled;
  }

  /**
   * Flags active episodes past their planned end without an extension as
   * overdue and alerts the doctor and the institution; never closes them
   * (domain.md §4.2: a doctor must close).
   */
  async flagOverdueCycles(limit = 500): Promise<number> {
    const today = this.clock.today();
    const candidates = await this.tx.dataSource.getRepository(Sickbed).createQueryBuilder('s')
      .where("s.status = 'active' AND s.plannedEndDate < :today", { today })
      .andWhere(new Brackets((w) => w.where('s.overdueFlaggedCycle IS NULL').orWhere('s.overdueFlaggedCycle < s.cycleNo')))
      .orderBy('s.plannedEndDate', 'ASC').limit(limit).getMany();
    let handled = 0;
    for (const s of candidates) {
      const claimed = await this.claimEpisode(s, 'overdue_flagged_cycle', async (em) => {
        const key = `sickbed_cycle_overdue:${s.id}:${s.cycleNo}`;
        const common = {
          countyId: s.countyId, kind: 'sickbed_cycle_overdue', subjectType: 'sickbed', subjectId: s.id, residentId: s.residentId,
          data: { cycleNo: s.cycleNo, plannedEndDate: s.plannedEndDate },
        };
        await this.notifications.notify({ ...common, dedupeKey: key, recipientUserId: s.responsibleDoctorId }, em);
        await this.notifications.notify({ ...common, dedupeKey: `${key}:institution`, recipientInstitutionId: s.institutionId }, em);
      });
      if (claimed) handled++;
    }
    return handled;
  }

  /** Marks the episode's current cycle in `column` if nobody did yet, then runs `then` in the same transaction. */
  private claimEpisode(s: Sickbed, column: 'end_warned_cycle' | 'overdue_flagged_cycle', then: (em: EntityManager) => Promise<void>): Promise<boolean> {
    return this.tx.run(async (em) => {
      const result = await em.createQueryBuilder().update(Sickbed)
        .set({ [column === 'end_warned_cycle' ? 'endWarnedCycle' : 'overdueFlaggedCycle']: s.cycleNo, version: () => 'version', updatedAt: () => 'updated_at' })
        .where(`id = :id AND status = 'active' AND cycle_no = :cycleNo AND (${column} IS NULL OR ${column} < cycle_no)`, { id: s.id, cycleNo: s.cycleNo })
        .execute();
      if (!result.affected) return false;
      await then(em);
      return true;
    });
  }
}
