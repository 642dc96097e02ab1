import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@countycare/auth';
import { Actor, ApiPage, ApiProblems, Page } from '@countycare/common';
import { FollowUpQueryDto } from '../dto/services.dto';
import { FollowUpsService } from '../follow-ups.service';
import { FollowUpView } from './views';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('worklists')
export class WorklistsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get('follow-ups')
  @ApiOperation({
    summary: 'A team\'s open follow-ups due this ISO week or overdue, soonest first (package items and tasks such as down-referral follow-ups)',
    description: 'A package item is due 14 days before its window closes; overdue items can still count until the window end.',
  })
  @ApiPage(FollowUpView)
  @ApiProblems(400, 401, 403, 404)
  worklist(@CurrentActor() actor: Actor, @Query() query: FollowUpQueryDto): Promise<Page<FollowUpView>> {
    return this.followUps.worklist(actor, query);
  }
}
