import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ResidentBrief } from '@countycare/residents';
import {
  ADMISSION_EXCLUSIONS, ADMISSION_INDICATIONS, ASSESSMENT_RESULTS, BED_TYPES, bedDays, calendarDateIn, CLOSURE_OUTCOMES, endWarningDate,
  isCycleOverdue, ROUND_KINDS, roundDueState, SICKBED_EVENTS, SICKBED_STATUSES, SickbedStateMachine,
} from '@countycare/domain';
import { RoundSchedule } from '../entities/round-schedule.entity';
import { SickbedAssessment } from '../entities/sickbed-assessment.entity';
import { SickbedCycle } from '../entities/sickbed-cycle.entity';
import { SickbedOrder, ORDER_TYPES } from '../entities/sickbed-order.entity';
import { SickbedRound } from '../entities/sickbed-round.entity';
import { Sickbed } from '../entities/sickbed.entity';

/** What a view needs besides the rows: the time and the zone "today" and "overdue" are measured in. */
export interface ViewContext {
  now: Date;
  timeZone: string;
  /** sickbed.endWarningDays of each county on the page. */
  endWarningDays: Map<string, number>;
}

export class StaffRef {
  @ApiProperty() id: string;
  @ApiProperty({ example: '王医生' }) name: string;
}

export class SickbedDiagnosisView {
  @ApiProperty({ example: 'I69.3' }) code: string;
  @ApiProperty({ example: '脑梗死后遗症' }) name: string;
}

export class RoundDueView {
  @ApiProperty({ enum: ROUND_KINDS }) kind: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Due instant; null while the bed is not active' }) nextDueAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-03-09', description: 'Due day in the county zone' }) nextDueDate: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['overdue', 'today', 'upcoming'] }) dueState: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastRoundAt: string | null;
  @ApiProperty({ description: 'Responsible doctor (doctor rounds) or nurse (nurse visits)' }) assigneeId: string;
}

export class PlanView {
  @ApiProperty({ type: 'integer', description: 'First doctor round within this many hours of opening' }) firstRoundHours: number;
  @ApiProperty({ type: 'integer', description: 'Doctor rounds at least every N days' }) doctorRoundIntervalDays: number;
  @ApiProperty({ type: 'integer', description: 'Nurse visits at least every N days' }) nurseVisitIntervalDays: number;
}

export class CriteriaView {
  @ApiProperty() diagnosisClear: boolean;
  @ApiProperty() conditionStable: boolean;
  @ApiProperty() homeSafe: boolean;
  @ApiProperty() caregiverPresent: boolean;
  @ApiProperty({ enum: ADMISSION_INDICATIONS, isArray: true }) indications: string[];
  @ApiProperty({ enum: ADMISSION_EXCLUSIONS, isArray: true }) exclusions: string[];
}

export class AssessmentView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['admission', 'reassessment'] }) kind: string;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'For a reassessment, the cycle it justifies; null for the admission assessment' }) cycleNo: number | null;
  @ApiProperty({ enum: ASSESSMENT_RESULTS }) result: string;
  @ApiProperty({ type: CriteriaView }) criteria: CriteriaView;
  @ApiPropertyOptional({ nullable: true, type: 'integer', minimum: 0, maximum: 100, description: 'Barthel ADL index' }) functionalScore: number | null;
  @ApiProperty() consentSigned: boolean;
  @ApiProperty() agreementSigned: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() assessedById: string;
  @ApiProperty() assessedAt: string;
}

export class CycleView {
  @ApiProperty({ type: 'integer' }) cycleNo: number;
  @ApiProperty({ example: '2026-03-02' }) startDate: string;
  @ApiProperty({ example: '2026-05-30' }) plannedEndDate: string;
  @ApiProperty() assessmentId: string;
  @ApiProperty() createdById: string;
  @ApiProperty() createdAt: string;
}

export class ClosureView {
  @ApiProperty({ example: '2026-04-10' }) closureDate: string;
  @ApiProperty({ enum: CLOSURE_OUTCOMES }) outcome: string;
  @ApiProperty({ type: SickbedDiagnosisView }) diagnosis: SickbedDiagnosisView;
  @ApiProperty() summary: string;
  @ApiPropertyOptional({ nullable: true, type: String }) conditionAtClosure: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) advice: string | null;
  @ApiProperty() recordedAt: string;
  @ApiProperty() recordedById: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'When the closure was finalized (closed)' }) closedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) closedById: string | null;
}

export class SickbedView {
  @ApiProperty() id: string;
  @ApiProperty() countyId: string;
  @ApiProperty() institutionId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ type: ResidentBrief }) resident: ResidentBrief;
  @ApiProperty({ enum: SICKBED_STATUSES }) status: string;
  @ApiProperty({ enum: SICKBED_EVENTS, isArray: true, description: 'Events the current state allows' }) allowedActions: string[];
  @ApiProperty() appliedById: string;
  @ApiProperty({ enum: ['team', 'resident'], description: 'A GP of the team applied, or the resident did' }) origin: string;
  @ApiProperty() appliedAt: string;
  @ApiProperty() conditionSummary: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: '收治指征和建床意见: the GP writes it before submitting a resident\'s application' })
  admissionIndication: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) diagnosisDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Reason of the last return or rejection' }) decisionReason: string | null;
  @ApiPropertyOptional({ nullable: true, enum: BED_TYPES }) bedType: string | null;
  @ApiPropertyOptional({ nullable: true, type: SickbedDiagnosisView }) admissionDiagnosis: SickbedDiagnosisView | null;
  @ApiPropertyOptional({ nullable: true, type: StaffRef }) responsibleDoctor: StaffRef | null;
  @ApiPropertyOptional({ nullable: true, type: StaffRef }) responsibleNurse: StaffRef | null;
  @ApiPropertyOptional({ nullable: true, type: String }) startDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Last day of the current cycle' }) plannedEndDate: string | null;
  @ApiProperty({ type: 'integer', description: '0 before opening, then 1 plus one per extension' }) cycleNo: number;
  @ApiPropertyOptional({ nullable: true, type: String }) cycleStartDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'From this day the end-of-cycle warning shows' }) endWarningDate: string | null;
  @ApiProperty({ description: 'Active past plannedEndDate without an extension (domain.md §4.4)' }) cycleOverdue: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) openedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: PlanView }) plan: PlanView | null;
  @ApiProperty({ type: [RoundDueView], description: 'Next doctor round and nurse visit' }) schedule: RoundDueView[];
  @ApiPropertyOptional({ nullable: true, type: ClosureView }) closure: ClosureView | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Start to closure date, both counted' }) bedDays: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Up-referral created with a transfer closure' }) linkedReferralId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class SickbedDetailView extends SickbedView {
  @ApiPropertyOptional({ nullable: true, type: AssessmentView }) latestAssessment: AssessmentView | null;
  @ApiProperty({ type: [CycleView] }) cycles: CycleView[];
}

export class VitalsView {
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Systolic, mmHg' }) sbp: number | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Diastolic, mmHg' }) dbp: number | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Pulse, /min' }) pulse: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 36.6, description: 'Body temperature, °C, one decimal' }) temperature: number | null;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'SpO2, whole percent' }) spo2: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 6.8, description: 'Capillary glucose, mmol/L, one decimal' }) glucose: number | null;
}

export class RoundView {
  @ApiProperty() id: string;
  @ApiProperty() episodeId: string;
  @ApiProperty({ enum: ROUND_KINDS }) kind: string;
  @ApiProperty({ type: 'integer' }) cycleNo: number;
  @ApiProperty() visitedAt: string;
  @ApiProperty() practitionerId: string;
  @ApiProperty({ type: VitalsView }) vitals: VitalsView;
  @ApiPropertyOptional({ nullable: true, type: String }) findings: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) notes: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) clientId: string | null;
  @ApiProperty() createdAt: string;
}

export class RecordedRoundView extends RoundView {
  @ApiProperty({ type: [RoundDueView], description: 'The next due dates after this round' }) schedule: RoundDueView[];
}

export class OrderView {
  @ApiProperty() id: string;
  @ApiProperty() episodeId: string;
  @ApiProperty({ enum: ORDER_TYPES }) type: string;
  @ApiProperty() longTerm: boolean;
  @ApiProperty() content: string;
  @ApiPropertyOptional({ nullable: true, type: String }) drugCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dose: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) route: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) frequency: string | null;
  @ApiProperty({ enum: ['active', 'stopped'] }) status: string;
  @ApiProperty() startedAt: string;
  @ApiProperty() startedById: string;
  @ApiPropertyOptional({ nullable: true, type: String }) stoppedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) stoppedById: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) stopReason: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class RoundWorkItemView {
  @ApiProperty() episodeId: string;
  @ApiProperty({ enum: ROUND_KINDS }) kind: string;
  @ApiProperty() dueAt: string;
  @ApiProperty({ example: '2026-03-09' }) dueDate: string;
  @ApiProperty({ enum: ['overdue', 'today', 'upcoming'] }) dueState: string;
  @ApiPropertyOptional({ nullable: true, type: String }) lastRoundAt: string | null;
  @ApiProperty() assigneeId: string;
  @ApiPropertyOptional({ nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ type: ResidentBrief }) resident: ResidentBrief;
}

export class MySickbedView extends SickbedView {
  @ApiProperty({ type: [RoundView], description: 'Every round of the episode, newest first' }) rounds: RoundView[];
  @ApiProperty({ type: [OrderView], description: 'Orders in force' }) activeOrders: OrderView[];
}

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
const tenths = (v: number | null): number | null => (v === null ? null : v / 10);

export function roundDueView(s: RoundSchedule, ctx: ViewContext): RoundDueView {
  return {
    kind: s.kind,
    nextDueAt: iso(s.dueAt),
    nextDueDate: s.dueAt ? calendarDateIn(s.dueAt, ctx.timeZone) : null,
    dueState: s.dueAt ? roundDueState(s.dueAt, ctx.now, ctx.timeZone) : null,
    lastRoundAt: iso(s.lastRoundAt),
    assigneeId: s.assigneeId,
  };
}

/** The doctor round first, then the nurse visit. */
export function scheduleViews(schedules: RoundSchedule[], ctx: ViewContext): RoundDueView[] {
  return [...schedules].sort((a, b) => ROUND_KINDS.indexOf(a.kind) - ROUND_KINDS.indexOf(b.kind)).map((r) => roundDueView(r, ctx));
}

export function sickbedView(
  s: Sickbed,
  related: { resident: ResidentBrief; schedules: RoundSchedule[]; staff: Map<string, string> },
  ctx: ViewContext,
): SickbedView {
  const staffRef = (id: string | null): StaffRef | null => (id ? { id, name: related.staff.get(id) ?? '' } : null);
  const today = calendarDateIn(ctx.now, ctx.timeZone);
  const closed = s.closureDate !== null && s.closureOutcome !== null;
  return {
    id: s.id,
    countyId: s.countyId,
    institutionId: s.institutionId,
    teamId: s.teamId,
    resident: related.resident,
    status: s.status,
    allowedActions: SickbedStateMachine.allowed(s.status),
    appliedById: s.appliedById,
    origin: s.origin,
    appliedAt: s.appliedAt.toISOString(),
    conditionSummary: s.conditionSummary,
    admissionIndication: s.admissionIndication,
    diagnosisDate: s.diagnosisDate,
    decisionReason: s.decisionReason,
    bedType: s.bedType,
    admissionDiagnosis: s.admissionDiagnosisCode ? { code: s.admissionDiagnosisCode, name: s.admissionDiagnosisName ?? '' } : null,
    responsibleDoctor: staffRef(s.responsibleDoctorId),
    responsibleNurse: staffRef(s.responsibleNurseId),
    startDate: s.startDate,
    plannedEndDate: s.plannedEndDate,
    cycleNo: s.cycleNo,
    cycleStartDate: s.cycleStartDate,
    endWarningDate: s.plannedEndDate ? endWarningDate(s.plannedEndDate, ctx.endWarningDays.get(s.countyId) ?? 0) : null,
    cycleOverdue: s.status === 'active' && s.plannedEndDate !== null && isCycleOverdue(s.plannedEndDate, today),
    openedAt: iso(s.openedAt),
    plan: s.firstRoundHours !== null
      ? { firstRoundHours: s.firstRoundHours, doctorRoundIntervalDays: s.doctorIntervalDays!, nurseVisitIntervalDays: s.nurseIntervalDays! }
      : null,
    schedule: scheduleViews(related.schedules, ctx),
    closure: closed
      ? {
        closureDate: s.closureDate!,
        outcome: s.closureOutcome!,
        diagnosis: { code: s.closureDiagnosisCode ?? '', name: s.closureDiagnosisName ?? '' },
        summary: s.closureSummary ?? '',
        conditionAtClosure: s.conditionAtClosure,
        advice: s.closureAdvice,
        recordedAt: iso(s.closureRecordedAt)!,
        recordedById: s.closureRecordedById ?? '',
        closedAt: iso(s.closedAt),
        closedById: s.closedById,
      }
      : null,
    bedDays: s.bedDays ?? (closed && s.startDate ? bedDays(s.startDate, s.closureDate!) : null),
    linkedReferralId: s.linkedReferralId,
    cancelReason: s.cancelReason,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function assessmentView(a: SickbedAssessment): AssessmentView {
  return {
    id: a.id, kind: a.kind, cycleNo: a.cycleNo, result: a.result, criteria: a.criteria, functionalScore: a.functionalScore,
    consentSigned: a.consentSigned, agreementSigned: a.agreementSigned, reason: a.reason, assessedById: a.assessedById,
    assessedAt: a.assessedAt.toISOString(),
  };
}

export function cycleView(c: SickbedCycle): CycleView {
  return {
    cycleNo: c.cycleNo, startDate: c.startDate, plannedEndDate: c.plannedEndDate, assessmentId: c.assessmentId, createdById: c.createdById,
    createdAt: c.createdAt.toISOString(),
  };
}

export function roundView(r: SickbedRound): RoundView {
  return {
    id: r.id,
    episodeId: r.episodeId,
    kind: r.kind,
    cycleNo: r.cycleNo,
    visitedAt: r.visitedAt.toISOString(),
    practitionerId: r.practitionerId,
    vitals: { sbp: r.sbp, dbp: r.dbp, pulse: r.pulse, temperature: tenths(r.temperatureTenths), spo2: r.spo2, glucose: tenths(r.glucoseTenths) },
    findings: r.findings,
    notes: r.notes,
    clientId: r.clientId,
    createdAt: r.createdAt.toISOString(),
  };
}

export function orderView(o: SickbedOrder): OrderView {
  return {
    id: o.id, episodeId: o.episodeId, type: o.type, longTerm: o.longTerm, content: o.content, drugCode: o.drugCode, dose: o.dose,
    route: o.route, frequency: o.frequency, status: o.status, startedAt: o.startedAt.toISOString(), startedById: o.startedById,
    stoppedAt: iso(o.stoppedAt), stoppedById: o.stoppedById, stopReason: o.stopReason, version: o.version,
  };
}

export function workItemView(s: RoundSchedule, resident: ResidentBrief, ctx: ViewContext): RoundWorkItemView {
  return {
    episodeId: s.episodeId,
    kind: s.kind,
    dueAt: s.dueAt!.toISOString(),
    dueDate: calendarDateIn(s.dueAt!, ctx.timeZone),
    dueState: roundDueState(s.dueAt!, ctx.now, ctx.timeZone),
    lastRoundAt: iso(s.lastRoundAt),
    assigneeId: s.assigneeId,
    teamId: s.teamId,
    resident,
  };
}
