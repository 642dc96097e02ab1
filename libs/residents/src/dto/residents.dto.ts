import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ID_RE, IsNotBlank, PageQueryDto } from '@countycare/common';
import { RECORDED_TAGS, REVEAL_REASONS, RevealReason } from '@countycare/domain';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf,
} from 'class-validator';


export class CreateResidentDto {
  @ApiProperty({ example: '330781' })
  @Matches(ID_RE)
  countyId: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @IsNotBlank()
  @MaxLength(30)
  name: string;

  @ApiProperty({ description: '18-character ID number (GB 11643); a 15-digit legacy number is upgraded', example: '330781198001010016' })
  @IsString()
  @IsNotBlank()
  @MaxLength(32)
  idNumber: string;

  @ApiPropertyOptional({ description: 'Must agree with the ID number if given', example: '1980-01-01' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  birthDate?: string;

  @ApiPropertyOptional({ enum: ['male', 'female'], description: 'Must agree with the ID number if given' })
  @IsOptional()
  @IsIn(['male', 'female'])
  sex?: 'male' | 'female';

  @ApiPropertyOptional({ example: '13800001111' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional({ example: '城关镇' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  township?: string;

  @ApiPropertyOptional({ example: '解放路12号' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  addressLine?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  householdNo?: string;

  @ApiPropertyOptional({ enum: RECORDED_TAGS, isArray: true, description: 'Age-based tags (elderly_65, child_0_6) are derived, not typed' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(RECORDED_TAGS.length)
  @ArrayUnique()
  @IsIn(RECORDED_TAGS, { each: true })
  tags?: string[];
}

export class UpdateResidentDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) name?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(20) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) township?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) addressLine?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) householdNo?: string;

  @ApiPropertyOptional({ enum: RECORDED_TAGS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(RECORDED_TAGS.length)
  @ArrayUnique()
  @IsIn(RECORDED_TAGS, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ enum: ['active', 'moved_out', 'deceased'] })
  @IsOptional()
  @IsIn(['active', 'moved_out', 'deceased'])
  status?: 'active' | 'moved_out' | 'deceased';

  @ApiPropertyOptional({ description: 'Version the change is based on (or send If-Match)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  version?: number;
}

export class ResidentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Full ID number, mobile number, or the beginning of a name' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  q?: string;

  @ApiPropertyOptional({ description: 'Restrict to one county (system admins)' })
  @IsOptional()
  @Matches(ID_RE)
  countyId?: string;
}

export class RevealQueryDto {
  @ApiPropertyOptional({ description: 'Show the full ID and phone numbers (roles that need them; every reveal is audited with its `reason`)', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  reveal?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: REVEAL_REASONS,
    description: 'Required with reveal=true, refused without it: why the full numbers are needed (the purpose of use, kept in the audit event '
      + 'and shown in the resident\'s access log). docs/domain.md §7.3.',
  })
  @ValidateIf((q: RevealQueryDto) => q.reveal === 'true' || q.reason !== undefined)
  @IsIn(REVEAL_REASONS)
  reason?: RevealReason;
}

export class CreateResidentAccountDto {
  @ApiProperty({ example: 'zhangsan' })
  @Matches(/^[a-zA-Z0-9._-]{3,64}$/)
  username: string;

  @ApiProperty({ description: '8+ characters from 3 of: upper, lower, digits, symbols' })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class ImportRosterQueryDto {
  @ApiPropertyOptional({ description: 'County to import into, by id or 6-digit code; defaults to the caller\'s county' })
  @IsOptional()
  @Matches(ID_RE)
  countyId?: string;

  @ApiPropertyOptional({
    enum: ['auto', 'utf8', 'gbk'], default: 'auto',
    description: 'File encoding. auto: UTF-8 (with or without BOM) when the bytes are valid UTF-8, else GBK/GB18030. A charset=gbk in Content-Type also works.',
  })
  @IsOptional()
  @IsIn(['auto', 'utf8', 'utf-8', 'gbk', 'gb18030'])
  encoding?: string;
}
