import { ApiPropertyOptional } from '@nestjs/swagger';
import { ID_RE, PageQueryDto } from '@countycare/common';
import { IsISO8601, IsOptional, Matches } from 'class-validator';


export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) residentId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_RE) actorId?: string;
  @ApiPropertyOptional({ description: 'ISO 8601 instant, inclusive' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'ISO 8601 instant, exclusive' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
}
