import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ID_RE, IsCalendarDate, PageQueryDto } from '@countycare/common';
import { CONTRACT_STATUSES, SIGN_WAYS, TERMINATION_REASONS } from '@countycare/domain';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, MinLength,
} from 'class-validator';


/** Every transition body may carry the version it is based on (or send If-Match). */
export class VersionedDto {
  @ApiPropertyOptional({ description: 'Version the change is based on (or send If-Match); stale -> 409' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class CreateContractDto {
  @ApiProperty()
  @Matches(ID_RE)
  residentId: string;

  @ApiProperty()
  @Matches(ID_RE)
  teamId: string;

  @ApiProperty({ type: [String], description: 'Active packages of the county; no item code may appear in two of them' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(ID_RE, { each: true })
  packageIds: string[];

  @ApiProperty({ example: '2026-03-01', description: 'Team: up to 30 days back (paper signing) or ahead (scheduled); resident: today or later' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ description: 'Separate consent to county-wide sharing (PIPL Art. 29); without it only the signing institution works on the contract' })
  @IsBoolean()
  sharingConsent: boolean;

  @ApiPropertyOptional({ enum: SIGN_WAYS, default: 'self', description: 'Under 14 a guardian signs: family_proxy' })
  @IsOptional()
  @IsIn(SIGN_WAYS)
  signWay?: (typeof SIGN_WAYS)[number];
}

export class ContractQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID_RE)
  residentId?: string;

  @ApiPropertyOptional({ description: 'Defaults to the caller\'s team for GPs and nurses when no residentId is given' })
  @IsOptional()
  @Matches(ID_RE)
  teamId?: string;

  @ApiPropertyOptional({ enum: CONTRACT_STATUSES })
  @IsOptional()
  @IsIn(CONTRACT_STATUSES)
  status?: (typeof CONTRACT_STATUSES)[number];

  @ApiPropertyOptional({ example: '2026-04-30', description: 'Open contracts ending on or before this date, soonest first' })
  @IsOptional()
  @IsCalendarDate()
  expiringBefore?: string;
}

export class RejectContractDto extends VersionedDto {
  @ApiProperty({ example: '不在本团队服务范围', description: '拒签原因' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class CancelContractDto extends VersionedDto {
  @ApiPropertyOptional({ example: '居民改变主意' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class TerminateContractDto extends VersionedDto {
  @ApiProperty({ enum: TERMINATION_REASONS, description: 'A resident\'s request puts the contract in terminating until the team approves' })
  @IsIn(TERMINATION_REASONS)
  reason: (typeof TERMINATION_REASONS)[number];

  @ApiPropertyOptional({ description: 'Required for reason "other"' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RenewContractDto extends VersionedDto {
  @ApiPropertyOptional({ type: [String], description: 'Packages of the new term; defaults to the current ones' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @Matches(ID_RE, { each: true })
  packageIds?: string[];

  @ApiProperty({ description: 'Consent to county-wide sharing for the new term' })
  @IsBoolean()
  sharingConsent: boolean;

  @ApiPropertyOptional({ enum: SIGN_WAYS, description: 'Defaults to how the current term was signed' })
  @IsOptional()
  @IsIn(SIGN_WAYS)
  signWay?: (typeof SIGN_WAYS)[number];
}

export class SharingConsentDto extends VersionedDto {
  @ApiProperty({ description: 'Give (true) or withdraw (false) consent to county-wide sharing' })
  @IsBoolean()
  sharingConsent: boolean;
}
