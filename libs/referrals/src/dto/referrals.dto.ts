import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ID_RE, PageQueryDto } from '@countycare/common';
import { DESK_OPEN_STATUSES, MAX_REFERRAL_DIAGNOSES, REFERRAL_DIRECTIONS, REFERRAL_STATUSES, REFERRAL_URGENCIES } from '@countycare/domain';
import type { ReferralDirection, ReferralStatus, ReferralUrgency } from '@countycare/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Matches,
  MaxLength, Max, Min, ValidateNested,
} from 'class-validator';

/** An instant with its offset, e.g. 2026-03-01T08:30:00+08:00 (api.md "Instants"). */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_YUAN = 1_000_000;

export class DiagnosisDto {
  @ApiProperty({ example: 'I10.x00', description: 'ICD-10 code (WHO category, optional national clinical version subdivision)' })
  @IsString()
  @MaxLength(16)
  code: string;

  @ApiProperty({ example: '高血压' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;
}

export class SourceInpatientDto {
  @ApiProperty({ example: 300, description: 'Deductible (yuan) already paid in the inpatient episode at the source institution' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0)
  @Max(MAX_YUAN)
  deductiblePaid: number;
}

export class CreateReferralDto {
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

  @ApiProperty({ enum: REFERRAL_URGENCIES, description: 'urgent = green channel (绿色通道)' })
  @IsIn(REFERRAL_URGENCIES)
  urgency: ReferralUrgency;

  @ApiProperty({ example: '血压控制不佳，需专科评估' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiProperty({ type: [DiagnosisDto], description: `1 to ${MAX_REFERRAL_DIAGNOSES}; the first is the primary diagnosis` })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REFERRAL_DIAGNOSES)
  @ValidateNested({ each: true })
  @Type(() => DiagnosisDto)
  diagnoses: DiagnosisDto[];

  @ApiProperty({ description: 'Present illness, history, treatment so far, key results' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  summary: string;

  @ApiPropertyOptional({ type: SourceInpatientDto, description: 'UP only: the patient was an inpatient at the source institution' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceInpatientDto)
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

export class VersionedDto {
  @ApiPropertyOptional({ description: 'The version the change is based on; stale -> 409 (If-Match wins when both are sent)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class UpdateReferralDto extends VersionedDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) toInstitutionId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) department?: string;
  @ApiPropertyOptional({ enum: REFERRAL_URGENCIES }) @IsOptional() @IsIn(REFERRAL_URGENCIES) urgency?: ReferralUrgency;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(500) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(4000) summary?: string;

  @ApiPropertyOptional({ type: [DiagnosisDto] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_REFERRAL_DIAGNOSES)
  @ValidateNested({ each: true })
  @Type(() => DiagnosisDto)
  diagnoses?: DiagnosisDto[];

  @ApiPropertyOptional({ type: SourceInpatientDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SourceInpatientDto)
  sourceInpatient?: SourceInpatientDto;
}

export class NoteDto extends VersionedDto {
  @ApiPropertyOptional({ description: 'Remark kept in the referral history' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ReasonDto extends VersionedDto {
  @ApiProperty({ description: 'Required; kept in the referral history' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class AcceptReferralDto extends NoteDto {
  @ApiPropertyOptional({ example: '2026-03-02T09:00:00+08:00', description: 'Given: accept and schedule in one step (accepted -> scheduled)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(INSTANT_RE)
  appointmentAt?: string;
}

export class ScheduleReferralDto extends NoteDto {
  @ApiProperty({ example: '2026-03-02T09:00:00+08:00' })
  @IsISO8601({ strict: true })
  @Matches(INSTANT_RE)
  appointmentAt: string;
}

export class OutcomeDto {
  @ApiProperty({ description: '诊断结果' })
  @IsString()
  @IsNotEmpty()
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
}

export class CompleteReferralDto extends NoteDto {
  @ApiProperty({ type: OutcomeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => OutcomeDto)
  outcome: OutcomeDto;

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
}
