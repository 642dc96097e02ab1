import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@countycare/audit';
import { Clock } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import {
  addDays, contractMachine, daysBetween, OPEN_CONTRACT_STATUSES,
} from '@countycare/domain';
import { NotificationsService } from '@countycare/notifications';
import { OrganizationsService } from '@countycare/organizations';
import { Repository } from 'typeorm';
import { Contract } from './contract.entity';
import { ContractsService, jobActor } from './contracts.service';
import { FollowUpsService } from './follow-ups.service';

const BATCH = 200;

/**
 * The worker's contract jobs (domain.md §3.2 scheduler rows). Each returns
 * how many rows it changed. Two workers may run the same job at once: every
 * row is claimed by an UPDATE conditioned on its current status (and locked
 * first where the driver has row locks), so only one of them changes it.
 */
@Injectable()
export class ContractJobs {
  private readonly logger = new Logger('ContractJobs');

  constructor(
    @InjectRepository(Contract) private readonly contracts: Repository<Contract>,
    private readonly service: ContractsService,
    private readonly followUps: FollowUpsService,
    private readonly notifications: NotificationsService,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  /** SCHEDULED → ACTIVE on the start date; a renewal's predecessor expires first with renewed = true. */
  async activateScheduled(): Promise<number> {
    const today = this.clock.today();
    const actor = jobActor('contracts.activate');
    const due = await this.contracts.createQueryBuilder('c').select(['c.id'])
      .where("c.status = 'scheduled' AND c.startDate <= :today", { today }).orderBy('c.startDate', 'ASC').limit(BATCH).getMany();
    let done = 0;
    for (const { id } of due) {
      done += await this.each('activate', id, () => this.tx.run(async (em) => {
        const c = await this.service.lockInRenewalOrder(em, id);
        if (!c || c.status !== 'scheduled') return 0;
        const to = contractMachine.next(c.status, 'activate');
        // the predecessor leaves the open key before the successor takes it
        await this.service.activated(em, { ...c, status: to } as Contract, actor);
        const claimed = await em.createQueryBuilder().update(Contract).set({ status: to, version: () => 'version + 1' })
          .where("id = :id AND status = 'scheduled'", { id }).execute();
        if (!claimed.affected) throw new Error(`contract ${id} changed under the activation`);
        await this.audit.record(actor, {
          action: 'transition', resourceType: 'contract', resourceId: c.id, residentId: c.residentId, countyId: c.countyId, contextId: c.id,
          detail: { from: 'scheduled', to, event: 'activate' },
        }, em);
        return 1;
      }));
    }
    return done;
  }

  /** ACTIVE / TERMINATING → EXPIRED the day after the end date; renewed when a successor is lined up. */
  async expireEnded(): Promise<number> {
    const today = this.clock.today();
    const actor = jobActor('contracts.expire');
    const due = await this.contracts.createQueryBuilder('c').select(['c.id'])
      .where('c.status IN (:...open) AND c.endDate < :today', { open: OPEN_CONTRACT_STATUSES, today }).orderBy('c.endDate', 'ASC').limit(BATCH).getMany();
    let done = 0;
    for (const { id } of due) {
      done += await this.each('expire', id, () => this.tx.run(async (em) => {
        const c = await this.tx.forUpdate(em.getRepository(Contract).createQueryBuilder('c').where('c.id = :id', { id })).getOne();
        if (!c || !contractMachine.can(c.status, 'expire') || c.endDate >= today) return 0;
        const successor = c.successorId ? await em.getRepository(Contract).findOneBy({ id: c.successorId }) : null;
        const renewed = !!successor && (successor.status === 'scheduled' || successor.status === 'active');
        const claimed = await em.createQueryBuilder().update(Contract)
          .set({ status: contractMachine.next(c.status, 'expire'), renewed, version: () => 'version + 1' })
          .where('id = :id AND status IN (:...open)', { id, open: OPEN_CONTRACT_STATUSES }).execute();
        if (!claimed.affected) return 0;
        await this.followUps.closePlan(em, c.id, c.endDate);
        await this.audit.record(actor, {
          action: 'transition', resourceType: 'contract', resourceId: c.id, residentId: c.residentId, countyId: c.countyId, contextId: c.id,
          detail: { from: c.status, to: 'expired', event: 'expire', renewed },
        }, em);
        return 1;
      }));
    }
    return done;
  }

  /**
   * Tells the team once about each active contract ending within the
   * county's `contract.expiringWithinDays` with no renewal lined up.
   */
  async notifyExpiring(): Promise<number> {
    const today = this.clock.today();
    const counties = await this.contracts.createQueryBuilder('c').select('DISTINCT c.county_id', 'countyId').getRawMany<{ countyId: string }>();
    let done = 0;
    for (const { countyId } of counties) {
      const days = (await this.orgs.policyFor(countyId)).contract.expiringWithinDays;
      const due = await this.contracts.createQueryBuilder('c')
        .where("c.countyId = :countyId AND c.status = 'active' AND c.endDate <= :limit", { countyId, limit: addDays(today, days) })
        .andWhere('c.expiryNotified = :no AND c.successorId IS NULL', { no: false })
        .orderBy('c.endDate', 'ASC').limit(BATCH).getMany();
      for (const c of due) {
        done += await this.each('notify', c.id, () => this.tx.run(async (em) => {
          const claimed = await em.createQueryBuilder().update(Contract).set({ expiryNotified: true })
            .where('id = :id AND expiry_notified = :no', { id: c.id, no: false }).execute();
          if (!claimed.affected) return 0;
          await this.notifications.notify({
            dedupeKey: `contract_expiring:${c.id}:${c.endDate}`, countyId: c.countyId, kind: 'contract_expiring', subjectType: 'contract',
            subjectId: c.id, residentId: c.residentId, recipientTeamId: c.teamId, data: { endDate: c.endDate, daysLeft: Math.max(0, daysBetween(today, c.endDate)) },
          }, em);
          return 1;
        }));
      }
    }
    return done;
  }

  /** Plan windows that closed unmet become missed. */
  closeMissedWindows(): Promise<number> {
    return this.followUps.closeMissedWindows();
  }

  /** One row's failure (say, a renewal whose resident signed elsewhere meanwhile) must not stop the others. */
  private async each(step: string, id: string, work: () => Promise<number>): Promise<number> {
    try {
      return await work();
    } catch (error) {
      this.logger.warn({ step, contractId: id, err: error }, 'contract job skipped a row');
      return 0;
    }
  }
}
