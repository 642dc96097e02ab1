import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditActor, AuditService } from '@countycare/audit';
import { Clock, newId } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { NotificationsService } from '@countycare/notifications';
import { Repository } from 'typeorm';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';

const BATCH = 500;

/** The scheduler as an audit actor: no user; the log names the job. */
const SCHEDULER: AuditActor = { requestId: 'job:referrals', ip: 'worker' };

/**
 * Scheduled referral rules (domain.md §5.2, §5.3). Each row is claimed with a
 * conditional UPDATE and notifications carry unique dedupe keys, so two
 * workers running at once do the work once.
 */
@Injectable()
export class ReferralJobs {
  constructor(
    @InjectRepository(Referral) private readonly referrals: Repository<Referral>,
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** SCHEDULED referrals whose last arrival day (appointment + referral.noShowDays) has passed -> EXPIRED. */
  async expireNoShows(): Promise<number> {
    const due = await this.referrals.createQueryBuilder('r').select(['r.id'])
      .where("r.status = 'scheduled' AND r.arriveBy < :today", { today: this.clock.today() })
      .orderBy('r.arriveBy', 'ASC').limit(BATCH).getMany();
    let expired = 0;
    for (const { id } of due) if (await this.expire(id)) expired++;
    return expired;
  }

  private expire(id: string): Promise<boolean> {
    const now = this.clock.now();
    return this.tx.run(async (em) => {
      const claimed = await em.createQueryBuilder().update(Referral).set({ status: 'expired', expiredAt: now, updatedAt: now })
        .where("id = :id AND status = 'scheduled'", { id }).execute();
      if (claimed.affected !== 1) return false;
      const r = (await em.getRepository(Referral).findOneBy({ id }))!;
      const last = await em.getRepository(ReferralEvent).createQueryBuilder('e').select('MAX(e.seq)', 'seq')
        .where('e.referralId = :id', { id }).getRawOne<{ seq: number | string | null }>();
      await em.insert(ReferralEvent, {
        id: newId(now.getTime()), referralId: r.id, seq: Number(last?.seq ?? 0) + 1, countyId: r.countyId, action: 'expire', fromStatus: 'scheduled', toStatus: 'expired',
        at: now, actorId: null, actorRole: null, note: null, data: { arriveBy: r.arriveBy },
      });
      await this.audit.record(SCHEDULER, {
        action: 'transition', resourceType: 'referral', resourceId: r.id, residentId: r.residentId, countyId: r.countyId, contextId: r.id,
        detail: { actions: ['expire'], from: 'scheduled', to: 'expired' },
      }, em);
      const data = { referralNo: r.referralNo, direction: r.direction, from: 'scheduled', status: 'expired', urgency: r.urgency };
      const base = { countyId: r.countyId, kind: 'referral_status', subjectType: 'referral', subjectId: r.id, residentId: r.residentId, data };
      await this.notifications.notify({ ...base, dedupeKey: `referral_status:${r.id}:expired`, recipientUserId: r.createdById }, em);
      await this.notifications.notify({ ...base, dedupeKey: `referral_expired_desk:${r.id}`, recipientInstitutionId: r.toInstitutionId }, em);
      return true;
    });
  }

  /**
   * SUBMITTED referrals past their reply deadline: marked once and the
   * receiving institution told once per submission. The mark leaves the
   * version alone: it is a fact about time, not an edit a clerk could clash with.
   */
  async flagSlaBreaches(): Promise<number> {
    const now = this.clock.now();
    const due = await this.referrals.createQueryBuilder('r').select(['r.id'])
      .where("r.status = 'submitted' AND r.replyDueAt < :now AND r.slaBreachedAt IS NULL", { now })
      .orderBy('r.replyDueAt', 'ASC').limit(BATCH).getMany();
    let flagged = 0;
    for (const { id } of due) if (await this.flag(id, now)) flagged++;
    return flagged;
  }

  private flag(id: string, now: Date): Promise<boolean> {
    return this.tx.run(async (em) => {
      const claimed = await em.createQueryBuilder().update(Referral)
        .set({ slaBreachedAt: now, version: () => 'version', updatedAt: () => 'updated_at' })
        .where("id = :id AND status = 'submitted' AND sla_breached_at IS NULL", { id }).execute();
      if (claimed.affected !== 1) return false;
      const r = (await em.getRepository(Referral).findOneBy({ id }))!;
      await this.notifications.notify({
        dedupeKey: `referral_sla_breached:${r.id}:${r.submittedAt!.getTime()}`, countyId: r.countyId, kind: 'referral_sla_breached',
        subjectType: 'referral', subjectId: r.id, residentId: r.residentId, recipientInstitutionId: r.toInstitutionId,
        data: { referralNo: r.referralNo, urgency: r.urgency, replyDueAt: r.replyDueAt!.toISOString() },
      }, em);
      return true;
    });
  }
}
