import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { scalarMapProperty } from '@countycare/common';
import {
  DeductibleBasis, fenToYuan, INSTITUTION_LEVELS, INSURANCE_TYPES, RED_FLAGS, REFERRAL_ACTIONS, REFERRAL_DIRECTIONS, REFERRAL_KINDS, REFERRAL_STATUSES,
  REFERRAL_URGENCIES, seesClinicalContent, SlaState, slaState, suggestedUrgency, URGENT_SIGN_CODES, URGENT_SIGN_MAX_AGE_HOURS,
} from '@countycare/domain';
import { ResidentBrief } from '@countycare/residents';
import { ReferralEvent } from '../referral-event.entity';
import { Referral } from '../referral.entity';

export class InstitutionRefView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: INSTITUTION_LEVELS }) level: string;
}

export class ReferralDiagnosisView {
  @ApiProperty({ example: 'I10.x00' }) code: string;
  @ApiProperty({ example: '高血压' }) name: string;
}

export class SlaView {
  @ApiProperty({ description: 'Reply (accept, reject or return) due by' }) deadline: string;
  @ApiProperty({ enum: ['on_time', 'due_soon', 'breached', 'met'], description: 'due_soon: last quarter of the window; met/breached once answered' })
  state: SlaState;
}

export class MedicationView {
  @ApiProperty() name: string;
  @ApiPropertyOptional() dose?: string;
  @ApiPropertyOptional() frequency?: string;
}

export class OutcomeView {
  @ApiProperty() diagnosisResult: string;
  @ApiProperty() keyFindings: string;
  @ApiProperty() nextAdvice: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: '治疗经过 at the receiving institution' }) treatment: string | null;
  @ApiProperty({ type: [MedicationView], description: 'The medication list the patient leaves with' }) medications: MedicationView[];
  @ApiPropertyOptional({ nullable: true, type: String, description: '随访计划' }) followUpPlan: string | null;
}

/** The inpatient stay the patient leaves for an up-referral, as the sending GP entered it. */
export class SourceInpatientView {
  @ApiProperty({ example: 300, description: 'The deductible (yuan) the patient paid in that stay, as settled (docs/domain.md §5.5)' })
  deductiblePaid: number;
}

export class DeductibleView {
  @ApiProperty({ enum: ['chained', 'no_chain', 'unknown_credit', 'outside_window', 'year_boundary', 'not_configured'] })
  basis: DeductibleBasis;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Standard deductible of the receiving level (yuan)' }) standard: number | null;
  @ApiProperty({ description: 'Already credited in the referral chain (yuan)' }) creditedBefore: number;
  @ApiPropertyOptional({
    nullable: true, type: String,
    description: 'The admitted referral whose credit was continued: the recorded stay at the sending institution (up), or the up-referral this one returns (down)',
  })
  chainedFromReferralId: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Still to pay: max(0, standard − creditedBefore) (yuan)' }) due: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Credited after this episode, carried down the chain (yuan)' }) creditedAfter: number | null;
  @ApiProperty({ example: '2026-03-02' }) admittedOn: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) eligibleCost: number | null;
  @ApiProperty({ example: '估算，以医保结算为准' }) note: string;
}

export class ReferralEventView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['create', ...REFERRAL_ACTIONS] }) action: string;
  @ApiPropertyOptional({ nullable: true, type: String, enum: REFERRAL_STATUSES }) from: string | null;
  @ApiProperty({ enum: REFERRAL_STATUSES }) to: string;
  @ApiProperty() at: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Null when the scheduler acted' }) actorId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) actorRole: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiPropertyOptional(scalarMapProperty(
    'Facts of the step, by action: update `fields` (comma-separated names); accept/schedule/reschedule `appointmentAt`; '
    + 'complete `admitted`, and when admitted `deductibleDueFen` (integer fen) and `deductibleBasis`; expire `arriveBy`. Null when the step has none',
  ))
  data: Record<string, string | number | boolean | null> | null;
}

/** A referral in a list: masked resident, no clinical text. */
export class ReferralView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '33078120260301123456784' }) referralNo: string;
  @ApiProperty() countyId: string;
  @ApiProperty({ enum: REFERRAL_DIRECTIONS }) direction: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: string;
  @ApiProperty({ enum: REFERRAL_URGENCIES, description: 'Priority; emergent = the green channel' }) urgency: string;
  @ApiProperty({ enum: REFERRAL_KINDS }) kind: string;
  @ApiProperty({ type: ResidentBrief }) resident: ResidentBrief;
  @ApiProperty({ type: InstitutionRefView }) fromInstitution: InstitutionRefView;
  @ApiProperty({ type: InstitutionRefView }) toInstitution: InstitutionRefView;
  @ApiPropertyOptional({ nullable: true, type: String }) department: string | null;
  @ApiPropertyOptional({ nullable: true, type: ReferralDiagnosisView, description: 'Null when the clinical content is withheld (clinicalWithheld)' })
  primaryDiagnosis: ReferralDiagnosisView | null;
  @ApiProperty({
    description: 'True when the patient did not consent to share records with the receiving institution and the caller works there: '
      + 'diagnoses, summary, clinical sections and signs are left out; the demographics and the reason remain (docs/domain.md §5.4)',
  })
  clinicalWithheld: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) teamId: string | null;
  @ApiProperty() createdById: string;
  @ApiPropertyOptional({ nullable: true, type: String }) parentReferralId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) submittedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: SlaView, description: 'Null before submission' }) sla: SlaView | null;
  @ApiPropertyOptional({ nullable: true, type: String }) appointmentAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

/** An urgent-referral trigger met (docs/domain.md §5.3). */
export class UrgentSignView {
  @ApiProperty({ enum: URGENT_SIGN_CODES }) code: string;
  @ApiPropertyOptional({ description: 'The reading (mmHg, mmol/L); absent for a red flag' }) value?: number;
  @ApiPropertyOptional({ description: 'The threshold it met' }) threshold?: number;
  @ApiPropertyOptional({ description: 'When it was measured' }) recordedAt?: string;
  @ApiPropertyOptional({ enum: ['sickbed_round', 'service'] }) source?: string;
  @ApiPropertyOptional({ description: 'The round or service record it came from' }) sourceId?: string;
  @ApiProperty({ description: `Older than ${URGENT_SIGN_MAX_AGE_HOURS} hours: shown, but it suggests nothing` }) stale: boolean;
}

export class UrgentSignsView {
  @ApiProperty() residentId: string;
  @ApiProperty({ type: [UrgentSignView], description: 'Triggers the latest readings meet, newest reading of each sign' }) signs: UrgentSignView[];
  @ApiPropertyOptional({ nullable: true, type: String, enum: ['emergent'], description: 'emergent when a current sign is met; null: no suggestion' })
  suggestedUrgency: string | null;
}

export class ReferralClinicalView {
  @ApiPropertyOptional({ description: '主诉' }) chiefComplaint?: string;
  @ApiPropertyOptional({ description: '现病史' }) presentIllness?: string;
  @ApiPropertyOptional({ description: '既往史' }) pastHistory?: string;
  @ApiPropertyOptional({ description: '治疗经过' }) treatmentSoFar?: string;
  @ApiPropertyOptional({ description: '主要检查结果' }) keyResults?: string;
  @ApiPropertyOptional({ description: '注意事项' }) precautions?: string;
}

export class InsuranceView {
  @ApiPropertyOptional({ nullable: true, type: String, enum: INSURANCE_TYPES }) type: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'ZJ************3456', description: 'Masked: the last 4 characters (and the first 2 of a number of 10 or more)' })
  numberMasked: string | null;
}

export class ReferralDetailView extends ReferralView {
  @ApiProperty({ type: [String], enum: RED_FLAGS, description: 'Urgent triggers the sender observed' }) redFlags: string[];
  @ApiProperty({ type: [UrgentSignView], description: 'Triggers met when the sender last wrote or submitted it (latest vitals and red flags)' })
  urgentSigns: UrgentSignView[];
  @ApiPropertyOptional({ nullable: true, type: String, enum: ['emergent'], description: 'What the signs suggest (emergent), whatever priority was chosen' })
  suggestedUrgency: string | null;
  @ApiProperty({ type: InsuranceView }) insurance: InsuranceView;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Null when withheld' }) summary: string | null;
  @ApiProperty({ type: [ReferralDiagnosisView], description: 'Empty when withheld' }) diagnoses: ReferralDiagnosisView[];
  @ApiPropertyOptional({ nullable: true, type: ReferralClinicalView, description: 'The clinical sections written; null when none or withheld' })
  clinical: ReferralClinicalView | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '预约转诊日期' }) requestedDate: string | null;
  @ApiPropertyOptional({
    nullable: true, type: Boolean,
    description: 'The patient\'s consent to share records with the receiving institution; null on referrals written before it was recorded (shared)',
  })
  consentToShare: boolean | null;
  @ApiPropertyOptional({ nullable: true, type: SourceInpatientView, description: 'UP only: the stay at the sending institution; null otherwise' })
  sourceInpatient: SourceInpatientView | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sourceSickbedId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Set while a returned referral waits as a draft' }) returnReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) rejectReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) acceptedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Last day to arrive before the referral expires' }) arriveBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) arrivedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) completedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) rejectedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelledAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) expiredAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: OutcomeView }) outcome: OutcomeView | null;
  @ApiProperty() admitted: boolean;
  @ApiPropertyOptional({ nullable: true, type: DeductibleView, description: 'Continuous deductible estimate, stored at completion with admission' })
  deductible: DeductibleView | null;
  @ApiProperty({ type: [String], description: 'Down-referrals returning this up-referral' }) returnReferralIds: string[];
  @ApiProperty({ type: [ReferralEventView], description: 'Status history, oldest first' }) events: ReferralEventView[];
  @ApiProperty({ type: [String], description: 'What the caller may do now' }) allowedActions: string[];
}

export interface ViewContext {
  residents: Map<string, ResidentBrief>;
  institutions: Map<string, InstitutionRefView>;
  now: Date;
  /** The caller's institution: decides whether the clinical content is shown (seesClinicalContent). */
  readerInstitutionId: string | null;
}

const withheld = (r: Referral, ctx: ViewContext) => !seesClinicalContent({
  consentToShare: r.consentToShare, readerInstitutionId: ctx.readerInstitutionId, fromInstitutionId: r.fromInstitutionId, toInstitutionId: r.toInstitutionId,
});

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function slaOf(r: Referral, now: Date): SlaView | null {
  if (!r.submittedAt || !r.replyDueAt) return null;
  return { deadline: r.replyDueAt.toISOString(), state: slaState({ submittedAt: r.submittedAt, deadline: r.replyDueAt, repliedAt: r.repliedAt, now }) };
}

const unknownInstitution = (id: string): InstitutionRefView => ({ id, name: '', level: '' });
const unknownResident = (id: string): ResidentBrief => ({ id, name: '', sex: '', age: 0 });

export function referralView(r: Referral, ctx: ViewContext): ReferralView {
  return {
    id: r.id,
    referralNo: r.referralNo,
    countyId: r.countyId,
    direction: r.direction,
    status: r.status,
    urgency: r.urgency,
    kind: r.kind,
    resident: ctx.residents.get(r.residentId) ?? unknownResident(r.residentId),
    fromInstitution: ctx.institutions.get(r.fromInstitutionId) ?? unknownInstitution(r.fromInstitutionId),
    toInstitution: ctx.institutions.get(r.toInstitutionId) ?? unknownInstitution(r.toInstitutionId),
    department: r.department,
    primaryDiagnosis: withheld(r, ctx) ? null : r.diagnoses[0],
    clinicalWithheld: withheld(r, ctx),
    teamId: r.teamId,
    createdById: r.createdById,
    parentReferralId: r.parentReferralId,
    submittedAt: iso(r.submittedAt),
    sla: slaOf(r, ctx.now),
    appointmentAt: iso(r.appointmentAt),
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

export function referralEventView(e: ReferralEvent): ReferralEventView {
  return {
    id: e.id, action: e.action, from: e.fromStatus, to: e.toStatus, at: e.at.toISOString(), actorId: e.actorId, actorRole: e.actorRole,
    note: e.note, data: e.data,
  };
}

function deductibleView(r: Referral): DeductibleView | null {
  if (!r.admitted || !r.deductibleBasis || !r.admittedOn) return null;
  const yuan = (fen: number | null) => (fen === null ? null : fenToYuan(fen));
  return {
    basis: r.deductibleBasis,
    standard: yuan(r.standardDeductibleFen),
    creditedBefore: fenToYuan(r.creditedBeforeFen ?? 0),
    chainedFromReferralId: r.deductibleChainFromId,
    due: yuan(r.deductibleDueFen),
    creditedAfter: yuan(r.creditedAfterFen),
    admittedOn: r.admittedOn,
    eligibleCost: yuan(r.eligibleCostFen),
    note: '估算，以医保结算为准 (estimate; the insurance settlement prevails)',
  };
}

/** What the receiving side reads of the clinical content without the patient's consent. */
const withheldContent = (): Pick<ReferralDetailView, 'redFlags' | 'urgentSigns' | 'suggestedUrgency' | 'summary' | 'diagnoses' | 'clinical'> => ({
  redFlags: [], urgentSigns: [], suggestedUrgency: null, summary: null, diagnoses: [], clinical: null,
});

export function referralDetailView(
  r: Referral,
  ctx: ViewContext,
  extra: { events: ReferralEvent[]; returnReferralIds: string[]; allowedActions: string[] },
): ReferralDetailView {
  return {
    ...referralView(r, ctx),
    ...(withheld(r, ctx) ? withheldContent() : {
      redFlags: r.redFlags ?? [],
      urgentSigns: r.urgentSigns ?? [],
      suggestedUrgency: suggestedUrgency(r.urgentSigns ?? []),
      summary: r.summary,
      diagnoses: r.diagnoses,
      clinical: r.clinical,
    }),
    requestedDate: r.requestedDate,
    consentToShare: r.consentToShare,
    insurance: { type: r.insuranceType, numberMasked: r.insuranceNoMasked },
    reason: r.reason,
    sourceInpatient: r.sourceDeductiblePaidFen === null ? null : { deductiblePaid: fenToYuan(r.sourceDeductiblePaidFen) },
    sourceSickbedId: r.sourceSickbedId,
    returnReason: r.returnReason,
    rejectReason: r.rejectReason,
    cancelReason: r.cancelReason,
    acceptedAt: iso(r.acceptedAt),
    arriveBy: r.arriveBy,
    arrivedAt: iso(r.arrivedAt),
    completedAt: iso(r.completedAt),
    rejectedAt: iso(r.rejectedAt),
    cancelledAt: iso(r.cancelledAt),
    expiredAt: iso(r.expiredAt),
    outcome: r.outcome ? {
      diagnosisResult: r.outcome.diagnosisResult, keyFindings: r.outcome.keyFindings, nextAdvice: r.outcome.nextAdvice,
      treatment: r.outcome.treatment ?? null, medications: r.outcome.medications ?? [], followUpPlan: r.outcome.followUpPlan ?? null,
    } : null,
    admitted: r.admitted,
    deductible: deductibleView(r),
    returnReferralIds: extra.returnReferralIds,
    events: extra.events.map(referralEventView),
    allowedActions: extra.allowedActions,
  };
}
