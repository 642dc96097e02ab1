import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@countycare/auth';
import { Actor, ApiPage, ApiProblems, Page, PageQueryDto } from '@countycare/common';
import { ReferralsService } from '../referrals.service';
import { ReferralView } from './referral.view';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MyReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get('referrals')
  @ApiOperation({ summary: 'Resident: my referrals, newest first' })
  @ApiPage(ReferralView)
  @ApiProblems(400, 401, 403)
  mine(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<ReferralView>> {
    return this.referrals.listMine(actor, query);
  }
}
