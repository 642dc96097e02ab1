import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ID_RE, IsCalendarDate, IsNotBlank, PageQueryDto, VersionedDto } from '@countycare/common';
import { CONTRACT_STATUSES, SIGN_WAYS, TERMINATION_REASONS } from '@countycare/domain';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength,
} from 'class-validator';


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

  @ApiProperty({ example: '2026-03-01', description: 'Within the county\'s signing window (county policy contract.maxBackdateDays / contract.maxStartAheadDays, default 30 / 30, docs/domain.md §3.3): a team may date a paper signing back or schedule a start ahead; a resident applies for today or later' })
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
  @IsNotBlank()
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

/** GET /me/teams: the county's active teams a resident may apply to, found by name. */
export class MyTeamsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '城关', maxLength: 32, description: 'Part of the team\'s or its institution\'s name' })
  @IsOptional()
  @IsString()
  @IsNotBlank()
  @MaxLength(32)
  q?: string;
}
