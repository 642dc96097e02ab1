import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ID_RE, IsCalendarDate, IsNotBlank, NestedObject, PageQueryDto, VersionedDto } from '@countycare/common';
import { DELIVERY_MODALITIES, FOLLOW_UP_DUE, PAYLOAD_RANGES } from '@countycare/domain';
import type { FollowUpDue } from '@countycare/domain';
import {
  IsIn, IsInt, IsISO8601, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { CODE_RE } from './validators';

const R = PAYLOAD_RANGES;

/** Measurements taken during the service (§3.5 rule 3); ranges (PAYLOAD_RANGES) reject typing slips, not clinical extremes. */
export class ServicePayloadDto {
  @ApiPropertyOptional({ description: 'Systolic blood pressure, mmHg', minimum: R.sbp.min, maximum: R.sbp.max })
  @IsOptional() @IsInt() @Min(R.sbp.min) @Max(R.sbp.max)
  sbp?: number;

  @ApiPropertyOptional({ description: 'Diastolic blood pressure, mmHg', minimum: R.dbp.min, maximum: R.dbp.max })
  @IsOptional() @IsInt() @Min(R.dbp.min) @Max(R.dbp.max)
  dbp?: number;

  @ApiPropertyOptional({ description: 'Fasting glucose, mmol/L', minimum: R.fastingGlucose.min, maximum: R.fastingGlucose.max })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: R.fastingGlucose.decimals })
  @Min(R.fastingGlucose.min) @Max(R.fastingGlucose.max)
  fastingGlucose?: number;

  @ApiPropertyOptional({ description: 'Heart rate, beats/min', minimum: R.heartRate.min, maximum: R.heartRate.max })
  @IsOptional() @IsInt() @Min(R.heartRate.min) @Max(R.heartRate.max)
  heartRate?: number;

  @ApiPropertyOptional({ description: 'Weight, kg', minimum: R.weightKg.min, maximum: R.weightKg.max })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: R.weightKg.decimals }) @Min(R.weightKg.min) @Max(R.weightKg.max)
  weightKg?: number;
}

export class LogServiceDto {
  @ApiProperty({ example: 'htn_follow_up', description: 'An item of the contract\'s packages' })
  @Matches(CODE_RE)
  serviceItemCode: string;

  @ApiProperty({ example: '2026-03-01T09:30:00+08:00', description: 'Within the contract period, not in the future' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'deliveredAt needs a time zone offset' })
  deliveredAt: string;

  @ApiProperty({ enum: DELIVERY_MODALITIES })
  @IsIn(DELIVERY_MODALITIES)
  modality: (typeof DELIVERY_MODALITIES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;

  @ApiPropertyOptional({ type: ServicePayloadDto })
  @IsOptional()
  @NestedObject(() => ServicePayloadDto)
  payload?: ServicePayloadDto;

  @ApiPropertyOptional({ description: 'The offline client\'s own id of this record; a replay returns the first record' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z_-]{1,64}$/)
  clientId?: string;
}

export class VoidServiceDto extends VersionedDto {
  @ApiProperty({ example: '录入错误，重复登记' })
  @IsString()
  @IsNotBlank()
  @MaxLength(500)
  reason: string;
}

export class ServiceRecordQueryDto extends PageQueryDto {}

export class FollowUpQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Defaults to the caller\'s team' })
  @IsOptional()
  @Matches(ID_RE)
  teamId?: string;

  @ApiPropertyOptional({
    enum: FOLLOW_UP_DUE,
    description: 'overdue: due before today; this_week: due today to Sunday; upcoming: the four weeks after this one; none: overdue and ' +
      'this week. Windows that have closed never show, whether or not the worker has run (docs/domain.md §3.5).',
  })
  @IsOptional()
  @IsIn(FOLLOW_UP_DUE)
  due?: FollowUpDue;

  @ApiPropertyOptional({ example: '2026-04-01', description: 'Instead of `due`: due on or after this day (default today)' })
  @IsOptional()
  @IsCalendarDate()
  dueFrom?: string;

  @ApiPropertyOptional({ example: '2026-04-30', description: 'Instead of `due`: due on or before this day; at most 366 days after dueFrom' })
  @IsOptional()
  @IsCalendarDate()
  dueTo?: string;
}
