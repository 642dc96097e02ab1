import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@countycare/auth';
import { Actor, ApiProblems, Locale, RequestLocale } from '@countycare/common';
import { IndicatorQueryDto } from '../dto/indicator-query.dto';
import { IndicatorsService } from '../indicators.service';
import { ContractIndicatorsView, ReferralIndicatorsView, SickbedIndicatorsView } from './indicators.view';

const SCOPE = 'Scope: county admin the county, institution admin the institution, GP and nurse their team, system admin any county (countyId required). '
  + 'Residents 403; another county or institution 404. Read-only, audited once with purpose statistics.';

@ApiTags('indicators')
@ApiBearerAuth()
@ApiHeader({ name: 'Accept-Language', required: false, description: 'zh-CN (default) or en: the language of notes and reasons' })
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get('contracts')
  @ApiOperation({ summary: 'Family-doctor contract indicators (domain.md §3.6)', description: `${SCOPE} The referral desk: 403.` })
  @ApiOkResponse({ type: ContractIndicatorsView })
  @ApiProblems(400, 401, 403, 404)
  contracts(@CurrentActor() actor: Actor, @Query() query: IndicatorQueryDto, @RequestLocale() locale: Locale): Promise<ContractIndicatorsView> {
    return this.indicators.contracts(actor, query, locale);
  }

  @Get('sickbeds')
  @ApiOperation({ summary: 'Household-sickbed indicators (domain.md §4.4)', description: `${SCOPE} The referral desk: 403.` })
  @ApiOkResponse({ type: SickbedIndicatorsView })
  @ApiProblems(400, 401, 403, 404)
  sickbeds(@CurrentActor() actor: Actor, @Query() query: IndicatorQueryDto, @RequestLocale() locale: Locale): Promise<SickbedIndicatorsView> {
    return this.indicators.sickbeds(actor, query, locale);
  }

  @Get('referrals')
  @ApiOperation({ summary: 'Two-way referral indicators (domain.md §5.6)', description: `${SCOPE} The referral desk: its institution.` })
  @ApiOkResponse({ type: ReferralIndicatorsView })
  @ApiProblems(400, 401, 403, 404)
  referrals(@CurrentActor() actor: Actor, @Query() query: IndicatorQueryDto, @RequestLocale() locale: Locale): Promise<ReferralIndicatorsView> {
    return this.indicators.referrals(actor, query, locale);
  }
}
