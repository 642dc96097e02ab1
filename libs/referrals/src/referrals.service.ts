import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@countycare/audit';
import { Action, Policy } from '@countycare/auth';
import {
  Actor, assertVersion, Clock, ExpectedVersion, FieldCipher, isUniqueViolation, keysetPage, mapPage, newId, Page, ProblemException, violatedIndex,
} from '@countycare/common';
import { ReplicaReads, TransactionRunner } from '@countycare/database';
import {
  addDays, arriveBy, assertKindPriority, assertReferralRoute, DESK_OPEN_STATUSES, InsuranceType, maskInsuranceNo, normalizeInsuranceNo, RedFlag,
  ReferralKind, referralConsent, suggestedUrgency, UrgentSign, urgentSigns, buildReferralNo, calendarDateIn, ChainPredecessor, continuousDeductible, CountyPolicy,
  InvalidValueError, nextReferralStatus, normalizeDiagnoses, ReferralAction, referralActions, ReferralDiagnosis, ReferralDirection,
  ReferralStatus, ReferralUrgency, replyDeadline, sourceStayCredit, standardDeductibleFen, yuanToFen,
} from '@countycare/domain';
import { ContractsService, FollowUpsService } from '@countycare/contracts';
import { NotificationsService } from '@countycare/notifications';
import { Institution, OrganizationsService } from '@countycare/organizations';
import { CareRelations, Resident, residentBrief, ResidentsService } from '@countycare/residents';
import { randomInt } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import {
  AcceptReferralDto, CompleteReferralDto, CreateReferralDto, ReferralNoteDto, ReferralQueryDto, ReferralReasonDto, ScheduleReferralDto,
  UpdateReferralDto,
} from './dto/referrals.dto';
import { InstitutionRefView, referralDetailView, ReferralDetailView, referralView, ReferralView, ViewContext } from './http/referral.view';
import { InpatientAdmissions } from './inpatient-admissions';
import { LatestVitalsQuery } from './latest-vitals.query';
import { ReferralEvent } from './referral-event.entity';
import { Referral, ReferralClinical, StoredUrgentSign } from './referral.entity';

/** What a referral is created from, whichever door it came in by (HTTP or a sickbed closure). */
export interface NewReferral {
  direction: ReferralDirection;
  residentId: string;
  toInstitutionId: string;
  department?: string | null;
  urgency: ReferralUrgency;
  kind?: ReferralKind;
  redFlags?: RedFlag[];
  insuranceType?: InsuranceType | null;
  insuranceNo?: string | null;
  clinical?: ReferralClinical | null;
  requestedDate?: string | null;
  consentToShare?: boolean;
  reason: string;
  diagnoses: ReferralDiagnosis[];
  summary: string;
  sourceDeductiblePaid?: number | null;
  parentReferralId?: string | null;
  sourceSickbedId?: string | null;
  submit: boolean;
}

/** The input of `createUpReferral`, the entry point other contexts call inside their own transaction. */
export interface UpReferralInput {
  residentId: string;
  toInstitutionId: string;
  department?: string;
  urgency: ReferralUrgency;
  kind?: ReferralKind;
  reason: string;
  diagnoses: { code: string; name: string }[];
  summary: string;
  sourceSickbedId: string;
  consentToShare?: boolean;
}

/** The policy action that guards each state-machine event. */
const GUARD: Record<ReferralAction, Action> = {
  update: 'update',
  submit: 'refer',
  cancel: 'cancel',
  return: 'triage',
  accept: 'triage',
  reject: 'triage',
  schedule: 'triage',
  reschedule: 'triage',
  arrive: 'triage',
  complete: 'triage',
  expire: 'triage',
};

interface Step {
  action: ReferralAction;
  note?: string | null;
  data?: Record<string, string | number | boolean | null>;
}

/** A history entry as written: the step with the statuses it moved between. */
interface PathStep {
  action: ReferralAction | 'create';
  from: ReferralStatus | null;
  to: ReferralStatus;
  note?: string | null;
  data?: Record<string, string | number | boolean | null>;
}

interface TransitionContext {
  em: EntityManager;
  now: Date;
  policy: CountyPolicy;
}

/** What a transition changes: the row's new fields and the history steps it appends. */
interface TransitionResult {
  changes: Partial<Referral>;
  steps: Step[];
}

const CLINICAL_SECTIONS = ['chiefComplaint', 'presentIllness', 'pastHistory', 'treatmentSoFar', 'keyResults', 'precautions'] as const;

/** The clinical sections trimmed, blank ones left out; null when none is left. */
function clinicalSections(input: ReferralClinical | null): ReferralClinical | null {
  const out: ReferralClinical = {};
  for (const key of CLINICAL_SECTIONS) {
    const value = input?.[key]?.trim();
    if (value) out[key] = value;
  }
  return Object.keys(out).length ? out : null;
}

function storedSign(sign: UrgentSign): StoredUrgentSign {
  return { ...sign, recordedAt: sign.recordedAt?.toISOString() };
}

/** Trimmed free text within its column, also for callers that bypass the HTTP validation (createUpReferral). */
function text(value: string, field: string, max: number): string {
  const trimmed = value.trim();
  if (!trimmed) throw ProblemException.invalid(field, 'isNotEmpty');
  if (trimmed.length > max) throw ProblemException.invalid(field, 'maxLength');
  return trimmed;
}

/** Two-way referrals (issue #6, domain.md §5): creation, the state machine, reading. */
@Injectable()
export class ReferralsService {
  constructor(
    @InjectRepository(Referral) private readonly referrals: Repository<Referral>,
    @InjectRepository(ReferralEvent) private readonly events: Repository<ReferralEvent>,
    private readonly policy: Policy,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly organizations: OrganizationsService,
    private readonly residents: ResidentsService,
    private readonly contracts: ContractsService,
    private readonly followUps: FollowUpsService,
    private readonly admissions: InpatientAdmissions,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly replicas: ReplicaReads,
    private readonly vitals: LatestVitalsQuery,
    private readonly cipher: FieldCipher,
  ) {}

  // ---- creation

  async create(actor: Actor, dto: CreateReferralDto): Promise<ReferralDetailView> {
    const input: NewReferral = {
      direction: dto.direction,
      residentId: dto.residentId,
      toInstitutionId: dto.toInstitutionId,
      department: dto.department,
      urgency: dto.urgency,
      kind: dto.kind,
      redFlags: dto.redFlags,
      insuranceType: dto.insuranceType ?? null,
      insuranceNo: dto.insuranceNo ?? null,
      clinical: dto.clinical ?? null,
      requestedDate: dto.requestedDate ?? null,
      consentToShare: dto.consentToShare,
      reason: dto.reason,
      diagnoses: dto.diagnoses,
      summary: dto.summary,
      sourceDeductiblePaid: dto.sourceInpatient?.deductiblePaid ?? null,
      parentReferralId: dto.parentReferralId ?? null,
      submit: dto.submit ?? false,
    };
    const referral = await this.tx.run((em) => this.insert(em, actor, input));
    return this.detail(actor, referral, false);
  }

  /**
   * A SUBMITTED up-referral from the actor's institution, written inside the
   * caller's transaction (a household sickbed closed with outcome
   * "transferred"); same rules and policy as POST /referrals.
   */
  async createUpReferral(em: EntityManager, actor: Actor, input: UpReferralInput): Promise<{ id: string; referralNo: string }> {
    const referral = await this.insert(em, actor, { ...input, direction: 'up', submit: true });
    return { id: referral.id, referralNo: referral.referralNo };
  }

  private async insert(em: EntityManager, actor: Actor, input: NewReferral): Promise<Referral> {
    this.policy.assertRole(actor, 'refer', 'Referral');
    const resident = await this.readableResident(actor, input.residentId);
    const from = actor.institutionId ? await this.organizations.findInstitution(actor.institutionId) : null;
    if (!from) throw ProblemException.forbidden();
    const scope = { countyId: resident.countyId, direction: input.direction, residentId: resident.id, fromInstitutionId: from.id, createdById: actor.userId };
    if (!this.policy.can(actor, 'refer', 'Referral', scope)) throw ProblemException.forbidden();

    let parent: Referral | null = null;
    if (input.direction === 'down') {
      if (!input.parentReferralId) throw ProblemException.invalid('parentReferralId', 'referral_parent_required');
      if (input.sourceDeductiblePaid !== null && input.sourceDeductiblePaid !== undefined) {
        throw ProblemException.invalid('sourceInpatient', 'referral_source_inpatient_up_only');
      }
      parent = await em.getRepository(Referral).findOneBy({ id: input.parentReferralId });
      // the down-referral leaves from the institution that received the up-referral
      if (!parent || parent.direction !== 'up' || parent.toInstitutionId !== from.id) throw ProblemException.notFound('referral');
      if (parent.residentId !== resident.id) throw ProblemException.invalid('residentId', 'referral_parent_resident');
      if (parent.status !== 'completed') throw ProblemException.conflict('referral_parent_not_completed', { status: parent.status });
    } else if (input.parentReferralId) {
      throw ProblemException.invalid('parentReferralId', 'referral_parent_only_down');
    }
    const to = await this.organizations.findInstitution(input.toInstitutionId);
    if (!to) throw ProblemException.notFound('institution');
    assertReferralRoute(input.direction, from, to, resident.countyId);
    const diagnoses = normalizeDiagnoses(input.diagnoses);
    const kind = input.kind ?? 'outpatient';
    assertKindPriority(kind, input.urgency);
    const sourcePaidFen = input.sourceDeductiblePaid === null || input.sourceDeductiblePaid === undefined
      ? null : yuanToFen(input.sourceDeductiblePaid, 'sourceInpatient.deductiblePaid');

    const [county, contract] = await Promise.all([this.organizations.findCounty(resident.countyId), this.contracts.openContractFor(resident.id)]);
    const now = this.clock.now();
    const redFlags = input.redFlags?.length ? [...new Set(input.redFlags)] : null;
    const signs = await this.signsOf(resident, contract?.id ?? null, redFlags ?? [], now);
    const referral = em.create(Referral, {
      id: newId(now.getTime()),
      referralNo: buildReferralNo(county!.code, this.clock.today(), String(randomInt(0, 100_000_000)).padStart(8, '0')),
      countyId: resident.countyId,
      direction: input.direction,
      status: 'draft',
      urgency: input.urgency,
      kind,
      redFlags,
      urgentSigns: signs,
      ...this.insurance(input.insuranceType ?? null, input.insuranceNo ?? null),
      clinical: clinicalSections(input.clinical ?? null),
      requestedDate: input.requestedDate ? this.requestedDate(input.requestedDate) : null,
      consentToShare: referralConsent(input.consentToShare, contract?.sharingConsent ?? null),
      residentId: resident.id,
      teamId: contract?.teamId ?? null,
      contractId: contract?.id ?? null,
      fromInstitutionId: from.id,
      toInstitutionId: to.id,
      createdById: actor.userId,
      department: input.department ? text(input.department, 'department', 64) : null,
      reason: text(input.reason, 'reason', 500),
      summary: text(input.summary, 'summary', 4000),
      diagnoses,
      parentReferralId: parent?.id ?? null,
      sourceSickbedId: input.sourceSickbedId ?? null,
      sourceDeductiblePaidFen: sourcePaidFen,
      admitted: false,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await em.insert(Referral, referral);
    } catch (e) {
      if (isUniqueViolation(e) && /live_return/.test(violatedIndex(e) ?? '')) {
        throw ProblemException.conflict('referral_return_exists', { parent: parent?.referralNo ?? '' });
      }
      throw e;
    }
    await this.appendEvents(em, actor, referral, [{ action: 'create', from: null, to: 'draft' }], now);
    await this.audit.record(actor, {
      action: 'create', resourceType: 'referral', resourceId: referral.id, residentId: referral.residentId, countyId: referral.countyId,
      contextId: referral.id, detail: { direction: referral.direction, urgency: referral.urgency, kind: referral.kind },
    }, em);
    if (!input.submit) return referral;
    const policy = await this.organizations.policyFor(referral.countyId);
    return this.applyTransition(actor, referral, await this.submitChanges(referral, now, policy), { em, now, policy });
  }

  // ---- state machine

  async update(actor: Actor, id: string, dto: UpdateReferralDto, expected?: ExpectedVersion): Promise<ReferralDetailView> {
    const referral = await this.transition(actor, id, 'update', expected, async (r) => {
      const changes: Partial<Referral> = {};
      if (dto.toInstitutionId !== undefined && dto.toInstitutionId !== r.toInstitutionId) {
        const [from, to] = await Promise.all([this.institution(r.fromInstitutionId), this.organizations.findInstitution(dto.toInstitutionId)]);
        if (!to) throw ProblemException.notFound('institution');
        assertReferralRoute(r.direction, from, to, r.countyId);
        changes.toInstitutionId = to.id;
      }
      if (dto.department !== undefined) changes.department = dto.department.trim() || null;
      if (dto.urgency !== undefined) changes.urgency = dto.urgency;
      if (dto.kind !== undefined) changes.kind = dto.kind;
      assertKindPriority(changes.kind ?? r.kind, changes.urgency ?? r.urgency);
      if (dto.redFlags !== undefined) {
        changes.redFlags = dto.redFlags.length ? [...new Set(dto.redFlags)] : null;
        changes.urgentSigns = await this.signsOf({ id: r.residentId, countyId: r.countyId }, r.contractId, changes.redFlags ?? [], this.clock.now());
      }
      if (dto.insuranceType !== undefined || dto.insuranceNo !== undefined) {
        Object.assign(changes, this.insurance(dto.insuranceType ?? r.insuranceType, dto.insuranceNo ?? null, r));
      }
      if (dto.clinical !== undefined) changes.clinical = clinicalSections(dto.clinical);
      if (dto.requestedDate !== undefined) changes.requestedDate = this.requestedDate(dto.requestedDate);
      if (dto.consentToShare !== undefined) changes.consentToShare = dto.consentToShare;
      if (dto.reason !== undefined) changes.reason = text(dto.reason, 'reason', 500);
      if (dto.summary !== undefined) changes.summary = text(dto.summary, 'summary', 4000);
      if (dto.diagnoses !== undefined) changes.diagnoses = normalizeDiagnoses(dto.diagnoses);
      if (dto.sourceInpatient !== undefined) {
        if (r.direction !== 'up') throw ProblemException.invalid('sourceInpatient', 'referral_source_inpatient_up_only');
        changes.sourceDeductiblePaidFen = yuanToFen(dto.sourceInpatient.deductiblePaid, 'sourceInpatient.deductiblePaid');
      }
      return { changes, steps: [{ action: 'update', data: { fields: Object.keys(changes).join(',') } }] };
    });
    return this.detail(actor, referral, false);
  }

  async submit(actor: Actor, id: string, dto: ReferralNoteDto, expected?: ExpectedVersion): Promise<ReferralDetailView> {
    const referral = await this.transition(actor, id, 'submit', expected, async (r, ctx) => {
      // the submit guard of §5.2 again: the target may have lost its desk or been closed since the draft was written
      const [from, to] = await Promise.all([this.institution(r.fromInstitutionId), this.institution(r.toInstitutionId)]);
      assertReferralRoute(r.direction, from, to, r.countyId);
      const result = await this.submitChanges(r, ctx.now, ctx.policy);
      result.steps[0].note = dto.note?.trim() || null;
      return result;
    });
    return this.detail(actor, referral, false);
  }

  /** 退回补充材料: back to DRAFT with the reason; the SLA clock stops. */
  async returnForInfo(actor: Actor, id: string, dto: ReferralReasonDto, expected?: ExpectedVersion): Promise<ReferralDetailView> {
    const referral = await this.transition(actor, id, 'return', expected, async (_r, { now }) => ({
      changes: { repliedAt: now, returnReason: dto.reason.trim() },
      steps: [{ action: 'return', note: dto.reason.trim() }],
    }));
    return this.detail(actor, referral, false);
  }

  /**
   * Accept; with `appointmentAt`, accept and schedule in one step. A
   * primary-care institution accepting a down-referral takes the patient
   * back: the resident's family-doctor team gets a follow-up due within
   * referral.downFollowUpDays (§5.2).
   */
  async accept(actor: Actor, id: string, dto: AcceptReferralDto, expected?: ExpectedVersion): Promise<ReferralDetailView> {
    const referral = await this.transition(actor, id, 'accept', expected, async (r, { em, now, policy }) => {
      if (r.direction === 'down') await this.scheduleReturnFollowUp(em, r, policy);
      const result: TransitionResult = {
        changes: { repliedAt: now, acceptedAt: now, acceptedById: actor.userId },
        steps: [{ action: 'accept', note: dto.note?.trim() || null }],
      };
      if (dto.appointmentAt) {
        const appointment = this.appointment(dto.appointmentAt, policy);
        Object.assign(result.changes, appointment);
        result.steps.push({ action: 'schedule', data: { appointmentAt: appointment.appointmentAt.toISOString() } });
      }
      return result;
    });
    return this.detail(actor, referral, false);
  }

  async reject(actor: Actor, id: string, dto: ReferralReasonDto, expected?: ExpectedVersion): Promise<ReferralDetailView> {
    const referral = await this.transition(actor, id, 'reject', expected, async (_r, { now }) => ({
      changes: { repliedAt: now, rejectedAt: now, rejectReason: dto.reason.trim() },
      steps: [{ action: 'reject', note: dto.reason.trim() }],
    }));
    return this.detail(actor, referral, false);
  }

  async schedule(actor: Actor, id: string, dto: ScheduleReferralDto, expected?: ExpectedVersion, action: 'schedule' | 'reschedule' = 'schedule') {
    const referral = await this.transition(actor, id, action, expected, async (_r, { policy }) => {
      const appointment = this.appointment(dto.appointmentAt, policy);
      return {
        changes: appointment,
        steps: [{ action, note: dto.note?.trim() || null, data: { appointmentAt: appointment.appointmentAt.toISOString() } }],
      };
    });
    return this.detail(actor, referral, false);
  }

  /** 到诊: from SCHEDULED, or straight from ACCEPTED on the green channel. */
  async arrive(actor: Actor, id: string, dto: ReferralNoteDto, expected?: ExpectedVersion): Promise<ReferralDetailView> {
    const referral = await this.transition(actor, id, 'arrive', expected, async (_r, { now }) => ({
      changes: { arrivedAt: now },
      steps: [{ action: 'arrive', note: dto.note?.trim() || null }],
    }));
    return this.detail(actor, referral, false);
  }

  /** Result returned to the referring side; with an admission, the continuous deductible is estimated and stored (§5.5). */
  async complete(actor: Actor, id: string, dto: CompleteReferralDto, expected?: ExpectedVersion): Promise<ReferralDetailView> {
    const referral = await this.transition(actor, id, 'complete', expected, async (r, { em, now, policy }) => {
      const changes: Partial<Referral> = {
        completedAt: now,
        outcome: {
          diagnosisResult: dto.outcome.diagnosisResult.trim(),
          keyFindings: dto.outcome.keyFindings?.trim() ?? '',
          nextAdvice: dto.outcome.nextAdvice?.trim() ?? '',
          ...(dto.outcome.treatment?.trim() && { treatment: dto.outcome.treatment.trim() }),
          ...(dto.outcome.medications?.length && {
            medications: dto.outcome.medications.map((m, i) => ({
              name: text(m.name, `outcome.medications.${i}.name`, 100),
              ...(m.dose?.trim() && { dose: m.dose.trim() }),
              ...(m.frequency?.trim() && { frequency: m.frequency.trim() }),
            })),
          }),
          ...(dto.outcome.followUpPlan?.trim() && { followUpPlan: dto.outcome.followUpPlan.trim() }),
        },
        admitted: dto.admitted ?? false,
      };
      const data: Record<string, string | number | boolean | null> = { admitted: changes.admitted! };
      if (r.direction === 'down') await this.scheduleReturnFollowUp(em, r, policy);
      if (!dto.admitted) {
        if (dto.eligibleCost !== undefined) throw ProblemException.invalid('eligibleCost', 'referral_cost_needs_admission');
        if (dto.admittedOn !== undefined) throw ProblemException.invalid('admittedOn', 'referral_cost_needs_admission');
      } else {
        Object.assign(changes, await this.deductible(em, r, dto, now, policy));
        data.deductibleDueFen = changes.deductibleDueFen ?? null;
        data.deductibleBasis = changes.deductibleBasis ?? null;
        const to = await this.institution(r.toInstitutionId);
        await this.admissions.admitted(em, actor, {
          countyId: r.countyId, residentId: r.residentId, referralId: r.id, referralNo: r.referralNo, institutionId: to.id,
          institutionName: to.name, admittedOn: changes.admittedOn!, primaryDiagnosis: r.diagnoses[0],
        });
      }
      return { changes, steps: [{ action: 'complete', note: dto.note?.trim() || null, data }] };
    });
    return this.detail(actor, referral, false);
  }

  /**
   * The family-doctor team follows a patient referred back down within
   * referral.downFollowUpDays (§5.2, S17). The task appears when the
   * primary-care side accepts the patient back (domain.md §5.2) and falls due
   * that many days after the hand-back is completed (issue #6); a task
   * already delivered is left alone.
   */
  private async scheduleReturnFollowUp(em: EntityManager, r: Referral, policy: CountyPolicy): Promise<void> {
    await this.followUps.scheduleFollowUp(em, {
      countyId: r.countyId, residentId: r.residentId, institutionId: r.toInstitutionId, teamId: r.teamId,
      kind: 'referral_return', dueDate: addDays(this.clock.today(), policy.referral.downFollowUpDays), sourceType: 'referral', sourceId: r.id,
    });
  }

  async cancel(actor: Actor, id: string, dto: ReferralReasonDto, expected?: ExpectedVersion): Promise<ReferralDetailView> {
    const referral = await this.transition(actor, id, 'cancel', expected, async (_r, { now }) => ({
      changes: { cancelledAt: now, cancelReason: dto.reason.trim() },
      steps: [{ action: 'cancel', note: dto.reason.trim() }],
    }));
    return this.detail(actor, referral, false);
  }

  /**
   * One transaction per state change: lock the row, check scope (404/403),
   * version (412/409) and the state machine (409 with allowed actions), then
   * write the row, its history, the audit entry and the notifications.
   */
  private transition(
    actor: Actor,
    id: string,
    action: ReferralAction,
    expected: ExpectedVersion | undefined,
    build: (r: Referral, ctx: TransitionContext) => Promise<TransitionResult>,
  ): Promise<Referral> {
    return this.tx.run(async (em) => {
      const r = await this.tx.forUpdate(em.getRepository(Referral).createQueryBuilder('r').where('r.id = :id', { id })).getOne();
      this.policy.assertCan(actor, GUARD[action], 'Referral', r, 'referral');
      assertVersion(r!.version, expected);
      nextReferralStatus(r!.status, action, r!.urgency);
      const ctx = { em, now: this.clock.now(), policy: await this.organizations.policyFor(r!.countyId) };
      return this.applyTransition(actor, r!, await build(r!, ctx), ctx);
    });
  }

  private async applyTransition(actor: Actor, r: Referral, result: TransitionResult, ctx: TransitionContext): Promise<Referral> {
    const { em, now } = ctx;
    const from = r.status;
    let to: ReferralStatus = from;
    const path = result.steps.map((step): PathStep => {
      const before = to;
      to = nextReferralStatus(before, step.action, result.changes.urgency ?? r.urgency);
      return { ...step, from: before, to };
    });
    const written = await em.createQueryBuilder().update(Referral).set({ ...result.changes, status: to, updatedAt: now })
      .where('id = :id AND version = :version', { id: r.id, version: r.version }).execute();
    if (written.affected !== 1) throw ProblemException.conflict('version_mismatch', { current: r.version + 1, expected: r.version });
    Object.assign(r, result.changes, { status: to, version: r.version + 1, updatedAt: now });
    await this.appendEvents(em, actor, r, path, now);
    await this.audit.record(actor, {
      action: 'transition', resourceType: 'referral', resourceId: r.id, residentId: r.residentId, countyId: r.countyId, contextId: r.id,
      detail: { actions: result.steps.map((s) => s.action), from, to },
    }, em);
    await this.notifyChange(em, actor, r, from);
    return r;
  }

  private async appendEvents(em: EntityManager, actor: Actor, r: Referral, path: PathStep[], now: Date): Promise<void> {
    const last = await em.getRepository(ReferralEvent).createQueryBuilder('e').select('MAX(e.seq)', 'seq')
      .where('e.referralId = :id', { id: r.id }).getRawOne<{ seq: number | string | null }>();
    const first = Number(last?.seq ?? 0) + 1;
    await em.insert(ReferralEvent, path.map((step, i) => em.create(ReferralEvent, {
      id: newId(now.getTime()), referralId: r.id, seq: first + i, countyId: r.countyId, action: step.action, fromStatus: step.from, toStatus: step.to,
      at: now, actorId: actor.userId ?? null, actorRole: actor.role ?? null, note: step.note ?? null, data: step.data ?? null,
    })));
  }

  /** Submitting starts the reply clock of the priority and checks the urgent triggers again: the draft may be days old. */
  private async submitChanges(r: Referral, now: Date, policy: CountyPolicy): Promise<TransitionResult> {
    const signs = await this.signsOf({ id: r.residentId, countyId: r.countyId }, r.contractId, r.redFlags ?? [], now);
    return {
      changes: {
        submittedAt: now, replyDueAt: replyDeadline(now, r.urgency, policy.referral.replyHours), repliedAt: null, slaBreachedAt: null, returnReason: null,
        urgentSigns: signs,
      },
      steps: [{ action: 'submit' }],
    };
  }

  /** 预约转诊日期: a real date, not before today in the county. */
  private requestedDate(value: string): string {
    if (value < this.clock.today()) throw new InvalidValueError('requestedDate', 'referral_requested_date_past', 'the requested date must not be in the past');
    return value;
  }

  /** The urgent-referral triggers met now (domain.md §5.3), as stored on the referral; null when none. */
  private async signsOf(resident: { id: string; countyId: string }, contractId: string | null, redFlags: readonly RedFlag[], now: Date) {
    const signs = urgentSigns(await this.vitals.of(resident, contractId), redFlags, now);
    return signs.length ? signs.map(storedSign) : null;
  }

  /**
   * The insurance columns: the scheme, and the number encrypted with its
   * masked form. A number without a scheme is refused; a scheme alone keeps
   * the number already on the referral.
   */
  private insurance(type: InsuranceType | null, rawNo: string | null, current?: Referral): Pick<Referral, 'insuranceType' | 'insuranceNoEnc' | 'insuranceNoMasked'> {
    if (rawNo !== null && !type) throw ProblemException.invalid('insuranceType', 'referral_insurance_type_required');
    if (rawNo === null) {
      return { insuranceType: type, insuranceNoEnc: current?.insuranceNoEnc ?? null, insuranceNoMasked: current?.insuranceNoMasked ?? null };
    }
    const no = normalizeInsuranceNo(rawNo);
    return { insuranceType: type, insuranceNoEnc: this.cipher.encrypt(no), insuranceNoMasked: maskInsuranceNo(no) };
  }

  /** The resident a referral is about, if the caller may read them; 404 otherwise (out of scope looks like absent). */
  private async readableResident(actor: Actor, residentId: string): Promise<Resident> {
    const resident = await this.residents.findById(residentId);
    if (!resident || !this.policy.can(actor, 'read', 'Resident', resident)) throw ProblemException.notFound('resident');
    return resident;
  }

  /** GET /referrals/urgent-signs: the resident's latest vitals against the triggers, before the GP writes the referral. */
  async urgentSignsFor(actor: Actor, residentId: string): Promise<{ residentId: string; signs: UrgentSign[]; suggestedUrgency: ReferralUrgency | null }> {
    this.policy.assertRole(actor, 'refer', 'Referral');
    const resident = await this.readableResident(actor, residentId);
    const contract = await this.contracts.openContractFor(resident.id);
    const signs = urgentSigns(await this.vitals.of(resident, contract?.id ?? null), [], this.clock.now());
    await this.audit.record(actor, {
      action: 'read', resourceType: 'resident_vitals', resourceId: resident.id, residentId: resident.id, countyId: resident.countyId,
      contextId: resident.id, detail: { purpose: 'urgent_signs', signs: signs.map((x) => x.code) },
    });
    return { residentId: resident.id, signs, suggestedUrgency: suggestedUrgency(signs) };
  }

  private appointment(appointmentAt: string, policy: CountyPolicy): { appointmentAt: Date; arriveBy: string } {
    const at = new Date(appointmentAt);
    if (Number.isNaN(at.getTime())) throw ProblemException.invalid('appointmentAt', 'isISO8601');
    const day = calendarDateIn(at, this.clock.timeZone);
    if (day < this.clock.today()) throw new InvalidValueError('appointmentAt', 'referral_appointment_past', 'the appointment must not be in the past');
    return { appointmentAt: at, arriveBy: arriveBy(day, policy.referral.noShowDays) };
  }

  /**
   * The chain predecessor of this episode (§5.5). An up-referral leaves the
   * stay at its source institution: when CountyCare recorded that stay (an
   * admitted referral addressed to the source), everything credited in the
   * chain before it plus what was paid in it carries over; otherwise the
   * figure the referring side stated does; a household sickbed counts as an
   * inpatient episode of unknown credit. A down-referral continues the
   * admitted up-referral it returns.
   */
  private async deductible(em: EntityManager, r: Referral, dto: CompleteReferralDto, now: Date, policy: CountyPolicy): Promise<Partial<Referral>> {
    const zone = this.clock.timeZone;
    const arrivedOn = calendarDateIn(r.arrivedAt ?? now, zone);
    const admittedOn = dto.admittedOn ?? arrivedOn;
    if (dto.admittedOn !== undefined && (dto.admittedOn < arrivedOn || dto.admittedOn > this.clock.today())) {
      throw ProblemException.invalid('admittedOn', 'referral_admitted_on_range');
    }
    let predecessor: ChainPredecessor | null = null;
    let chainFromId: string | null = null;
    if (r.direction === 'up') {
      const endedOn = calendarDateIn(r.submittedAt ?? now, zone);
      const stay = await this.stayAt(em, r);
      const source = sourceStayCredit({
        stay: stay && { admittedOn: stay.admittedOn!, creditedBeforeFen: stay.creditedBeforeFen, creditedAfterFen: stay.creditedAfterFen },
        statedPaidFen: r.sourceDeductiblePaidFen, referredOn: endedOn, maxStayDays: policy.insurance.linkedStayMaxDays,
      });
      if (source) {
        predecessor = { creditedFen: source.creditedFen, endedOn };
        if (source.linked) chainFromId = stay!.id;
      } else if (r.sourceSickbedId) {
        predecessor = { creditedFen: null, endedOn };
      }
    } else if (r.parentReferralId) {
      const parent = await em.getRepository(Referral).findOneBy({ id: r.parentReferralId });
      if (parent?.admitted && parent.completedAt) {
        predecessor = { creditedFen: parent.creditedAfterFen, endedOn: calendarDateIn(parent.completedAt, zone) };
        chainFromId = parent.id;
      }
    }
    const to = await this.institution(r.toInstitutionId);
    const eligibleCostFen = dto.eligibleCost === undefined ? null : yuanToFen(dto.eligibleCost, 'eligibleCost');
    const estimate = continuousDeductible({
      standardFen: standardDeductibleFen(policy.insurance, to.level, r.insuranceType),
      predecessor,
      admittedOn,
      chainWindowDays: policy.insurance.chainWindowDays,
      eligibleCostFen,
    });
    return {
      admittedOn,
      eligibleCostFen,
      deductibleBasis: estimate.basis,
      deductibleChainFromId: estimate.basis === 'chained' ? chainFromId : null,
      standardDeductibleFen: estimate.standardFen,
      creditedBeforeFen: estimate.creditedBeforeFen,
      deductibleDueFen: estimate.dueFen,
      creditedAfterFen: estimate.creditedAfterFen,
    };
  }

  /** The resident's latest recorded admission at the institution this referral leaves from (an admitted referral addressed to it). */
  private stayAt(em: EntityManager, r: Referral): Promise<Referral | null> {
    return em.getRepository(Referral).createQueryBuilder('p')
      .where('p.countyId = :county AND p.residentId = :resident', { county: r.countyId, resident: r.residentId })
      .andWhere('p.toInstitutionId = :source AND p.admitted = :yes AND p.id <> :self', { source: r.fromInstitutionId, yes: true, self: r.id })
      .orderBy('p.admittedOn', 'DESC').addOrderBy('p.id', 'DESC')
      .getOne();
  }

  /**
   * The source GP sees every status change made by someone else; the
   * receiving side is told when something arrives for it.
   */
  private async notifyChange(em: EntityManager, actor: Actor, r: Referral, from: ReferralStatus): Promise<void> {
    const data = { referralNo: r.referralNo, direction: r.direction, from, status: r.status, urgency: r.urgency };
    const base = { countyId: r.countyId, subjectType: 'referral', subjectId: r.id, residentId: r.residentId, data };
    if (r.createdById !== actor.userId) {
      await this.notifications.notify({ ...base, dedupeKey: `referral_status:${r.id}:${r.status}:${r.version}`, kind: 'referral_status', recipientUserId: r.createdById }, em);
    }
    if (r.status === 'submitted') {
      // a down-referral is worked by the primary-care GPs, who read team notifications, not institution ones
      const recipient = r.direction === 'down' && r.teamId ? { recipientTeamId: r.teamId } : { recipientInstitutionId: r.toInstitutionId };
      await this.notifications.notify({ ...base, ...recipient, dedupeKey: `referral_submitted:${r.id}:${r.version}`, kind: 'referral_submitted' }, em);
    }
  }

  // ---- reading

  /** Institutions sending or receiving a referral of the resident that is still being worked (submitted … arrived). */
  async careRelationsOf(resident: { id: string; countyId: string }): Promise<Partial<CareRelations>> {
    const live = await this.referrals.createQueryBuilder('r').select(['r.id', 'r.fromInstitutionId', 'r.toInstitutionId'])
      .where('r.countyId = :county AND r.residentId = :resident', { county: resident.countyId, resident: resident.id })
      .andWhere('r.status IN (:...live)', { live: DESK_OPEN_STATUSES }).getMany();
    return { referralInstitutionIds: live.flatMap((r) => [r.fromInstitutionId, r.toInstitutionId]) };
  }

  async get(actor: Actor, id: string): Promise<ReferralDetailView> {
    this.policy.assertRole(actor, 'read', 'Referral');
    const r = await this.referrals.findOneBy({ id });
    if (!r || !this.policy.can(actor, 'read', 'Referral', r)) {
      if (r) {
        await this.audit.record(actor, {
          action: 'read', resourceType: 'referral', resourceId: id, residentId: r.residentId, countyId: r.countyId, contextId: id, outcome: 'denied',
        });
      }
      throw ProblemException.notFound('referral');
    }
    return this.detail(actor, r, true);
  }

  /** The page itself may come from a read replica (ReplicaReads); the views and the audit use the primary. */
  async list(actor: Actor, query: ReferralQueryDto): Promise<Page<ReferralView>> {
    const page = await this.replicas.read(actor, (on) => {
      const qb = this.referrals.createQueryBuilder('r', on.queryRunner);
      const scope = this.policy.scopeWhere(actor, 'read', 'Referral', 'r');
      if (scope) qb.andWhere(scope);
      // every referral lives in its resident's county, as both its institutions do: lets the county-leading indexes serve the scope
      if (actor.countyId) qb.andWhere('r.countyId = :countyId', { countyId: actor.countyId });
      if (query.direction) qb.andWhere('r.direction = :direction', { direction: query.direction });
      if (query.status) qb.andWhere('r.status = :status', { status: query.status });
      if (query.residentId) qb.andWhere('r.residentId = :residentId', { residentId: query.residentId });
      if (query.institutionId) {
        qb.andWhere('(r.fromInstitutionId = :inst OR r.toInstitutionId = :inst)', { inst: query.institutionId });
      }
      return keysetPage(qb, [{ column: 'r.id', direction: 'DESC', value: (r) => r.id }], query);
    });
    return this.listViews(actor, page, 'list');
  }

  /** The resident's own referrals (GET /me/referrals). */
  async listMine(actor: Actor, query: { limit?: number; cursor?: string }): Promise<Page<ReferralView>> {
    if (actor.role !== 'resident' || !actor.residentId) throw ProblemException.forbidden();
    const qb = this.referrals.createQueryBuilder('r');
    const scope = this.policy.scopeWhere(actor, 'read', 'Referral', 'r');
    if (scope) qb.andWhere(scope);
    if (actor.countyId) qb.andWhere('r.countyId = :countyId', { countyId: actor.countyId });
    qb.andWhere('r.residentId = :residentId', { residentId: actor.residentId });
    const page = await keysetPage(qb, [{ column: 'r.id', direction: 'DESC', value: (r) => r.id }], query);
    return this.listViews(actor, page, 'self');
  }

  /**
   * Views of a page: the residents (unless the caller joined them in), the
   * institutions from the organizations cache, one bulk audit record.
   */
  async listViews(
    actor: Actor, page: Page<Referral>, via: string, residents?: Array<Pick<Resident, 'id' | 'name' | 'sex' | 'birthDate'>>,
  ): Promise<Page<ReferralView>> {
    const [ctx] = await Promise.all([
      this.viewContext(actor, page.items, residents),
      this.audit.record(actor, page.items.map((r) => ({
        action: 'read' as const, resourceType: 'referral', resourceId: r.id, residentId: r.residentId, countyId: r.countyId, contextId: r.id, detail: { via },
      }))),
    ]);
    return mapPage(page, (r) => referralView(r, ctx));
  }

  private async detail(actor: Actor, r: Referral, audit: boolean): Promise<ReferralDetailView> {
    const [ctx, events, children] = await Promise.all([
      this.viewContext(actor, [r]),
      this.events.createQueryBuilder('e').where('e.referralId = :id', { id: r.id }).orderBy('e.seq', 'ASC').getMany(),
      this.referrals.createQueryBuilder('c').select(['c.id']).where('c.parentReferralId = :id', { id: r.id }).orderBy('c.id', 'ASC').getMany(),
    ]);
    if (audit) {
      await this.audit.record(actor, {
        action: 'read', resourceType: 'referral', resourceId: r.id, residentId: r.residentId, countyId: r.countyId, contextId: r.id,
      });
    }
    const allowedActions = referralActions(r.status, r.urgency).filter((a) => this.policy.can(actor, GUARD[a], 'Referral', r));
    return referralDetailView(r, ctx, { events, returnReferralIds: children.map((c) => c.id), allowedActions });
  }

  private async viewContext(actor: Actor, rows: Referral[], joined?: Array<Pick<Resident, 'id' | 'name' | 'sex' | 'birthDate'>>): Promise<ViewContext> {
    const today = this.clock.today();
    const [residents, institutions] = await Promise.all([
      joined ? new Map(joined.map((r) => [r.id, residentBrief(r, today)])) : this.residents.briefs(rows.map((r) => r.residentId)),
      this.organizations.findInstitutions(rows.flatMap((r) => [r.fromInstitutionId, r.toInstitutionId])),
    ]);
    return {
      residents,
      institutions: new Map<string, InstitutionRefView>(institutions.map((i) => [i.id, { id: i.id, name: i.name, level: i.level }])),
      now: this.clock.now(),
      readerInstitutionId: actor.institutionId ?? null,
    };
  }

  private async institution(id: string): Promise<Institution> {
    const found = await this.organizations.findInstitution(id);
    if (!found) throw ProblemException.notFound('institution');
    return found;
  }
}
