import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@countycare/audit';
import { Policy } from '@countycare/auth';
import { Actor, assertVersion, Clock, ExpectedVersion, isUniqueViolation, keysetPage, mapPage, newId, Page, ProblemException } from '@countycare/common';
import { Sql, TransactionRunner } from '@countycare/database';
import {
  calendarDateIn, countsInWindow, IllegalTransitionError, mayShareWithInstitution, OPEN_CONTRACT_STATUSES, serviceCounts, serviceEndDate, ServicePayload,
} from '@countycare/domain';
import { EntityManager, Repository } from 'typeorm';
import { ContractReads } from './contract-reads';
import { ContractPackage } from './contract.entity';
import { ContractsService } from './contracts.service';
import { LogServiceDto, ServiceRecordQueryDto, VoidServiceDto } from './dto/services.dto';
import { FollowUpsService } from './follow-ups.service';
import { serviceRecordView, ServiceRecordView } from './http/views';
import { ServiceRecord } from './service-record.entity';
import { ServicePackagesService } from './service-packages.service';

/** Clocks of phones in the field drift; a delivery a few minutes "in the future" is not a typo. */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Delivered services (履约记录) under county-wide sharing: any GP or nurse of
 * the county logs them on an open contract; they count toward its plan.
 */
@Injectable()
export class ServiceRecordsService {
  constructor(
    @InjectRepository(ServiceRecord) private readonly records: Repository<ServiceRecord>,
    private readonly contracts: ContractsService,
    private readonly packages: ServicePackagesService,
    private readonly followUps: FollowUpsService,
    private readonly policy: Policy,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly reads: ContractReads,
    private readonly sql: Sql,
  ) {}

  /**
   * POST /contracts/:id/services. Staff of another county get 404; another
   * institution of the county needs the resident's sharing consent. The
   * record is kept even when it does not count (a phone call for a
   * face-to-face item), and says why.
   */
  async log(actor: Actor, contractId: string, dto: LogServiceDto): Promise<{ record: ServiceRecordView; replayed: boolean }> {
    this.policy.assertRole(actor, 'logService', 'Contract');
    const deliveredAt = new Date(dto.deliveredAt);
    if (deliveredAt.getTime() > this.clock.now().getTime() + CLOCK_SKEW_MS) {
      throw ProblemException.invalid('deliveredAt', 'delivered_in_future');
    }
    const deliveredOn = calendarDateIn(deliveredAt, this.clock.timeZone);
    const payload = dto.payload ? (Object.fromEntries(Object.entries(dto.payload).filter(([, v]) => v !== undefined)) as ServicePayload) : null;

    try {
      return await this.tx.run(async (em) => {
        // the contract and its packages in one locked read: every delivery and void of the contract queue behind it
        const locked = await this.reads.lockWithLinks(em, contractId);
        const c = locked?.contract ?? null;
        if (!c || !this.policy.can(actor, 'read', 'Contract', c)) throw ProblemException.notFound('contract');
        if (!OPEN_CONTRACT_STATUSES.includes(c.status)) throw ProblemException.conflict('contract_not_open', { status: c.status });
        this.policy.assertCan(actor, 'logService', 'Contract', c, 'contract');
        if (!mayShareWithInstitution(c, actor.institutionId)) throw ProblemException.conflict('sharing_consent_missing');
        if (deliveredOn < c.startDate || deliveredOn > serviceEndDate(c)) {
          throw ProblemException.invalid('deliveredAt', 'delivered_outside_contract');
        }
        const item = await this.itemOf(locked!.links, dto.serviceItemCode);
        const qualifies = serviceCounts(item, { modality: dto.modality, payload });
        const window = qualifies.counts ? await this.followUps.findWindow(em, c.id, item.code, deliveredOn) : null;
        const verdict = countsInWindow(qualifies, window && { dueCount: window.dueCount, deliveredBefore: window.deliveredCount });
        if (window) await this.followUps.countDelivery(em, window, 1);
        const record = Object.assign(new ServiceRecord(), {
          id: newId(), countyId: c.countyId, contractId: c.id, residentId: c.residentId, teamId: c.teamId,
          contractInstitutionId: c.institutionId, deliveringInstitutionId: actor.institutionId!, deliveredById: actor.userId,
          deliveredByName: actor.displayName.slice(0, 64), itemCode: item.code, itemName: item.name, deliveredAt, deliveredOn,
          modality: dto.modality, payload, notes: dto.notes?.trim() || null, followUpId: window?.id ?? null, counted: verdict.counts,
          notCountedReason: verdict.counts ? null : verdict.reason, clientId: dto.clientId ?? null, status: 'valid',
          voidReason: null, voidedAt: null, voidedById: null, version: 1,
        } satisfies Partial<ServiceRecord>);
        // a record an offline phone already synced collides on (deliveredById, clientId): the whole transaction rolls back, the first is replayed
        await this.sql.insert(em, ServiceRecord, [record]);
        await this.followUps.meetTasks(em, c.countyId, c.residentId, deliveredOn);
        const shared = record.deliveringInstitutionId !== record.contractInstitutionId;
        await this.audit.record(actor, {
          action: 'create', resourceType: 'service_record', resourceId: record.id, residentId: c.residentId, countyId: c.countyId,
          contextId: c.id, detail: { itemCode: item.code, counted: record.counted, shared },
        }, em);
        return { record: serviceRecordView(record), replayed: false };
      });
    } catch (e) {
      if (dto.clientId && isUniqueViolation(e)) {
        const earlier = await this.records.findOneBy({ deliveredById: actor.userId, clientId: dto.clientId });
        if (earlier) return { record: this.replay(earlier, contractId), replayed: true };
      }
      throw e;
    }
  }

  /** GET /contracts/:id/services: what the caller may see of the contract's records, newest first, audited. */
  async list(actor: Actor, contractId: string, query: ServiceRecordQueryDto): Promise<Page<ServiceRecordView>> {
    const c = await this.contracts.readable(actor, contractId);
    const qb = this.records.createQueryBuilder('r')
      .where('r.countyId = :county AND r.contractId = :contractId', { county: c.countyId, contractId: c.id });
    const scope = this.policy.scopeWhere(actor, 'read', 'ServiceRecord', 'r');
    if (scope) qb.andWhere(scope);
    const page = await keysetPage(qb, [
      { column: 'r.deliveredAt', direction: 'DESC', kind: 'instant', value: (r) => r.deliveredAt },
      { column: 'r.id', direction: 'DESC', value: (r) => r.id },
    ], query);
    await this.audit.record(actor, page.items.map((r) => ({
      action: 'read' as const, resourceType: 'service_record', resourceId: r.id, residentId: r.residentId, countyId: r.countyId, contextId: c.id,
    })));
    return mapPage(page, serviceRecordView);
  }

  /** GET /contracts/:id/services/:recordId (the Location of a logged service): one record the caller may see, audited. */
  async getOne(actor: Actor, contractId: string, recordId: string): Promise<ServiceRecordView> {
    const c = await this.contracts.readable(actor, contractId);
    const r = await this.records.findOneBy({ id: recordId, contractId: c.id });
    if (!r || !this.policy.can(actor, 'read', 'ServiceRecord', r)) throw ProblemException.notFound('service record');
    await this.audit.record(actor, {
      action: 'read', resourceType: 'service_record', resourceId: r.id, residentId: r.residentId, countyId: r.countyId, contextId: c.id,
    });
    return serviceRecordView(r);
  }

  /** A mistaken record is voided with a reason, never deleted (§7.6); it stops counting and its window slot goes to the next delivery. */
  async void(actor: Actor, contractId: string, recordId: string, dto: VoidServiceDto, expected?: ExpectedVersion): Promise<ServiceRecordView> {
    return this.tx.run(async (em) => {
      // the contract first, as a delivery takes it: the window's count and status change under the same lock
      await this.reads.lockWithLinks(em, contractId);
      const r = await this.tx.forUpdate(em.getRepository(ServiceRecord).createQueryBuilder('r')
        .where('r.id = :id AND r.contractId = :contractId', { id: recordId, contractId })).getOne();
      this.policy.assertCan(actor, 'update', 'ServiceRecord', r, 'service record');
      assertVersion(r!.version, expected);
      if (r!.status !== 'valid') throw new IllegalTransitionError('service_record', r!.status, 'void', []);
      const promoted = r!.followUpId ? await this.releaseWindowSlot(em, r!) : null;
      Object.assign(r!, {
        status: 'voided', voidReason: dto.reason.trim(), voidedAt: this.clock.now(), voidedById: actor.userId, counted: false, notCountedReason: 'voided',
      });
      await em.update(ServiceRecord, { id: r!.id }, {
        status: r!.status, voidReason: r!.voidReason, voidedAt: r!.voidedAt, voidedById: r!.voidedById, counted: false,
        notCountedReason: 'voided', version: () => 'version + 1',
      });
      r!.version += 1;
      await this.audit.record(actor, {
        action: 'transition', resourceType: 'service_record', resourceId: r!.id, residentId: r!.residentId, countyId: r!.countyId,
        contextId: contractId, detail: { from: 'valid', to: 'voided', event: 'void', ...(promoted ? { promotedRecordId: promoted } : {}) },
      }, em);
      return serviceRecordView(r!);
    });
  }

  /**
   * A voided delivery leaves its window: one fewer qualifying delivery, and
   * when it was one that counted, the earliest surplus delivery of the window
   * counts in its place (countsInWindow: the first dueCount count). Returns
   * the promoted record's id.
   */
  private async releaseWindowSlot(em: EntityManager, r: ServiceRecord): Promise<string | null> {
    const window = await this.followUps.windowById(em, r.followUpId!);
    if (window) await this.followUps.countDelivery(em, window, -1);
    if (!r.counted) return null;
    const surplus = await em.getRepository(ServiceRecord).createQueryBuilder('s').select(['s.id'])
      .where('s.followUpId = :window AND s.status = :valid AND s.notCountedReason = :surplus', {
        window: r.followUpId, valid: 'valid', surplus: 'window_already_met',
      })
      .orderBy('s.deliveredAt', 'ASC').addOrderBy('s.id', 'ASC').getOne();
    if (!surplus) return null;
    await em.update(ServiceRecord, { id: surplus.id }, { counted: true, notCountedReason: null, version: () => 'version + 1' });
    return surplus.id;
  }

  private replay(earlier: ServiceRecord, contractId: string): ServiceRecordView {
    if (earlier.contractId !== contractId) throw ProblemException.conflict('client_id_reused');
    return serviceRecordView(earlier);
  }

  /** The item of the contract's packages with this code (§3.5 rule 1); the definitions come from the package cache. */
  private async itemOf(links: ContractPackage[], code: string) {
    const pkgs = await this.packages.withItems(links.map((l) => l.packageId));
    const item = [...pkgs.values()].flatMap((p) => p.items).find((i) => i.code === code);
    if (!item) throw ProblemException.conflict('item_not_in_contract', { code });
    return item;
  }
}
