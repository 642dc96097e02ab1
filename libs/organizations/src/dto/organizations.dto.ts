import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTITUTION_LEVELS, InstitutionLevel, ROLES, TEAM_MEMBER_ROLES, TeamMemberRole } from '@countycare/domain';
import { ID_RE, IsNotBlank, PageQueryDto } from '@countycare/common';
import { CountyPolicyPatch } from '../http/county-policy.schema';
import {
  IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min,
} from 'class-validator';


export class CreateCountyDto {
  @ApiProperty({ example: '330781', description: '6-digit administrative code (GB/T 2260)' })
  @Matches(/^\d{6}$/)
  code: string;

  @ApiProperty({ example: '示范县' })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  name: string;

  @ApiPropertyOptional({ type: CountyPolicyPatch, description: 'Overrides of the county policy defaults (see GET /counties/:id)' })
  @IsOptional()
  @IsObject()
  policy?: Record<string, unknown>;
}

export class UpdateCountyPolicyDto {
  @ApiProperty({ type: CountyPolicyPatch, description: 'Partial policy: only the settings to change', example: { sickbed: { maxCycleDays: 60 } } })
  @IsObject()
  policy: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Version the change is based on (or send If-Match)' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class CreateInstitutionDto {
  @ApiProperty()
  @Matches(ID_RE)
  countyId: string;

  @ApiProperty({ example: '城关镇卫生院' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ description: '统一社会信用代码 or local code' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  code?: string;

  @ApiProperty({ enum: INSTITUTION_LEVELS })
  @IsIn(INSTITUTION_LEVELS)
  level: InstitutionLevel;

  @ApiPropertyOptional({ default: false, description: 'Staffs a referral desk (county hospital or above only)' })
  @IsOptional()
  @IsBoolean()
  hasReferralDesk?: boolean;

  @ApiPropertyOptional({ description: 'partOf: the institution above this one in the same county' })
  @IsOptional()
  @Matches(ID_RE)
  parentId?: string;
}

export class UpdateInstitutionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotBlank() @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) code?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() hasReferralDesk?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() version?: number;
}

export class InstitutionQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) countyId?: string;
  @ApiPropertyOptional({ enum: INSTITUTION_LEVELS }) @IsOptional() @IsIn(INSTITUTION_LEVELS) level?: InstitutionLevel;
}

const SERVICE_PHONE = 'The number the team\'s residents call (签约服务电话): a mobile, or a landline with its area code, e.g. 0571-88881234';

export class CreateTeamDto {
  @ApiProperty() @Matches(ID_RE) institutionId: string;
  @ApiProperty({ example: '城关1组' }) @IsString() @IsNotBlank() @MaxLength(64) name: string;
  @ApiPropertyOptional({ example: '0570-8881234', description: SERVICE_PHONE }) @IsOptional() @IsString() @MaxLength(32) servicePhone?: string;
}

export class UpdateTeamDto {
  @ApiPropertyOptional({ example: '城关1组' }) @IsOptional() @IsString() @IsNotBlank() @MaxLength(64) name?: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: '0570-8881234', description: `${SERVICE_PHONE}; null clears it` })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  servicePhone?: string | null;

  @ApiPropertyOptional({ description: 'Version the change is based on (or send If-Match); stale -> 409' }) @IsOptional() @IsInt() version?: number;
}

export class TeamQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) institutionId?: string;
}

export class AddTeamMemberDto {
  @ApiProperty({ description: 'A staff account of the team institution (gp or nurse)' })
  @Matches(ID_RE)
  userId: string;

  @ApiProperty({ enum: TEAM_MEMBER_ROLES })
  @IsIn(TEAM_MEMBER_ROLES)
  memberRole: TeamMemberRole;
}

const STAFF_ROLE_VALUES = ROLES.filter((r) => r !== 'resident' && r !== 'system_admin');

export class CreateStaffDto {
  @ApiProperty({ example: 'gp.zhang' })
  @Matches(/^[a-zA-Z0-9._-]{3,64}$/)
  username: string;

  @ApiProperty({ description: '8+ characters from 3 of: upper, lower, digits, symbols' })
  @IsString()
  @MaxLength(128)
  password: string;

  @ApiProperty({ example: '张医生' })
  @IsString()
  @IsNotBlank()
  @MaxLength(64)
  displayName: string;

  @ApiProperty({ enum: STAFF_ROLE_VALUES })
  @IsIn(STAFF_ROLE_VALUES)
  role: (typeof STAFF_ROLE_VALUES)[number];

  @ApiPropertyOptional({ description: 'Required for every role but county_admin' })
  @IsOptional()
  @Matches(ID_RE)
  institutionId?: string;

  @ApiPropertyOptional({ description: 'county_admin only: the county' })
  @IsOptional()
  @Matches(ID_RE)
  countyId?: string;

  @ApiPropertyOptional({ description: 'gp / nurse: the team to join' })
  @IsOptional()
  @Matches(ID_RE)
  teamId?: string;

  @ApiPropertyOptional({ example: '13800001111' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;
}

export class StaffQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) institutionId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) teamId?: string;
  @ApiPropertyOptional({ enum: STAFF_ROLE_VALUES }) @IsOptional() @IsIn(STAFF_ROLE_VALUES) role?: string;
}

export class UpdateStaffDto {
  @ApiPropertyOptional({ enum: ['active', 'disabled'] }) @IsOptional() @IsIn(['active', 'disabled']) status?: 'active' | 'disabled';
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotBlank() @MaxLength(64) displayName?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) version?: number;
}
