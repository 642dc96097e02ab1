import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditActor, AuditDetail, AuditService } from '@countycare/audit';
import { Action, Policy, UsersService } from '@countycare/auth';
import { Actor, assertVersion, Clock, ExpectedVersion, isUniqueViolation, keysetPage, mapPage, newId, Page, ProblemException, violatedIndex } from '@countycare/common';
import { ReplicaReads, TransactionRunner } from '@countycare/database';
import {
  ageOn, assertSignWay, assertStartDate, assertTerminationReason, BusinessRuleError, CalendarDate, contractEndDate, ContractEvent,
  contractMachine, ContractStatus, CountyPolicy, fulfilment, mayShareWithInstitution, OPEN_CONTRACT_STATUSES, overlappingItemCode,
  packageFitsResident, planWindows, populationTags, renewalStartDate, SignWay, startOnConfirmation, statusOnSigning,
} from '@countycare/domain';
import { OrganizationsService } from '@countycare/organizations';
import { residentBrief, ResidentsService } from '@countycare/residents';
import { EntityManager, In, QueryRunner, Repository } from 'typeorm';
import { ContractReads } from './contract-reads';
import { Contract, ContractPackage } from './contract.entity';
import {
  CancelContractDto, ContractQueryDto, CreateContractDto, RejectContractDto, RenewContractDto, SharingConsentDto, TerminateContractDto,
} from './dto/contracts.dto';
import { FollowUpsService } from './follow-ups.service';
import { CareTeamView, ContractDetail, contractView, ContractView } from './http/views';
import { PackageItem } from './service-package.entity';
import { PackageWithItems, ServicePackagesService } from './service-packages.service';

/** The resident's open contract, as other contexts need it. */
export interface OpenContractRef {
  id: string;
  teamId: string;
  institutionId: string;
  countyId: string;
  /** The resident's consent to share records across the county's institutions, as given at signing. */
  sharingConsent: boolean;
}

/** Who acts for a job: the audit log names the job instead of a person. */
export const jobActor = (job: string) => ({ requestId: `job:${job}`, ip: 'worker' });

/**
 * Family-doctor contracts (issue #4, domain.md §3): signing and applying,
 * the §3.2 transitions, renewal, county-wide sharing consent, and the
 * views with packages and fulfilment.
 */
@Injectable()
export class ContractsService {
  constructor(
    @InjectRepository(Contract) private readonly contracts: Repository<Contract>,
    @InjectRepository(ContractPackage) private readonly contractPackages: Repository<ContractPackage>,
    private readonly packages: ServicePackagesService,
    private readonly followUps: FollowUpsService,
    private readonly reads: ContractReads,
    private readonly orgs: OrganizationsService,
    private readonly residents: ResidentsService,
    private readonly policy: Policy,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly replicas: ReplicaReads,
  ) {}

  // ---- for other bounded contexts

  /** The resident's active or terminating contract, if any. */
  async openContractFor(residentId: string): Promise<OpenContractRef | null> {
    const c = await this.contracts.createQueryBuilder('c').select(['c.id', 'c.teamId', 'c.institutionId', 'c.countyId', 'c.sharingConsent'])
      .where('c.residentId = :residentId', { residentId }).andWhere('c.status IN (:...open)', { open: OPEN_CONTRACT_STATUSES }).getOne();
    return c ? { id: c.id, teamId: c.teamId, institutionId: c.institutionId, countyId: c.countyId, sharingConsent: c.sharingConsent } : null;
  }

  // ---- signing and applying

  /**
   * POST /contracts: a GP of the team signs (active, or scheduled for a
   * future start) or the resident applies (pending). The unique open key
   * turns a concurrent second signing into a 409.
   */
  async create(actor: Actor, dto: CreateContractDto): Promise<ContractView> {
    const signing = this.policy.roleMay(actor, 'sign', 'Contract');
    if (!signing) this.policy.assertRole(actor, 'apply', 'Contract');
    const team = await this.orgs.findTeam(dto.teamId);
    const resident = await this.residents.findById(dto.residentId);
    if (signing) {
      if (!team || !this.policy.can(actor, 'sign', 'Contract', { countyId: team.countyId, teamId: team.id, institutionId: team.institutionId })) {
        throw ProblemException.notFound('team');
      }
      if (!resident || resident.countyId !== team.countyId || !this.policy.can(actor, 'read', 'Resident', resident)) {
        throw ProblemException.notFound('resident');
      }
    } else {
      if (!resident || !this.policy.can(actor, 'apply', 'Contract', { residentId: resident.id, countyId: resident.countyId })) {
        throw ProblemException.notFound('resident');
      }
      if (!team || team.countyId !== resident.countyId) throw ProblemException.notFound('team');
    }
    if (team!.status !== 'active') throw ProblemException.conflict('team_inactive');
    if (resident!.status !== 'active') throw ProblemException.conflict('resident_not_active', { status: resident!.status });

    const today = this.clock.today();
    const countyPolicy = await this.orgs.policyFor(team!.countyId);
    assertStartDate(dto.startDate, today, signing ? 'team' : 'resident', countyPolicy.contract);
    const signWay: SignWay = dto.signWay ?? 'self';
    assertSignWay(signWay, ageOn(resident!.birthDate, today));
    const chosen = await this.choosePackages(dto.packageIds, team!.countyId, populationTags(resident!.tags, resident!.birthDate, today));
    const status: ContractStatus = signing ? statusOnSigning(dto.startDate, today) : 'pending';
    if (signing) await this.assertCapacity(team!.countyId, actor.userId, countyPolicy);

    const now = this.clock.now();
    const contract = this.contracts.create({
      id: newId(), countyId: team!.countyId, residentId: resident!.id, teamId: team!.id, institutionId: team!.institutionId,
      gpId: signing ? actor.userId : null, status, startDate: dto.startDate,
      endDate: contractEndDate(dto.startDate, countyPolicy.contract.termMonths), signWay, origin: signing ? 'team' : 'resident',
      signedAt: signing ? now : null, createdById: actor.userId, sharingConsent: dto.sharingConsent, sharingConsentAt: now,
      predecessorId: null, successorId: null, renewed: false, terminationReason: null, terminationNote: null,
      terminationRequestedAt: null, terminatedAt: null, terminatedOn: null, closingReason: null, expiryNotified: false,
    });
    await this.tx.run(async (em) => {
      await this.insertContract(em, contract, chosen);
      if (status === 'active') await this.followUps.createPlan(em, contract, chosen.flatMap((p) => p.items));
      await this.audit.record(actor, {
        action: 'create', resourceType: 'contract', resourceId: contract.id, residentId: contract.residentId, countyId: contract.countyId,
        contextId: contract.id, detail: { status, packages: chosen.length, sharingConsent: dto.sharingConsent, signWay },
      }, em);
    });
    contract.version = 1;
    contract.createdAt = now;
    return this.viewOne(contract);
  }

  // ---- reading

  /**
   * GET /contracts: the caller's scope as a WHERE clause, keyset pages, one audit call per page. The page may come
   * from a read replica (ReplicaReads); the briefs and the audit use the primary.
   */
  async list(actor: Actor, query: ContractQueryDto): Promise<Page<ContractView>> {
    // clinicians list their own team unless they look a resident up (county-wide sharing is per resident, not a census)
    const clinician = this.policy.roleMay(actor, 'logService', 'Contract');
    const teamId = query.teamId ?? (clinician && !query.residentId ? actor.teamId ?? undefined : undefined);
    if (clinician && !teamId && !query.residentId) throw ProblemException.invalid('residentId', 'isDefined');
    const page = await this.replicas.read(actor, (on) => this.listPage(actor, query, teamId, on.queryRunner));
    const visible = page.items.filter((c) => this.sharedReadAllowed(actor, c));
    await this.audit.record(actor, visible.map((c) => ({
      action: 'read' as const, resourceType: 'contract', resourceId: c.id, residentId: c.residentId, countyId: c.countyId, contextId: c.id,
      detail: { via: 'list' },
    })));
    const briefs = await this.residents.briefs(visible.map((c) => c.residentId));
    return { items: visible.map((c) => contractView(c, briefs.get(c.residentId))), nextCursor: page.nextCursor };
  }

  private listPage(actor: Actor, query: ContractQueryDto, teamId: string | undefined, runner?: QueryRunner): Promise<Page<Contract>> {
    const qb = this.contracts.createQueryBuilder('c', runner);
    const scope = this.policy.scopeWhere(actor, 'read', 'Contract', 'c');
    if (scope) qb.andWhere(scope);
    if (actor.countyId) qb.andWhere('c.countyId = :county', { county: actor.countyId });
    if (teamId) qb.andWhere('c.teamId = :teamId', { teamId });
    if (query.residentId) qb.andWhere('c.residentId = :residentId', { residentId: query.residentId });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (!query.expiringBefore) return keysetPage(qb, [{ column: 'c.id', direction: 'DESC', value: (c) => c.id }], query);
    if (!query.status) qb.andWhere('c.status IN (:...open)', { open: OPEN_CONTRACT_STATUSES });
    qb.andWhere('c.endDate <= :before', { before: query.expiringBefore });
    return keysetPage(qb, [
      { column: 'c.endDate', direction: 'ASC', value: (c) => c.endDate },
      { column: 'c.id', direction: 'ASC', value: (c) => c.id },
    ], query);
  }

  /** GET /contracts/:id with packages and fulfilment; audited, with the sharing purpose when read from another institution. */
  async get(actor: Actor, id: string): Promise<ContractView> {
    // the contract, its resident and its package links in one statement; the plan read and the audit write side by side
    const loaded = await this.reads.withLinks(id);
    const c = loaded?.contract ?? null;
    this.policy.assertCan(actor, 'read', 'Contract', c, 'contract');
    if (!this.sharedReadAllowed(actor, c!)) throw ProblemException.notFound('contract');
    const [details] = await Promise.all([
      this.detailsOf([c!], loaded!.links),
      this.audit.record(actor, {
        action: 'read', resourceType: 'contract', resourceId: c!.id, residentId: c!.residentId, countyId: c!.countyId, contextId: c!.id,
        detail: { via: this.readsUnderSharing(actor, c!) ? 'county_sharing' : 'scope' },
      }),
    ]);
    return contractView(c!, residentBrief(loaded!.resident, this.clock.today()), details.get(c!.id));
  }

  /** GET /me/contracts: the signed-in resident's own contracts with packages and fulfilment. */
  async mine(actor: Actor, query: { limit?: number; cursor?: string }): Promise<Page<ContractView>> {
    if (!actor.residentId) throw ProblemException.forbidden();
    const qb = this.contracts.createQueryBuilder('c');
    const scope = this.policy.scopeWhere(actor, 'read', 'Contract', 'c');
    if (scope) qb.andWhere(scope);
    qb.andWhere('c.countyId = :county AND c.residentId = :resident', { county: actor.countyId, resident: actor.residentId });
    const page = await keysetPage(qb, [{ column: 'c.id', direction: 'DESC', value: (c) => c.id }], query);
    await this.audit.record(actor, page.items.map((c) => ({
      action: 'read' as const, resourceType: 'contract', resourceId: c.id, residentId: c.residentId, countyId: c.countyId, contextId: c.id,
    })));
    const details = await this.details(page.items, { careTeam: true });
    return mapPage(page, (c) => contractView(c, undefined, details.get(c.id)));
  }

  /**
   * A contract the caller may read, or 404: in the policy's scope, and when
   * read only under county-wide sharing, with the resident's consent to it.
   */
  async readable(actor: Actor, id: string): Promise<Contract> {
    const c = await this.contracts.findOneBy({ id });
    this.policy.assertCan(actor, 'read', 'Contract', c, 'contract');
    if (!this.sharedReadAllowed(actor, c!)) throw ProblemException.notFound('contract');
    return c!;
  }

  // ---- transitions (domain.md §3.2)

  /** PENDING → ACTIVE (start today or earlier) or SCHEDULED (future start); the confirming GP becomes the contract's GP. */
  confirm(actor: Actor, id: string, expected?: ExpectedVersion): Promise<ContractView> {
    return this.transition(actor, id, 'review', expected, async (em, c, today) => {
      const countyPolicy = await this.orgs.policyFor(c.countyId);
      const start = startOnConfirmation(c.startDate, today);
      const event: ContractEvent = statusOnSigning(start, today) === 'active' ? 'confirm' : 'schedule';
      const to = contractMachine.next(c.status, event);
      if (!c.predecessorId) await this.assertCapacity(c.countyId, actor.userId, countyPolicy, em);
      if (start !== c.startDate) {
        c.startDate = start;
        c.endDate = contractEndDate(start, countyPolicy.contract.termMonths);
      }
      c.status = to;
      c.gpId = actor.userId;
      c.signedAt = this.clock.now();
      await this.save(em, c);
      if (to === 'active') await this.activated(em, c, actor);
      return { event, detail: { startDate: c.startDate } };
    });
  }

  /** PENDING → REJECTED with the team's reason (YLZ 拒签原因). */
  reject(actor: Actor, id: string, dto: RejectContractDto, expected?: ExpectedVersion): Promise<ContractView> {
    return this.transition(actor, id, 'review', expected, async (em, c) => {
      c.status = contractMachine.next(c.status, 'reject');
      c.closingReason = dto.reason.trim();
      await this.save(em, c);
      await this.detachFromPredecessor(em, c);
      return { event: 'reject' };
    });
  }

  /** PENDING / SCHEDULED → CANCELLED, by the resident or the team. */
  cancel(actor: Actor, id: string, dto: CancelContractDto, expected?: ExpectedVersion): Promise<ContractView> {
    return this.transition(actor, id, 'cancel', expected, async (em, c) => {
      c.status = contractMachine.next(c.status, 'cancel');
      c.closingReason = dto.reason?.trim() || null;
      await this.save(em, c);
      await this.detachFromPredecessor(em, c);
      return { event: 'cancel' };
    });
  }

  /**
   * The team terminates at once (ACTIVE or TERMINATING → TERMINATED; on a
   * TERMINATING contract this approves the resident's request). A resident
   * asks: ACTIVE → TERMINATING, the team then approves or it is withdrawn.
   */
  terminate(actor: Actor, id: string, dto: TerminateContractDto, expected?: ExpectedVersion): Promise<ContractView> {
    return this.transition(actor, id, 'terminate', expected, async (em, c, today) => {
      const reason = assertTerminationReason(dto.reason, dto.note);
      const event: ContractEvent = actor.residentId ? 'request_termination' : 'terminate';
      const to = contractMachine.next(c.status, event);
      c.terminationReason = reason;
      c.terminationNote = dto.note?.trim() || null;
      if (to === 'terminating') {
        c.terminationRequestedAt = this.clock.now();
      } else {
        c.terminatedAt = this.clock.now();
        c.terminatedOn = today;
      }
      c.status = to;
      await this.save(em, c);
      if (to === 'terminated') await this.afterTermination(em, c, today, actor);
      return { event, detail: { reason } };
    });
  }

  /** TERMINATING → ACTIVE: the resident takes the request back, or the team declines it. */
  withdrawTermination(actor: Actor, id: string, expected?: ExpectedVersion): Promise<ContractView> {
    return this.transition(actor, id, actor.residentId ? 'cancel' : 'review', expected, async (em, c) => {
      c.status = contractMachine.next(c.status, 'withdraw_termination');
      c.terminationReason = null;
      c.terminationNote = null;
      c.terminationRequestedAt = null;
      await this.save(em, c);
      return { event: 'withdraw_termination' };
    });
  }

  /**
   * Renewal (续约): the successor starts the day after this contract ends
   * (§3.3). The team's renewal is scheduled (or active, when renewing an
   * expired contract within the grace days); the resident's is a pending
   * request the team confirms.
   */
  async renew(actor: Actor, id: string, dto: RenewContractDto, expected?: ExpectedVersion): Promise<ContractView> {
    let successor: Contract | undefined;
    await this.transition(actor, id, 'renew', expected, async (em, c, today) => {
      contractMachine.next(c.status, 'renew');
      if (c.successorId) {
        const existing = await em.getRepository(Contract).findOneBy({ id: c.successorId });
        if (existing && ['pending', 'scheduled', 'active'].includes(existing.status)) throw ProblemException.conflict('renewal_exists');
      }
      const countyPolicy = await this.orgs.policyFor(c.countyId);
      const start = renewalStartDate(c, today, countyPolicy.contract.renewalGraceDays);
      // after expiry the resident may have signed elsewhere: a renewal may not become a second open contract later
      if (c.status === 'expired' && (await this.openContractFor(c.residentId))) throw ProblemException.conflict('open_contract_exists');
      const resident = await this.residents.findById(c.residentId);
      if (!resident || resident.status !== 'active') throw ProblemException.conflict('resident_not_active', { status: resident?.status ?? 'unknown' });
      const signWay = dto.signWay ?? c.signWay;
      assertSignWay(signWay, ageOn(resident.birthDate, today));
      const packageIds = dto.packageIds ?? (await em.getRepository(ContractPackage).findBy({ contractId: c.id })).map((p) => p.packageId);
      const chosen = await this.choosePackages(packageIds, c.countyId, populationTags(resident.tags, resident.birthDate, today), em);
      const byTeam = !actor.residentId;
      const status: ContractStatus = byTeam ? statusOnSigning(start, today) : 'pending';
      const now = this.clock.now();
      successor = em.create(Contract, {
        id: newId(), countyId: c.countyId, residentId: c.residentId, teamId: c.teamId, institutionId: c.institutionId,
        gpId: byTeam ? actor.userId : null, status, startDate: start, endDate: contractEndDate(start, countyPolicy.contract.termMonths),
        signWay, origin: byTeam ? 'team' : 'resident', signedAt: byTeam ? now : null, createdById: actor.userId,
        sharingConsent: dto.sharingConsent, sharingConsentAt: now, predecessorId: c.id, successorId: null, renewed: false,
        terminationReason: null, terminationNote: null, terminationRequestedAt: null, terminatedAt: null, terminatedOn: null,
        closingReason: null, expiryNotified: false,
      });
      await this.insertContract(em, successor, chosen);
      c.successorId = successor.id;
      await this.save(em, c);
      if (status === 'active') await this.activated(em, successor, actor, chosen.flatMap((p) => p.items));
      await this.audit.record(actor, {
        action: 'create', resourceType: 'contract', resourceId: successor.id, residentId: c.residentId, countyId: c.countyId,
        contextId: successor.id, detail: { status, predecessorId: c.id, sharingConsent: dto.sharingConsent },
      }, em);
      successor.version = 1;
      successor.createdAt = now;
      return { event: 'renew', detail: { successorId: successor.id } };
    });
    return this.viewOne(successor!);
  }

  /** Give or withdraw the separate consent to county-wide sharing (PIPL Art. 15, 29). */
  setSharingConsent(actor: Actor, id: string, dto: SharingConsentDto, expected?: ExpectedVersion): Promise<ContractView> {
    return this.transition(actor, id, actor.residentId ? 'apply' : 'sign', expected, async (em, c) => {
      if (!['pending', 'scheduled', 'active', 'terminating'].includes(c.status)) {
        throw ProblemException.conflict('contract_closed', { status: c.status });
      }
      c.sharingConsent = dto.sharingConsent;
      c.sharingConsentAt = this.clock.now();
      await this.save(em, c);
      return { event: null, detail: { fields: ['sharingConsent'], given: dto.sharingConsent } };
    });
  }

  // ---- lifecycle steps shared with the worker

  /**
   * A contract just became active: a renewal's predecessor expires first
   * (renewed, §3.2) so the open key is free, then its plan is made.
   */
  async activated(em: EntityManager, c: Contract, actor: AuditActor, items?: PackageItem[]): Promise<void> {
    if (c.predecessorId) {
      const pred = await em.getRepository(Contract).findOneBy({ id: c.predecessorId });
      if (pred && (pred.status === 'active' || pred.status === 'terminating')) {
        await em.update(Contract, { id: pred.id }, { status: contractMachine.next(pred.status, 'expire'), renewed: true, version: () => 'version + 1' });
        await this.followUps.closePlan(em, pred.id, pred.endDate);
        await this.audit.record(actor, {
          action: 'transition', resourceType: 'contract', resourceId: pred.id, residentId: pred.residentId, countyId: pred.countyId,
          contextId: pred.id, detail: { from: pred.status, to: 'expired', event: 'expire', renewed: true },
        }, em);
      } else if (pred && pred.status === 'expired' && !pred.renewed) {
        await em.update(Contract, { id: pred.id }, { renewed: true, version: () => 'version + 1' });
      }
    }
    await this.followUps.createPlan(em, c, items ?? (await this.itemsOfContract(em, c.id)));
  }

  /** A terminated contract: its plan closes on `endOn` and a renewal not yet started is cancelled. */
  async afterTermination(em: EntityManager, c: Contract, endOn: CalendarDate, actor: AuditActor): Promise<void> {
    await this.followUps.closePlan(em, c.id, endOn);
    if (!c.successorId) return;
    const successor = await em.getRepository(Contract).findOneBy({ id: c.successorId });
    if (successor && contractMachine.can(successor.status, 'cancel')) {
      await em.update(Contract, { id: successor.id }, {
        status: contractMachine.next(successor.status, 'cancel'), closingReason: 'predecessor_terminated', version: () => 'version + 1',
      });
      await this.audit.record(actor, {
        action: 'transition', resourceType: 'contract', resourceId: successor.id, residentId: successor.residentId,
        countyId: successor.countyId, contextId: successor.id, detail: { from: successor.status, to: 'cancelled', event: 'cancel' },
      }, em);
    }
  }

  // ---- internals

  /**
   * One transition = one transaction: lock the row, check role and scope,
   * the version, then the state machine (inside `work`), save, audit.
   */
  private async transition(
    actor: Actor,
    id: string,
    action: Action,
    expected: ExpectedVersion | undefined,
    work: (em: EntityManager, c: Contract, today: CalendarDate) => Promise<{ event: ContractEvent | null; detail?: AuditDetail }>,
  ): Promise<ContractView> {
    const c = await this.tx.run(async (em) => {
      const c = await this.lockInRenewalOrder(em, id);
      this.policy.assertCan(actor, action, 'Contract', c, 'contract');
      assertVersion(c!.version, expected);
      const from = c!.status;
      const { event, detail } = await work(em, c!, this.clock.today());
      await this.audit.record(actor, {
        action: event ? 'transition' : 'update', resourceType: 'contract', resourceId: c!.id, residentId: c!.residentId,
        countyId: c!.countyId, contextId: c!.id, detail: { from, to: c!.status, ...(event ? { event } : {}), ...(detail ?? {}) },
      }, em);
      return c!;
    });
    return this.viewOne(c);
  }

  /**
   * Locks a contract, its predecessor first: every path that touches both
   * rows (renewal, termination, activation, cancelling a renewal) takes them
   * in that order, so two of them never deadlock.
   */
  async lockInRenewalOrder(em: EntityManager, id: string): Promise<Contract | null> {
    const repo = em.getRepository(Contract);
    const probe = await repo.findOne({ where: { id }, select: { id: true, predecessorId: true } });
    if (probe?.predecessorId) await this.tx.forUpdate(repo.createQueryBuilder('p').where('p.id = :id', { id: probe.predecessorId })).getOne();
    return this.tx.forUpdate(repo.createQueryBuilder('c').where('c.id = :id', { id })).getOne();
  }

  private async save(em: EntityManager, c: Contract): Promise<void> {
    const { openResidentId: _open, renewalResidentId: _renewal, version: _version, createdAt: _created, updatedAt: _updated, ...fields } = c;
    await em.update(Contract, { id: c.id }, { ...fields, version: () => 'version + 1' });
    c.version += 1;
  }

  /** Inserts the contract and its packages; the open/renewal unique keys answer a clean 409. */
  private async insertContract(em: EntityManager, c: Contract, chosen: PackageWithItems[]): Promise<void> {
    try {
      await em.insert(Contract, c);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      throw ProblemException.conflict(/renewal/.test(violatedIndex(e) ?? '') ? 'renewal_exists' : 'open_contract_exists');
    }
    await em.insert(ContractPackage, chosen.map(({ pkg }) => ({
      id: newId(), countyId: c.countyId, contractId: c.id, packageId: pkg.id, priceFen: pkg.priceFen, selfPayFen: pkg.selfPayFen,
    })));
  }

  /** Active packages of the county that fit the resident and promise no item twice. */
  private async choosePackages(ids: string[], countyId: string, residentTags: string[], em?: EntityManager): Promise<PackageWithItems[]> {
    const found = await this.packages.withItems(ids, em);
    const chosen = ids.map((id, i) => {
      const p = found.get(id);
      if (!p || p.pkg.countyId !== countyId) throw ProblemException.invalid(`packageIds.${i}`, 'package_not_found');
      if (!p.pkg.active) throw ProblemException.conflict('package_inactive', { code: p.pkg.code });
      if (!packageFitsResident(p.pkg, residentTags)) throw ProblemException.conflict('package_not_for_resident', { code: p.pkg.code });
      return p;
    });
    const overlap = overlappingItemCode(chosen);
    if (overlap) throw ProblemException.conflict('package_items_overlap', { code: overlap });
    return chosen;
  }

  /** A GP's panel: active contracts plus the new ones already promised (domain.md §3.3, team.maxActivePerGp). */
  private async assertCapacity(countyId: string, gpId: string, countyPolicy: CountyPolicy, em?: EntityManager): Promise<void> {
    const held = await (em?.getRepository(Contract) ?? this.contracts).createQueryBuilder('c')
      .where('c.countyId = :countyId AND c.gpId = :gpId', { countyId, gpId })
      .andWhere("(c.status IN ('active', 'terminating') OR (c.status = 'scheduled' AND c.predecessorId IS NULL))")
      .getCount();
    if (held >= countyPolicy.contract.maxActivePerGp) {
      throw new BusinessRuleError('gp_at_capacity', 'the GP has reached the maximum number of active contracts', {
        max: countyPolicy.contract.maxActivePerGp,
      });
    }
  }

  /** A cancelled or rejected renewal frees its predecessor for another renewal. */
  private async detachFromPredecessor(em: EntityManager, c: Contract): Promise<void> {
    if (c.predecessorId) {
      await em.createQueryBuilder().update(Contract).set({ successorId: null, version: () => 'version + 1' })
        .where('id = :id AND successor_id = :successor', { id: c.predecessorId, successor: c.id }).execute();
    }
  }

  private async itemsOfContract(em: EntityManager, contractId: string): Promise<PackageItem[]> {
    const links = await em.getRepository(ContractPackage).findBy({ contractId });
    const found = await this.packages.withItems(links.map((l) => l.packageId), em);
    return [...found.values()].flatMap((p) => p.items);
  }

  /** Whether the caller reads this contract only under county-wide sharing (not as its team, institution, county or resident). */
  private readsUnderSharing(actor: Actor, c: Contract): boolean {
    return !this.policy.can(actor, 'read', 'Contract', { ...c, status: undefined });
  }

  /** Reading under county-wide sharing needs the resident's consent, unless the caller works at the signing institution. */
  private sharedReadAllowed(actor: Actor, c: Contract): boolean {
    return !this.readsUnderSharing(actor, c) || mayShareWithInstitution(c, actor.institutionId);
  }

  private async viewOne(c: Contract): Promise<ContractView> {
    const [details, briefs] = await Promise.all([this.details([c]), this.residents.briefs([c.residentId])]);
    return contractView(c, briefs.get(c.residentId), details.get(c.id));
  }

  /**
   * Care team, packages and fulfilment of a page of contracts, one query per
   * kind of record (never per contract). Before a contract starts, its
   * fulfilment is the promise over its dates with nothing delivered yet.
   */
  private async details(contracts: Contract[], include: { careTeam?: boolean } = {}): Promise<Map<string, ContractDetail>> {
    if (contracts.length === 0) return new Map();
    // packages in the order they were defined (ContractReads.withLinks orders them the same way)
    const links = await this.contractPackages.find({ where: { contractId: In(contracts.map((c) => c.id)) }, order: { packageId: 'ASC' } });
    return this.detailsOf(contracts, links, include);
  }

  /** The details of contracts whose package links are already loaded: packages from memory, the plan in one statement. */
  private async detailsOf(
    contracts: Contract[], links: ContractPackage[], include: { careTeam?: boolean } = {},
  ): Promise<Map<string, ContractDetail>> {
    const [pkgs, plan, careTeams] = await Promise.all([
      this.packages.withItems(links.map((l) => l.packageId)),
      this.reads.plan(contracts.map((c) => c.id)),
      include.careTeam ? this.careTeams(contracts) : new Map<string, CareTeamView>(),
    ]);
    const out = new Map<string, ContractDetail>();
    for (const c of contracts) {
      const careTeam = careTeams.get(c.id);
      const mine = links.filter((l) => l.contractId === c.id);
      const packages = mine.flatMap((l) => {
        const p = pkgs.get(l.packageId);
        if (!p) return [];
        return [{
          id: p.pkg.id, code: p.pkg.code, name: p.pkg.name, kind: p.pkg.kind, priceYuan: l.priceFen / 100, selfPayYuan: l.selfPayFen / 100,
          items: p.items.map((i) => ({ code: i.code, name: i.name, timesPerYear: i.timesPerYear, modality: i.modality, requiredData: i.requiredData })),
        }];
      });
      const windows = plan.filter((w) => w.contractId === c.id);
      const items = packages.flatMap((p) => p.items);
      const rows = windows.length > 0
        ? windows.map((w) => ({ itemCode: w.itemCode!, itemName: w.itemName, modality: w.modality, dueCount: w.dueCount, deliveredCount: w.deliveredCount, status: w.status }))
        : items.flatMap((i) => planWindows(i, c.startDate, c.endDate).map((w) => ({
          itemCode: i.code, itemName: i.name, modality: i.modality, dueCount: w.dueCount, deliveredCount: 0, status: 'open' as const,
        })));
      const order = new Map(items.map((i, n) => [i.code, n]));
      rows.sort((a, b) => (order.get(a.itemCode) ?? 0) - (order.get(b.itemCode) ?? 0));
      out.set(c.id, { careTeam, packages, fulfilment: fulfilment(rows) });
    }
    return out;
  }

  /**
   * Who looks after each contract's resident, as the resident sees it (the
   * team, its service phone, the institution, the GP's display name): three
   * queries for a page, only where the resident reads their own contracts,
   * so the clinicians' hot contract read pays nothing for it.
   */
  private async careTeams(contracts: Contract[]): Promise<Map<string, CareTeamView>> {
    const [teams, institutions, gps] = await Promise.all([
      this.orgs.findTeams(contracts.map((c) => c.teamId)),
      this.orgs.findInstitutions(contracts.map((c) => c.institutionId)),
      this.users.findByIds([...new Set(contracts.flatMap((c) => (c.gpId ? [c.gpId] : [])))]),
    ]);
    const teamById = new Map(teams.map((t) => [t.id, t]));
    const institutionName = new Map(institutions.map((i) => [i.id, i.name]));
    const gpName = new Map(gps.map((u) => [u.id, u.displayName]));
    return new Map(contracts.map((c) => {
      const team = teamById.get(c.teamId);
      return [c.id, {
        teamId: c.teamId, teamName: team?.name ?? '', servicePhone: team?.servicePhone ?? null, institutionId: c.institutionId,
        institutionName: institutionName.get(c.institutionId) ?? '', gpName: c.gpId ? gpName.get(c.gpId) ?? null : null,
      }];
    }));
  }
}
