import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@countycare/auth';
import { Actor, ApiPage, ApiProblems, Page } from '@countycare/common';
import { DeskQueueQueryDto } from '../dto/referrals.dto';
import { ReferralDeskService } from '../referral-desk.service';
import { ReferralView } from './referral.view';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referral-desk')
export class ReferralDeskController {
  constructor(private readonly desk: ReferralDeskService) {}

  @Get('queue')
  @ApiOperation({ summary: 'Incoming referrals of the caller\'s institution awaiting action: urgent first, then oldest; SLA state; masked names' })
  @ApiPage(ReferralView)
  @ApiProblems(400, 401, 403)
  queue(@CurrentActor() actor: Actor, @Query() query: DeskQueueQueryDto): Promise<Page<ReferralView>> {
    return this.desk.queue(actor, query);
  }
}
