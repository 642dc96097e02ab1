import { ID_RE, IsCalendarDate } from '@countycare/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_PERIOD_DAYS } from '@countycare/domain';
import { IsOptional, Matches } from 'class-validator';



/** GET /indicators/*: whose figures, over which calendar dates (county zone). */
export class IndicatorQueryDto {
  @ApiPropertyOptional({
    description: 'County id or its 6-digit code. Defaults to the caller\'s county; required for the system admin. Another county: 404.',
  })
  @IsOptional()
  @Matches(ID_RE)
  countyId?: string;

  @ApiPropertyOptional({
    description: 'Narrow to one institution of the county (county admin, system admin); institution admins and desks are held to their own. Out of scope: 404.',
  })
  @IsOptional()
  @Matches(ID_RE)
  institutionId?: string;

  @ApiPropertyOptional({
    description: 'Narrow to one GP team of the county (county admin, system admin; an institution admin or a desk a team of their institution). '
      + 'GPs and nurses are held to their own team. With `institutionId`, the team must belong to it. Out of scope: 404.',
  })
  @IsOptional()
  @Matches(ID_RE)
  teamId?: string;

  @ApiPropertyOptional({ example: '2027-01-01', description: 'First day counted; default 1 January of the year of `to`' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2027-06-30',
    description: `Last day counted, default today; states are taken on it (or on today when it lies ahead). The period spans at most ${MAX_PERIOD_DAYS} days.`,
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
