import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ID_RE, IsCalendarDate, IsNotBlank, NestedArray, NestedObject, PageQueryDto, VersionedDto, VersionProperty } from '@countycare/common';
import { ADMISSION_EXCLUSIONS, ADMISSION_INDICATIONS, AdmissionExclusion, AdmissionIndication, ASSESSMENT_RESULTS, AssessmentResult, BED_TYPES, BedType, CLOSURE_OUTCOMES, ClosureOutcome, REFERRAL_URGENCIES, ReferralUrgency, ROUND_KINDS, RoundKind, SICKBED_STATUSES, SickbedStatus, VITAL_RANGES, VitalName } from '@countycare/domain';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Matches,
  Max, MaxLength, Min,
} from 'class-validator';
import { ORDER_TYPES, OrderType } from '../entities/sickbed-order.entity';

/** An instant must say its offset: a bare local time would be read in the server's zone. */
const INSTANT_WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** Reject, return (退回) or cancel a sickbed application: why, kept on the episode. */
export class SickbedReasonDto extends VersionedDto {
  @ApiProperty({ maxLength: 500, example: '家属要求暂缓', description: 'Required, not blank; kept on the episode as the decision or cancellation reason' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export class CreateSickbedDto {
  @ApiProperty({ description: 'The resident the bed is for (in the caller\'s county)' })
  @Matches(ID_RE)
  residentId: string;

  @ApiProperty({ maxLength: 2000, description: '病情摘要', example: '脑梗死后遗症，左侧肢体偏瘫，长期卧床' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  conditionSummary: string;

  @ApiPropertyOptional({
    maxLength: 2000, description: '收治指征和建床意见: required from a GP; a resident applying leaves it to the team', example: '卧床不起，行动不便，需定期换药及康复指导，建议建床',
  })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  admissionIndication?: string;

  @ApiPropertyOptional({ description: 'Date of the main diagnosis', example: '2026-01-15' })
  @IsOptional()
  @IsCalendarDate()
  diagnosisDate?: string;
}

export class UpdateSickbedDto extends VersionedDto {
  @ApiPropertyOptional({ maxLength: 2000, description: '病情摘要' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  conditionSummary?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: '收治指征和建床意见' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  admissionIndication?: string;

  @ApiPropertyOptional({ example: '2026-01-15' })
  @IsOptional()
  @IsCalendarDate()
  diagnosisDate?: string;
}

export class EligibilityCriteriaDto {
  @ApiProperty({ description: 'Diagnosis is clear' }) @IsBoolean() diagnosisClear: boolean;
  @ApiProperty({ description: 'Condition is stable enough for home care' }) @IsBoolean() conditionStable: boolean;
  @ApiProperty({ description: 'Safe access, power and water at home' }) @IsBoolean() homeSafe: boolean;
  @ApiProperty({ description: 'A caregiver is present' }) @IsBoolean() caregiverPresent: boolean;

  @ApiProperty({ enum: ADMISSION_INDICATIONS, isArray: true, description: 'Why going to hospital is hard; at least one for eligible' })
  @IsArray()
  @ArrayMaxSize(ADMISSION_INDICATIONS.length)
  @ArrayUnique()
  @IsIn(ADMISSION_INDICATIONS, { each: true })
  indications: AdmissionIndication[];

  @ApiProperty({ enum: ADMISSION_EXCLUSIONS, isArray: true, description: 'Exclusions found; any one makes the patient ineligible' })
  @IsArray()
  @ArrayMaxSize(ADMISSION_EXCLUSIONS.length)
  @ArrayUnique()
  @IsIn(ADMISSION_EXCLUSIONS, { each: true })
  exclusions: AdmissionExclusion[];
}

export class ReassessmentDto {
  @ApiProperty({ enum: ASSESSMENT_RESULTS, description: 'eligible only when every criterion holds' })
  @IsIn(ASSESSMENT_RESULTS)
  result: AssessmentResult;

  @ApiProperty({ type: EligibilityCriteriaDto })
  @IsDefined()
  @NestedObject(() => EligibilityCriteriaDto)
  criteria: EligibilityCriteriaDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: 'Barthel ADL index, steps of 5' })
  @IsOptional()
  @IsInt()
  functionalScore?: number;

  @ApiPropertyOptional({ maxLength: 500, description: 'Required unless the result is eligible' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AssessSickbedDto extends ReassessmentDto {
  @ApiProperty({ description: '知情同意书 signed' })
  @IsBoolean()
  consentSigned: boolean;

  @ApiProperty({ description: '家庭病床服务协议 signed' })
  @IsBoolean()
  agreementSigned: boolean;

  @VersionProperty()
  version?: number;
}

/** A diagnosis of the episode: ICD-10 code and name (admission, closure, the closure's referral). */
export class SickbedDiagnosisDto {
  @ApiProperty({ example: 'I69.3', maxLength: 16, description: 'ICD-10 code' })
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  code: string;

  @ApiProperty({ example: '脑梗死后遗症', maxLength: 100 })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;
}

export class RoundPlanDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 60, description: 'Doctor rounds at least every N days; at most the county setting' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  doctorRoundIntervalDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, description: 'Nurse visits at least every N days; at most the county setting' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  nurseVisitIntervalDays?: number;
}

export class OpenSickbedDto extends VersionedDto {
  @ApiProperty({ description: '责任医生: a GP of the episode\'s institution' })
  @Matches(ID_RE)
  responsibleDoctorId: string;

  @ApiProperty({ description: '责任护士: a nurse of the episode\'s institution' })
  @Matches(ID_RE)
  responsibleNurseId: string;

  @ApiProperty({ example: '2026-03-02', description: 'From 7 days back to 30 days ahead' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ example: '2026-05-30', description: 'Default and latest: startDate + maxCycleDays − 1' })
  @IsOptional()
  @IsCalendarDate()
  plannedEndDate?: string;

  @ApiProperty({ enum: BED_TYPES, description: '治疗型 / 康复型 / 舒缓照顾型' })
  @IsIn(BED_TYPES)
  bedType: BedType;

  @ApiProperty({ type: SickbedDiagnosisDto })
  @IsDefined()
  @NestedObject(() => SickbedDiagnosisDto)
  admissionDiagnosis: SickbedDiagnosisDto;

  @ApiPropertyOptional({ type: RoundPlanDto, description: 'Tighter visit intervals than the county settings, if needed' })
  @IsOptional()
  @NestedObject(() => RoundPlanDto)
  plan?: RoundPlanDto;
}

export class ExtensionReassessmentDto extends ReassessmentDto {
  @ApiPropertyOptional({ description: 'A renewed agreement signed for the new cycle (the admission consent stays in force)', default: false })
  @IsOptional()
  @IsBoolean()
  agreementSigned?: boolean;

  @ApiPropertyOptional({ description: 'A renewed informed consent signed for the new cycle', default: false })
  @IsOptional()
  @IsBoolean()
  consentSigned?: boolean;
}

export class ExtendSickbedDto extends VersionedDto {
  @ApiProperty({ type: ExtensionReassessmentDto, description: 'The reassessment that justifies the new cycle (must be eligible)' })
  @IsDefined()
  @NestedObject(() => ExtensionReassessmentDto)
  reassessment: ExtensionReassessmentDto;

  @ApiPropertyOptional({ example: '2026-08-28', description: 'Default and latest: new cycle start + maxCycleDays − 1' })
  @IsOptional()
  @IsCalendarDate()
  plannedEndDate?: string;
}

export class ClosureReferralDto {
  @ApiProperty({ description: 'Receiving hospital' })
  @Matches(ID_RE)
  toInstitutionId: string;

  @ApiPropertyOptional({ maxLength: 64, example: '神经内科' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  department?: string;

  @ApiProperty({ enum: REFERRAL_URGENCIES, description: 'Priority of the up-referral; emergent = the green channel' })
  @IsIn(REFERRAL_URGENCIES)
  urgency: ReferralUrgency;

  @ApiProperty({ maxLength: 500, example: '再发脑梗，需住院治疗' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;

  @ApiProperty({ type: [SickbedDiagnosisDto], minItems: 1, maxItems: 10 })
  @NestedArray(() => SickbedDiagnosisDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  diagnoses: SickbedDiagnosisDto[];

  @ApiProperty({ maxLength: 4000, description: 'Clinical summary for the receiving hospital' })
  @IsString()
  @IsNotBlank()
  @MaxLength(4000)
  summary: string;

  @ApiPropertyOptional({
    description: 'The patient\'s consent to share records with the hospital; left out: the open contract\'s sharing consent, none '
      + 'without a contract (then the hospital sees the demographics and the reason only, docs/domain.md §5.4)',
  })
  @IsOptional()
  @IsBoolean()
  consentToShare?: boolean;
}

export class CloseSickbedDto extends VersionedDto {
  @ApiProperty({ example: '2026-04-10', description: '撤床日期: from the start date to today' })
  @IsCalendarDate()
  closureDate: string;

  @ApiProperty({ enum: CLOSURE_OUTCOMES, description: '转归' })
  @IsIn(CLOSURE_OUTCOMES)
  outcome: ClosureOutcome;

  @ApiProperty({ type: SickbedDiagnosisDto, description: '撤床诊断' })
  @IsDefined()
  @NestedObject(() => SickbedDiagnosisDto)
  closureDiagnosis: SickbedDiagnosisDto;

  @ApiProperty({ maxLength: 4000, description: '撤床小结: course of the episode' })
  @IsString()
  @IsNotBlank()
  @MaxLength(4000)
  summary: string;

  @ApiPropertyOptional({ maxLength: 500, description: '撤床时情况' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  conditionAtClosure?: string;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Advice and follow-up plan' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  advice?: string;

  @ApiPropertyOptional({
    type: ClosureReferralDto,
    description: 'Only with outcome transferred_to_hospital: creates the up-referral in the same transaction',
  })
  @IsOptional()
  @NestedObject(() => ClosureReferralDto)
  referral?: ClosureReferralDto;
}

/** A vital's range and precision from the domain's VITAL_RANGES (the rule that refuses an implausible reading): whole ones are integers. */
const vital = (name: VitalName, description: string) => {
  const { min, max, decimals } = VITAL_RANGES[name];
  return { type: decimals === 0 ? ('integer' as const) : ('number' as const), minimum: min, maximum: max, description };
};

export class VitalsDto {
  @ApiPropertyOptional(vital('sbp', 'Systolic, mmHg')) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) sbp?: number;
  @ApiPropertyOptional(vital('dbp', 'Diastolic, mmHg, below systolic')) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) dbp?: number;
  @ApiPropertyOptional(vital('pulse', 'Pulse, /min')) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) pulse?: number;
  @ApiPropertyOptional(vital('temperature', 'Body temperature, °C, one decimal')) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) temperature?: number;
  @ApiPropertyOptional(vital('spo2', 'SpO2, whole percent')) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) spo2?: number;
  @ApiPropertyOptional(vital('glucose', 'Capillary glucose, mmol/L, one decimal')) @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) glucose?: number;
}

export class CreateRoundDto {
  @ApiProperty({ enum: ROUND_KINDS, description: 'doctor rounds by a GP, nurse visits by a nurse' })
  @IsIn(ROUND_KINDS)
  kind: RoundKind;

  @ApiProperty({ example: '2026-03-03T10:30:00+08:00', description: 'ISO 8601 instant with offset; not in the future' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT_WITH_OFFSET)
  @MaxLength(40)
  visitedAt: string;

  @ApiPropertyOptional({ type: VitalsDto })
  @IsOptional()
  @NestedObject(() => VitalsDto)
  vitals?: VitalsDto;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Findings: complaint, examination, tests' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  findings?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Notes: plan, family communication' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({ maxLength: 64, description: 'Id the phone gave the visit offline; the same visit synced twice answers 409' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z_-]{1,64}$/)
  clientId?: string;
}

export class CreateOrderDto {
  @ApiProperty({ enum: ORDER_TYPES })
  @IsIn(ORDER_TYPES)
  type: OrderType;

  @ApiProperty({ description: '长期医嘱 (true) or 临时医嘱 (false)' })
  @IsBoolean()
  longTerm: boolean;

  @ApiProperty({ maxLength: 500, example: '阿司匹林肠溶片 100mg 口服 每日一次' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  content: string;

  @ApiPropertyOptional({ maxLength: 32, description: 'Drug or item code' }) @IsOptional() @IsString() @MaxLength(32) drugCode?: string;
  @ApiPropertyOptional({ maxLength: 64, example: '100mg' }) @IsOptional() @IsString() @MaxLength(64) dose?: string;
  @ApiPropertyOptional({ maxLength: 32, example: 'po' }) @IsOptional() @IsString() @MaxLength(32) route?: string;
  @ApiPropertyOptional({ maxLength: 32, example: 'qd' }) @IsOptional() @IsString() @MaxLength(32) frequency?: string;
}

export class StopOrderDto extends VersionedDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

export class SickbedQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SICKBED_STATUSES }) @IsOptional() @IsIn(SICKBED_STATUSES) status?: SickbedStatus;
  @ApiPropertyOptional({ description: 'Responsible doctor' }) @IsOptional() @Matches(ID_RE) doctorId?: string;
  @ApiPropertyOptional({ description: 'Responsible nurse' }) @IsOptional() @Matches(ID_RE) nurseId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) teamId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) residentId?: string;
}

export class RoundQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROUND_KINDS }) @IsOptional() @IsIn(ROUND_KINDS) kind?: RoundKind;
}

export class OrderQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'stopped'] }) @IsOptional() @IsIn(['active', 'stopped']) status?: 'active' | 'stopped';
}

export class RoundWorklistQueryDto extends PageQueryDto {
  @ApiProperty({ enum: ['today', 'overdue'], description: 'today: due during today in the county zone; overdue: due before today began' })
  @IsIn(['today', 'overdue'])
  due: 'today' | 'overdue';

  @ApiPropertyOptional({ description: 'The caller\'s team: every round of the team; default: the caller\'s own rounds' })
  @IsOptional()
  @Matches(ID_RE)
  teamId?: string;

  @ApiPropertyOptional({ enum: ROUND_KINDS }) @IsOptional() @IsIn(ROUND_KINDS) kind?: RoundKind;
}
