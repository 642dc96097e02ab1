import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { ID_RE, IsCalendarDate, IsNotBlank, NestedArray, NestedObject, PageQueryDto, VersionedDto } from '@countycare/common';
import {
  DESK_OPEN_STATUSES, INSURANCE_TYPES, MAX_REFERRAL_DIAGNOSES, RED_FLAGS, REFERRAL_DIRECTIONS, REFERRAL_KINDS, REFERRAL_STATUSES, REFERRAL_URGENCIES,
} from '@countycare/domain';
import type { InsuranceType, RedFlag, ReferralDirection, ReferralKind, ReferralStatus, ReferralUrgency } from '@countycare/domain';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsISO8601, IsNumber, IsOptional, IsString, Matches, MaxLength, Max, Min,
} from 'class-validator';

/** An instant with its offset, e.g. 2026-03-01T08:30:00+08:00 (api.md "Instants"). */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_YUAN = 1_000_000;

/** A diagnosis the referral carries: ICD-10 code and name. */
export class ReferralDiagnosisDto {
  @ApiProperty({ example: 'I10.x00', description: 'ICD-10 code (WHO category, optional national clinical version subdivision)' })
  @IsString()
  @IsNotBlank()
  @MaxLength(16)
  code: string;

  @ApiProperty({ example: '高血压' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;
}

export class SourceInpatientDto {
  @ApiProperty({
    example: 300,
    description: 'The deductible (yuan) the patient actually paid, as settled, in the inpatient stay at the sending institution (docs/domain.md §5.5). ' +
      'When that stay is itself an admitted referral recorded in CountyCare, the credits of the chain before it are added automatically and ' +
      'this figure replaces the stay\'s own estimate (the settlement prevails); leave `sourceInpatient` out to use the recorded estimate. ' +
      'When the stay is not recorded, this figure alone is carried into the chain.',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_YUAN)
  deductiblePaid: number;
}

const URGENCY_DOC = 'Priority (优先级, docs/domain.md §5.3): routine, urgent, or emergent = the green channel (绿色通道: first in the queue, '
  + 'its own reply limit, may arrive without scheduling)';
const RED_FLAGS_DOC = 'Urgent triggers the GP observed (altered consciousness, chest pain, pregnancy with hypertension); with the latest '
  + 'vitals they make `urgentSigns` and suggest the green channel';
const INSURANCE_NO_DOC = '医保编码 / 社保卡号, 6 to 32 letters and digits; stored encrypted and only ever shown masked';

/** The clinical sections of the referral form (docs/domain.md §5.4); each optional. */
export class ReferralClinicalDto {
  @ApiPropertyOptional({ description: '主诉', maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) chiefComplaint?: string;
  @ApiPropertyOptional({ description: '现病史', maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) presentIllness?: string;
  @ApiPropertyOptional({ description: '既往史', maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) pastHistory?: string;
  @ApiPropertyOptional({ description: '治疗经过', maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) treatmentSoFar?: string;
  @ApiPropertyOptional({ description: '主要检查结果', maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) keyResults?: string;
  @ApiPropertyOptional({ description: '注意事项', maxLength: 1000 }) @IsOptional() @IsString() @MaxLength(1000) precautions?: string;
}

/** The referral fields a sender may set on creation and on a draft: kind, red flags, insurance, clinical sections, consent. */
class ReferralRequestFields {
  @ApiPropertyOptional({ type: ReferralClinicalDto, description: 'Chief complaint, present illness, past history, treatment so far, key results, precautions' })
  @IsOptional()
  @NestedObject(() => ReferralClinicalDto)
  clinical?: ReferralClinicalDto;

  @ApiPropertyOptional({ example: '2026-03-05', description: '预约转诊日期: the day the patient should be seen (not in the past)' })
  @IsOptional()
  @IsCalendarDate()
  requestedDate?: string;

  @ApiPropertyOptional({
    description: 'The patient\'s consent to share records with the receiving institution. Left out: the open contract\'s county-wide sharing '
      + 'consent, or none without a contract. Without consent the receiving side sees the demographics and the reason only (docs/domain.md §5.4)',
  })
  @IsOptional()
  @IsBoolean()
  consentToShare?: boolean;

  @ApiPropertyOptional({ enum: REFERRAL_KINDS, description: 'What the receiving side is asked for (outpatient when left out); emergency requires urgency emergent' })
  @IsOptional()
  @IsIn(REFERRAL_KINDS)
  kind?: ReferralKind;

  @ApiPropertyOptional({ enum: RED_FLAGS, isArray: true, description: RED_FLAGS_DOC })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(RED_FLAGS.length)
  @ArrayUnique()
  @IsIn(RED_FLAGS, { each: true })
  redFlags?: RedFlag[];

  @ApiPropertyOptional({ enum: INSURANCE_TYPES, description: '职工医保 employee, 居民医保 resident, other: decides the deductible table (docs/domain.md §5.5)' })
  @IsOptional()
  @IsIn(INSURANCE_TYPES)
  insuranceType?: InsuranceType;

  @ApiPropertyOptional({ example: 'ZJ3301020000123456', description: INSURANCE_NO_DOC })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  insuranceNo?: string;
}

export class CreateReferralDto extends ReferralRequestFields {
  @ApiProperty({ enum: REFERRAL_DIRECTIONS })
  @IsIn(REFERRAL_DIRECTIONS)
  direction: ReferralDirection;

  @ApiProperty()
  @Matches(ID_RE)
  residentId: string;

  @ApiProperty({ description: 'UP: a higher-level institution with a referral desk; DOWN: a primary-care institution' })
  @Matches(ID_RE)
  toInstitutionId: string;

  @ApiPropertyOptional({ example: '心血管内科' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  department?: string;

  @ApiProperty({ enum: REFERRAL_URGENCIES, description: URGENCY_DOC })
  @IsIn(REFERRAL_URGENCIES)
  urgency: ReferralUrgency;

  @ApiProperty({ example: '血压控制不佳，需专科评估' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;

  @ApiProperty({ type: [ReferralDiagnosisDto], description: `1 to ${MAX_REFERRAL_DIAGNOSES}; the first is the primary diagnosis` })
  @NestedArray(() => ReferralDiagnosisDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REFERRAL_DIAGNOSES)
  diagnoses: ReferralDiagnosisDto[];

  @ApiProperty({ description: 'Present illness, history, treatment so far, key results' })
  @IsString()
  @IsNotBlank()
  @MaxLength(4000)
  summary: string;

  @ApiPropertyOptional({ type: SourceInpatientDto, description: 'UP only: the patient leaves an inpatient stay at the sending institution and paid this deductible there' })
  @IsOptional()
  @NestedObject(() => SourceInpatientDto)
  sourceInpatient?: SourceInpatientDto;

  @ApiPropertyOptional({ description: 'DOWN only (required there): the completed up-referral this one returns' })
  @IsOptional()
  @Matches(ID_RE)
  parentReferralId?: string;

  @ApiPropertyOptional({ default: false, description: 'Submit at once instead of keeping a draft' })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

/** A draft's changes: any field of the request, with the version it was read at. */
export class UpdateReferralDto extends IntersectionType(VersionedDto, ReferralRequestFields) {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) toInstitutionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) department?: string;
  @ApiPropertyOptional({ enum: REFERRAL_URGENCIES, description: URGENCY_DOC }) @IsOptional() @IsIn(REFERRAL_URGENCIES) urgency?: ReferralUrgency;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotBlank() @MaxLength(500) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotBlank() @MaxLength(4000) summary?: string;

  @ApiPropertyOptional({ type: [ReferralDiagnosisDto] })
  @IsOptional()
  @NestedArray(() => ReferralDiagnosisDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REFERRAL_DIAGNOSES)
  diagnoses?: ReferralDiagnosisDto[];

  @ApiPropertyOptional({ type: SourceInpatientDto })
  @IsOptional()
  @NestedObject(() => SourceInpatientDto)
  sourceInpatient?: SourceInpatientDto;
}

/** A referral transition with an optional remark (submit, arrive, and the base of accept, schedule, complete). */
export class ReferralNoteDto extends VersionedDto {
  @ApiPropertyOptional({ description: 'Remark kept in the referral history' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** Return (退回补充), reject or cancel a referral: why, required. */
export class ReferralReasonDto extends VersionedDto {
  @ApiProperty({ description: 'Required; kept in the referral history' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export class AcceptReferralDto extends ReferralNoteDto {
  @ApiPropertyOptional({ example: '2026-03-02T09:00:00+08:00', description: 'Given: accept and schedule in one step (accepted -> scheduled)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT_RE)
  appointmentAt?: string;
}

export class ScheduleReferralDto extends ReferralNoteDto {
  @ApiProperty({ example: '2026-03-02T09:00:00+08:00' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT_RE)
  appointmentAt: string;
}

export class ReferralMedicationDto {
  @ApiProperty({ example: '氨氯地平片', maxLength: 100 }) @IsString() @IsNotBlank() @MaxLength(100) name: string;
  @ApiPropertyOptional({ example: '5mg', maxLength: 50 }) @IsOptional() @IsString() @MaxLength(50) dose?: string;
  @ApiPropertyOptional({ example: '每日一次', maxLength: 50 }) @IsOptional() @IsString() @MaxLength(50) frequency?: string;
}

export class ReferralOutcomeDto {
  @ApiProperty({ description: '诊断结果' })
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  diagnosisResult: string;

  @ApiPropertyOptional({ description: '主要检查结果 / 治疗经过' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  keyFindings?: string;

  @ApiPropertyOptional({ description: '下一步建议' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  nextAdvice?: string;

  @ApiPropertyOptional({ description: '治疗经过 at the receiving institution', maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  treatment?: string;

  @ApiPropertyOptional({ type: () => [ReferralMedicationDto], description: 'The medication list the patient leaves with (出院带药), at most 20' })
  @IsOptional()
  @NestedArray(() => ReferralMedicationDto)
  @ArrayMaxSize(20)
  medications?: ReferralMedicationDto[];

  @ApiPropertyOptional({ description: '随访计划 for the team that takes the patient back', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  followUpPlan?: string;
}

export class CompleteReferralDto extends ReferralNoteDto {
  @ApiProperty({ type: ReferralOutcomeDto })
  @NestedObject(() => ReferralOutcomeDto)
  outcome: ReferralOutcomeDto;

  @ApiPropertyOptional({ default: false, description: 'Admitted as an inpatient: the continuous deductible is estimated and stored' })
  @IsOptional()
  @IsBoolean()
  admitted?: boolean;

  @ApiPropertyOptional({ example: '2026-03-02', description: 'Admission day; defaults to the arrival day' })
  @IsOptional()
  @Matches(DATE_RE)
  admittedOn?: string;

  @ApiPropertyOptional({ example: 6200.5, description: 'Admitted only: cost eligible for the pooled fund (yuan); caps the credited deductible' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(100_000_000)
  eligibleCost?: number;
}

export class ReferralQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: REFERRAL_DIRECTIONS }) @IsOptional() @IsIn(REFERRAL_DIRECTIONS) direction?: ReferralDirection;
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES }) @IsOptional() @IsIn(REFERRAL_STATUSES) status?: ReferralStatus;
  @ApiPropertyOptional({ description: 'Sent from or addressed to this institution' }) @IsOptional() @Matches(ID_RE) institutionId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) residentId?: string;
}

export class DeskQueueQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DESK_OPEN_STATUSES, description: 'Default: every status awaiting the receiving side' })
  @IsOptional()
  @IsIn(DESK_OPEN_STATUSES)
  status?: ReferralStatus;

  @ApiPropertyOptional({ enum: REFERRAL_URGENCIES }) @IsOptional() @IsIn(REFERRAL_URGENCIES) urgency?: ReferralUrgency;
  @ApiPropertyOptional({ enum: REFERRAL_KINDS }) @IsOptional() @IsIn(REFERRAL_KINDS) kind?: ReferralKind;
}

export class UrgentSignsQueryDto {
  @ApiProperty({ description: 'The resident about to be referred' })
  @Matches(ID_RE)
  residentId: string;
}
