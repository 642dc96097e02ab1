import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditDetail, AuditService } from '@countycare/audit';
import { Action, Policy, UsersService } from '@countycare/auth';
import {
  Actor, assertVersion, Clock, ExpectedVersion, isUniqueViolation, keysetPage, newId, Page, ProblemException,
} from '@countycare/common';
import { ReplicaReads, TransactionRunner } from '@countycare/database';
import {
  assertMayApprove, assertMayReject, assertReassessmentAllowsExtension, assertReferralFitsOutcome, bedDays, BusinessRuleError,
  cycleEndDate, InstitutionLevel, InvalidValueError, mayRunSickbeds, nextCycle, normalizeDiagnoses, normalizeIcd10,
  parseCalendarDate, resolveRoundPlan, ROUND_KINDS, RoundKind, SickbedEvent, SickbedStateMachine, SickbedStatus,
  validateAssessment, validateClosureDate, validateStartDate,
} from '@countycare/domain';
import { ContractsService } from '@countycare/contracts';
import { NotificationsService } from '@countycare/notifications';
import { OrganizationsService } from '@countycare/organizations';
import { ReferralsService } from '@countycare/referrals';
import { CareRelations, ResidentsService } from '@countycare/residents';
import { EntityManager, Repository } from 'typeorm';
import {
  AssessSickbedDto, CloseSickbedDto, CreateSickbedDto, ExtendSickbedDto, OpenSickbedDto, SickbedReasonDto, SickbedQueryDto, UpdateSickbedDto,
} from './dto/sickbeds.dto';
import { RoundSchedule } from './entities/round-schedule.entity';
import { SickbedAssessment } from './entities/sickbed-assessment.entity';
import { SickbedCycle } from './entities/sickbed-cycle.entity';
import { SickbedOrder } from './entities/sickbed-order.entity';
import { Sickbed } from './entities/sickbed.entity';
import { SickbedDetailView, SickbedView } from './http/sickbed.view';
import { lockSickbed, nextDueFor, pauseRoundSchedules } from './sickbed-support';
import { SickbedViews } from './sickbed-views.service';

/**
 * Household-sickbed episodes (issue #5, domain.md §4): application,
 * assessment, approval, opening, extension and closure. Every transition is
 * one transaction that locks the episode, checks scope, version and the
 * state machine, writes, and audits.
 */
@Injectable()
export class SickbedsService {
  constructor(
    @InjectRepository(Sickbed) private readonly sickbeds: Repository<Sickbed>,
    private readonly views: SickbedViews,
    private readonly policy: Policy,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly residents: ResidentsService,
    private readonly orgs: OrganizationsService,
    private readonly users: UsersService,
    private readonly referrals: ReferralsService,
    private readonly contracts: ContractsService,
    private readonly notifications: NotificationsService,
    private readonly replicas: ReplicaReads,
  ) {}

  /**
   * 家床申请 (§4.2 apply: "doctor or resident applies"); one open episode per
   * resident (§4.3). A GP applies for the institution and team they work in,
   * with the admission opinion; a resident applies for themselves through the
   * family-doctor team of their open contract, which is told and writes the
   * opinion before submitting.
   */
  async apply(actor: Actor, dto: CreateSickbedDto): Promise<SickbedDetailView> {
    const byResident = !this.policy.roleMay(actor, 'open', 'Sickbed');
    this.policy.assertRole(actor, byResident ? 'apply' : 'open', 'Sickbed');
    const resident = await this.residents.findById(dto.residentId);
    if (!resident || !this.policy.can(actor, 'read', 'Resident', resident)) throw ProblemException.notFound('resident');
    let place: { institutionId: string | null; teamId: string | null };
    if (byResident) {
      if (dto.admissionIndication !== undefined) throw ProblemException.invalid('admissionIndication', 'sickbed_indication_by_doctor');
      const contract = await this.contracts.openContractFor(resident.id);
      if (!contract) throw new BusinessRuleError('sickbed_needs_contract', 'a resident applies through the family-doctor team of an open contract');
      place = { institutionId: contract.institutionId, teamId: contract.teamId };
    } else {
      if (dto.admissionIndication === undefined) throw ProblemException.invalid('admissionIndication', 'isDefined');
      place = { institutionId: actor.institutionId, teamId: actor.teamId };
    }
    const institution = place.institutionId ? await this.orgs.findInstitution(place.institutionId) : null;
    if (!institution || institution.countyId !== resident.countyId) throw ProblemException.notFound('resident');
    if (!mayRunSickbeds(institution.level as InstitutionLevel)) {
      throw new BusinessRuleError('sickbed_institution_level', 'household sickbeds are run by primary care or a county hospital');
    }
    const now = this.clock.now();
    const episode = this.sickbeds.create({
      id: newId(), countyId: resident.countyId, institutionId: institution.id, teamId: place.teamId, residentId: resident.id,
      status: 'applied', origin: byResident ? 'resident' : 'team', appliedById: actor.userId, appliedAt: now,
      conditionSummary: dto.conditionSummary.trim(), admissionIndication: dto.admissionIndication?.trim() ?? null,
      diagnosisDate: dto.diagnosisDate ? parseCalendarDate(dto.diagnosisDate, 'diagnosisDate') : null,
      responsibleDoctorId: byResident ? null : actor.userId, cycleNo: 0,
    });
    this.policy.assertCan(actor, byResident ? 'apply' : 'open', 'Sickbed', episode, 'resident');
    await this.tx.run(async (em) => {
      try {
        await em.insert(Sickbed, episode);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        const open = await em.getRepository(Sickbed).findOneBy({ openResidentId: resident.id });
        const visible = open && this.policy.can(actor, 'read', 'Sickbed', open);
        throw ProblemException.conflict('sickbed_already_open', {}, visible ? { sickbedId: open.id } : {});
      }
      await this.audit.record(actor, {
        action: 'create', resourceType: 'sickbed', resourceId: episode.id, residentId: resident.id, countyId: resident.countyId,
        detail: { origin: episode.origin },
      }, em);
      if (byResident) {
        await this.notifications.notify({
          dedupeKey: `sickbed_applied:${episode.id}`, countyId: episode.countyId, kind: 'sickbed_applied', subjectType: 'sickbed',
          subjectId: episode.id, residentId: resident.id, recipientTeamId: episode.teamId, data: { origin: 'resident' },
        }, em);
      }
    });
    return this.views.detail(await this.sickbeds.findOneByOrFail({ id: episode.id }));
  }

  /** Amends an application that is not submitted (or was returned). */
  amend(actor: Actor, id: string, dto: UpdateSickbedDto, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'open', 'amend', expected, async (_em, s) => {
      const fields: string[] = [];
      if (dto.conditionSummary !== undefined) { s.conditionSummary = dto.conditionSummary.trim(); fields.push('conditionSummary'); }
      if (dto.admissionIndication !== undefined) { s.admissionIndication = dto.admissionIndication.trim(); fields.push('admissionIndication'); }
      if (dto.diagnosisDate !== undefined) { s.diagnosisDate = parseCalendarDate(dto.diagnosisDate, 'diagnosisDate'); fields.push('diagnosisDate'); }
      return { fields };
    });
  }

  /** A resident's application goes to assessment once a GP has written the admission opinion. */
  submit(actor: Actor, id: string, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'open', 'submit', expected, async (_em, s, now) => {
      if (!s.admissionIndication) throw new BusinessRuleError('sickbed_indication_missing', 'write the admission opinion before submitting');
      s.submittedAt = now;
    });
  }

  /** Records the 建床评估 (or a new one after a return); the state stays assessing. */
  assess(actor: Actor, id: string, dto: AssessSickbedDto, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'open', 'assess', expected, async (em, s, now) => {
      validateAssessment(dto);
      const assessment = em.create(SickbedAssessment, {
        id: newId(), countyId: s.countyId, episodeId: s.id, residentId: s.residentId, kind: 'admission', cycleNo: null,
        result: dto.result, criteria: { ...dto.criteria }, functionalScore: dto.functionalScore ?? null, consentSigned: dto.consentSigned,
        agreementSigned: dto.agreementSigned, reason: dto.reason?.trim() || null, assessedById: actor.userId, assessedAt: now,
      });
      await em.insert(SickbedAssessment, assessment);
      s.latestAssessmentId = assessment.id;
      return { assessmentId: assessment.id, result: dto.result, consentSigned: dto.consentSigned, agreementSigned: dto.agreementSigned };
    });
  }

  approve(actor: Actor, id: string, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'open', 'approve', expected, async (em, s, now) => {
      assertMayApprove(await this.latestAssessment(em, s));
      this.decide(actor, s, now, null);
    });
  }

  reject(actor: Actor, id: string, dto: SickbedReasonDto, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'open', 'reject', expected, async (em, s, now) => {
      assertMayReject(await this.latestAssessment(em, s));
      this.decide(actor, s, now, dto.reason);
    });
  }

  /**
   * 退回: back to the applicant, who amends and resubmits (B-soft status 3).
   * The amended application needs a fresh assessment; earlier ones stay on record.
   */
  returnToApplicant(actor: Actor, id: string, dto: SickbedReasonDto, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'open', 'return', expected, async (_em, s, now) => {
      this.decide(actor, s, now, dto.reason);
      s.latestAssessmentId = null;
    });
  }

  cancel(actor: Actor, id: string, dto: SickbedReasonDto, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'cancel', 'cancel', expected, async (_em, s, now) => {
      s.cancelledAt = now;
      s.cancelReason = dto.reason.trim();
    });
  }

  /**
   * 建床: responsible doctor and nurse of the institution, start date, cycle
   * end, diagnosis and the round plan; the first doctor round and nurse visit
   * are scheduled (§4.2 open guard).
   */
  open(actor: Actor, id: string, dto: OpenSickbedDto, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'open', 'open', expected, async (em, s, now) => {
      const latest = await this.latestAssessment(em, s);
      assertMayApprove(latest);
      await this.assertClinician(dto.responsibleDoctorId, 'gp', s.institutionId, 'responsibleDoctorId', 'responsible_doctor_invalid');
      await this.assertClinician(dto.responsibleNurseId, 'nurse', s.institutionId, 'responsibleNurseId', 'responsible_nurse_invalid');
      const startDate = parseCalendarDate(dto.startDate, 'startDate');
      validateStartDate(startDate, this.clock.today());
      const county = (await this.orgs.policyFor(s.countyId)).sickbed;
      const plan = resolveRoundPlan(county, dto.plan ?? {});
      const plannedEndDate = cycleEndDate(startDate, county.maxCycleDays, dto.plannedEndDate);
      Object.assign(s, {
        responsibleDoctorId: dto.responsibleDoctorId, responsibleNurseId: dto.responsibleNurseId, bedType: dto.bedType,
        admissionDiagnosisCode: normalizeIcd10(dto.admissionDiagnosis.code, 'admissionDiagnosis.code'),
        admissionDiagnosisName: dto.admissionDiagnosis.name.trim(), startDate, plannedEndDate, cycleNo: 1, cycleStartDate: startDate,
        openedAt: now, openedById: actor.userId, firstRoundHours: plan.firstRoundHours, doctorIntervalDays: plan.doctorRoundIntervalDays,
        nurseIntervalDays: plan.nurseVisitIntervalDays,
      });
      await em.insert(SickbedCycle, {
        id: newId(), countyId: s.countyId, episodeId: s.id, cycleNo: 1, startDate, plannedEndDate, assessmentId: latest!.id,
        createdById: actor.userId, createdAt: now,
      });
      await em.insert(RoundSchedule, ROUND_KINDS.map((kind) => this.newSchedule(s, kind)));
      return { bedType: dto.bedType, fields: ['responsibleDoctorId', 'responsibleNurseId', 'startDate', 'plannedEndDate', 'admissionDiagnosis'] };
    });
  }

  /** 续床: a reassessment, then cycle + 1 from the day after the current planned end (§4.2 extend, §4.3 Extension). */
  extend(actor: Actor, id: string, dto: ExtendSickbedDto, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'extend', 'extend', expected, async (em, s, now) => {
      assertReassessmentAllowsExtension(dto.reassessment);
      const county = (await this.orgs.policyFor(s.countyId)).sickbed;
      const next = nextCycle({ cycleNo: s.cycleNo, plannedEndDate: s.plannedEndDate! }, this.clock.today(), county.maxCycleDays, dto.plannedEndDate);
      const reassessment = em.create(SickbedAssessment, {
        id: newId(), countyId: s.countyId, episodeId: s.id, residentId: s.residentId, kind: 'reassessment', cycleNo: next.cycleNo,
        result: dto.reassessment.result, criteria: { ...dto.reassessment.criteria }, functionalScore: dto.reassessment.functionalScore ?? null,
        consentSigned: dto.reassessment.consentSigned ?? false, agreementSigned: dto.reassessment.agreementSigned ?? false,
        reason: dto.reassessment.reason?.trim() || null, assessedById: actor.userId, assessedAt: now,
      });
      await em.insert(SickbedAssessment, reassessment);
      await em.insert(SickbedCycle, {
        id: newId(), countyId: s.countyId, episodeId: s.id, cycleNo: next.cycleNo, startDate: next.startDate,
        plannedEndDate: next.plannedEndDate, assessmentId: reassessment.id, createdById: actor.userId, createdAt: now,
      });
      Object.assign(s, { cycleNo: next.cycleNo, cycleStartDate: next.startDate, plannedEndDate: next.plannedEndDate, latestAssessmentId: reassessment.id });
      return { cycleNo: next.cycleNo, assessmentId: reassessment.id };
    });
  }

  /**
   * 预撤床: closure date, outcome, closure diagnosis and summary (§4.2
   * recordClosure). Rounds stop being due. With outcome
   * transferred_to_hospital, a `referral` block creates the linked
   * up-referral in this same transaction: both are written or neither. On a
   * closing bed it records the closure again (e.g. the doctor's summary after
   * an admission closed the bed); a linked referral is never made twice.
   */
  close(actor: Actor, id: string, dto: CloseSickbedDto, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'close', 'close', expected, async (em, s, now) => {
      const closureDate = parseCalendarDate(dto.closureDate, 'closureDate');
      validateClosureDate(closureDate, s.startDate!, this.clock.today());
      assertReferralFitsOutcome(dto.outcome, dto.referral !== undefined);
      if (dto.referral && s.linkedReferralId) throw ProblemException.conflict('sickbed_referral_exists', {}, { referralId: s.linkedReferralId });
      const referralDiagnoses = dto.referral ? normalizeDiagnoses(dto.referral.diagnoses, 'referral.diagnoses') : [];
      Object.assign(s, {
        closureDate, closureOutcome: dto.outcome,
        closureDiagnosisCode: normalizeIcd10(dto.closureDiagnosis.code, 'closureDiagnosis.code'),
        closureDiagnosisName: dto.closureDiagnosis.name.trim(), closureSummary: dto.summary.trim(),
        conditionAtClosure: dto.conditionAtClosure?.trim() || null, closureAdvice: dto.advice?.trim() || null,
        closureRecordedAt: now, closureRecordedById: actor.userId,
      });
      await pauseRoundSchedules(em, s.id);
      const detail: AuditDetail = { outcome: dto.outcome, fields: ['closureDate', 'closureDiagnosis', 'summary'] };
      if (dto.referral) {
        const input = dto.referral;
        const referral = await underField('referral', () => this.referrals.createUpReferral(em, actor, {
          residentId: s.residentId, toInstitutionId: input.toInstitutionId, department: input.department?.trim() || undefined,
          urgency: input.urgency, kind: 'inpatient', reason: input.reason, diagnoses: referralDiagnoses, summary: input.summary, sourceSickbedId: s.id,
          consentToShare: input.consentToShare,
        }));
        s.linkedReferralId = referral.id;
        detail.referralId = referral.id;
      }
      return detail;
    });
  }

  /** 取消撤床: back to active; rounds fall due again from the last ones. A linked referral stays (the desk or GP cancels it there). */
  undoClose(actor: Actor, id: string, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'close', 'undo_close', expected, async (em, s) => {
      Object.assign(s, {
        closureDate: null, closureOutcome: null, closureDiagnosisCode: null, closureDiagnosisName: null, closureSummary: null,
        conditionAtClosure: null, closureAdvice: null, closureRecordedAt: null, closureRecordedById: null,
      });
      await this.resumeSchedules(em, s);
    });
  }

  /** 撤床 final: bed days stored, orders still in force stopped (nothing deleted). */
  finalize(actor: Actor, id: string, expected?: ExpectedVersion): Promise<SickbedDetailView> {
    return this.transition(actor, id, 'close', 'finalize', expected, async (em, s, now) => {
      const days = bedDays(s.startDate!, s.closureDate!);
      Object.assign(s, { closedAt: now, closedById: actor.userId, bedDays: days });
      const stopped = await em.createQueryBuilder().update(SickbedOrder)
        .set({ status: 'stopped', stoppedAt: now, stoppedById: actor.userId, stopReason: 'episode_closed' })
        .where('episode_id = :id AND status = :active', { id: s.id, active: 'active' })
        .execute();
      return { bedDays: days, ordersStopped: stopped.affected ?? 0 };
    });
  }

  // ---- reads

  async get(actor: Actor, id: string): Promise<SickbedDetailView> {
    const s = await this.readable(actor, id);
    await this.audit.record(actor, { action: 'read', resourceType: 'sickbed', resourceId: s.id, residentId: s.residentId, countyId: s.countyId });
    return this.views.detail(s);
  }

  /** Episodes in the caller's scope, newest first. The page itself may come from a read replica (ReplicaReads); the views and the audit use the primary. */
  async list(actor: Actor, query: SickbedQueryDto): Promise<Page<SickbedView>> {
    const page = await this.replicas.read(actor, (on) => {
      const qb = this.sickbeds.createQueryBuilder('s', on.queryRunner);
      const scope = this.policy.scopeWhere(actor, 'read', 'Sickbed', 's');
      if (scope) qb.andWhere(scope);
      // every episode lives in its resident's county: lets the county-leading indexes serve the scope (else a scan of all episodes)
      if (actor.countyId) qb.andWhere('s.countyId = :countyId', { countyId: actor.countyId });
      if (query.status) qb.andWhere('s.status = :status', { status: query.status });
      if (query.doctorId) qb.andWhere('s.responsibleDoctorId = :doctorId', { doctorId: query.doctorId });
      if (query.nurseId) qb.andWhere('s.responsibleNurseId = :nurseId', { nurseId: query.nurseId });
      if (query.teamId) qb.andWhere('s.teamId = :teamId', { teamId: query.teamId });
      if (query.residentId) qb.andWhere('s.residentId = :residentId', { residentId: query.residentId });
      return keysetPage(qb, [{ column: 's.id', direction: 'DESC', value: (s) => s.id }], query);
    });
    await this.audit.record(actor, page.items.map((s) => ({
      action: 'read' as const, resourceType: 'sickbed', resourceId: s.id, residentId: s.residentId, countyId: s.countyId, detail: { via: 'list' },
    })));
    return { items: await this.views.many(page.items), nextCursor: page.nextCursor };
  }

  /** The team and responsible clinicians of the resident's open episode, if any. */
  async careRelationsOf(resident: { id: string }): Promise<Partial<CareRelations>> {
    const open = await this.sickbeds.findOne({
      where: { openResidentId: resident.id }, select: { id: true, teamId: true, responsibleDoctorId: true, responsibleNurseId: true },
    });
    if (!open) return {};
    return {
      careTeamIds: open.teamId ? [open.teamId] : [],
      careUserIds: [open.responsibleDoctorId, open.responsibleNurseId].filter((id): id is string => !!id),
    };
  }

  /** The episode if the caller may read it; 404 (audited as denied) otherwise. */
  async readable(actor: Actor, id: string): Promise<Sickbed> {
    this.policy.assertRole(actor, 'read', 'Sickbed');
    const s = await this.sickbeds.findOneBy({ id });
    if (!s || !this.policy.can(actor, 'read', 'Sickbed', s)) {
      if (s) {
        await this.audit.record(actor, {
          action: 'read', resourceType: 'sickbed', resourceId: id, residentId: s.residentId, countyId: s.countyId, outcome: 'denied',
        });
      }
      throw ProblemException.notFound('sickbed');
    }
    return s;
  }

  // ---- helpers

  private async transition(
    actor: Actor,
    id: string,
    action: Action,
    event: SickbedEvent,
    expected: ExpectedVersion | undefined,
    apply: (em: EntityManager, s: Sickbed, now: Date) => Promise<AuditDetail | void>,
  ): Promise<SickbedDetailView> {
    const episode = await this.tx.run(async (em) => {
      const s = await lockSickbed(this.tx, em, id);
      this.policy.assertCan(actor, action, 'Sickbed', s, 'sickbed');
      assertVersion(s!.version, expected);
      const from: SickbedStatus = s!.status;
      const to = SickbedStateMachine.next(from, event);
      const detail = await apply(em, s!, this.clock.now());
      s!.status = to;
      await em.save(Sickbed, s!);
      await this.audit.record(actor, {
        action: 'transition', resourceType: 'sickbed', resourceId: s!.id, residentId: s!.residentId, countyId: s!.countyId,
        detail: { event, from, to, ...(detail ?? {}) },
      }, em);
      return s!;
    });
    return this.views.detail(episode);
  }

  private async latestAssessment(em: EntityManager, s: Sickbed): Promise<SickbedAssessment | null> {
    return s.latestAssessmentId ? em.getRepository(SickbedAssessment).findOneBy({ id: s.latestAssessmentId }) : null;
  }

  private decide(actor: Actor, s: Sickbed, now: Date, reason: string | null): void {
    s.decidedById = actor.userId;
    s.decidedAt = now;
    s.decisionReason = reason?.trim() || null;
  }

  /** A responsible clinician is an active account of the right role at the episode's institution. */
  private async assertClinician(userId: string, role: 'gp' | 'nurse', institutionId: string, field: string, code: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || user.role !== role || user.institutionId !== institutionId || user.status !== 'active') {
      throw ProblemException.invalid(field, code);
    }
  }

  private newSchedule(s: Sickbed, kind: RoundKind): RoundSchedule {
    return Object.assign(new RoundSchedule(), {
      id: newId(), countyId: s.countyId, episodeId: s.id, kind, assigneeId: kind === 'doctor' ? s.responsibleDoctorId! : s.responsibleNurseId!,
      institutionId: s.institutionId, teamId: s.teamId, residentId: s.residentId, responsibleDoctorId: s.responsibleDoctorId!,
      responsibleNurseId: s.responsibleNurseId!, dueAt: nextDueFor(s, kind, null, this.clock.timeZone), lastRoundAt: null, overdueNotifiedDueAt: null,
    });
  }

  private async resumeSchedules(em: EntityManager, s: Sickbed): Promise<void> {
    for (const schedule of await em.getRepository(RoundSchedule).findBy({ episodeId: s.id })) {
      await em.update(RoundSchedule, { id: schedule.id }, { dueAt: nextDueFor(s, schedule.kind, schedule.lastRoundAt, this.clock.timeZone) });
    }
  }
}

/** Runs another context's use case for a nested block of the request, so its field errors name the block (`referral.toInstitutionId`). */
async function underField<T>(prefix: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof InvalidValueError) throw new InvalidValueError(`${prefix}.${e.field}`, e.code, e.message, e.params);
    if (e instanceof ProblemException && e.errors.length > 0) {
      throw new ProblemException(e.status, e.code, e.params, e.errors.map((f) => ({ ...f, field: `${prefix}.${f.field}` })), e.headers, e.extensions);
    }
    throw e;
  }
}
