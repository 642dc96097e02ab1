import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ID_RE, IsNotBlank, NestedArray, PageQueryDto } from '@countycare/common';
import { DERIVED_TAGS, PACKAGE_KINDS, PAYLOAD_FIELDS, RECORDED_TAGS, SERVICE_MODALITIES } from '@countycare/domain';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { CODE_RE } from './validators';

const TAGS = [...DERIVED_TAGS, ...RECORDED_TAGS];

export class PackageItemDto {
  @ApiProperty({ example: 'htn_follow_up', description: 'Service item code (lower_snake_case), unique in the package' })
  @Matches(CODE_RE)
  code: string;

  @ApiProperty({ example: '高血压面对面随访' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 4, minimum: 1, maximum: 365, description: 'Deliveries promised per contract year' })
  @IsInt()
  @Min(1)
  @Max(365)
  timesPerYear: number;

  @ApiProperty({ enum: SERVICE_MODALITIES, description: 'face_to_face is filled by face-to-face or home visits only' })
  @IsIn(SERVICE_MODALITIES)
  modality: (typeof SERVICE_MODALITIES)[number];

  @ApiPropertyOptional({ enum: PAYLOAD_FIELDS, isArray: true, description: 'Measurements a record needs to count, e.g. sbp and dbp' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(PAYLOAD_FIELDS.length)
  @IsIn(PAYLOAD_FIELDS, { each: true })
  requiredData?: Array<(typeof PAYLOAD_FIELDS)[number]>;
}

export class CreateServicePackageDto {
  @ApiPropertyOptional({ description: 'Defaults to the caller\'s county' })
  @IsOptional()
  @Matches(ID_RE)
  countyId?: string;

  @ApiProperty({ example: 'htn_2026', description: 'Unique in the county' })
  @Matches(CODE_RE)
  code: string;

  @ApiProperty({ example: '高血压个性化服务包' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: PACKAGE_KINDS })
  @IsIn(PACKAGE_KINDS)
  kind: (typeof PACKAGE_KINDS)[number];

  @ApiPropertyOptional({ enum: TAGS, isArray: true, description: 'Key populations a personalized package is for (empty: anyone)' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(TAGS.length)
  @IsIn(TAGS, { each: true })
  targetPopulations?: string[];

  @ApiProperty({ example: 120, description: 'Price in yuan, at most 2 decimals' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  priceYuan: number;

  @ApiPropertyOptional({ example: 0.3, minimum: 0, maximum: 1, description: 'Resident\'s share of the price (or give selfPayYuan)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  selfPayShare?: number;

  @ApiPropertyOptional({ example: 36, description: 'Resident\'s own part in yuan (or give selfPayShare)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100_000)
  selfPayYuan?: number;

  @ApiProperty({ type: [PackageItemDto] })
  @NestedArray(() => PackageItemDto)
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  items: PackageItemDto[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ServicePackageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PACKAGE_KINDS })
  @IsOptional()
  @IsIn(PACKAGE_KINDS)
  kind?: (typeof PACKAGE_KINDS)[number];

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Restrict to one county (system admins)' })
  @IsOptional()
  @Matches(ID_RE)
  countyId?: string;
}
