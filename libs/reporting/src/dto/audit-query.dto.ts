import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@countycare/common';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

const ID_RE = /^[0-9A-Za-z-]{1,36}$/;

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) residentId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) actorId?: string;
  @ApiPropertyOptional({ description: 'ISO 8601 instant, inclusive' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'ISO 8601 instant, exclusive' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
