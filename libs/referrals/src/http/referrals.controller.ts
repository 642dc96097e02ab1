import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@countycare/auth';
import { Actor, ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems, ExpectedVersion, IfMatch, Page } from '@countycare/common';
import type { FastifyReply } from 'fastify';
import {
  AcceptReferralDto, CompleteReferralDto, CreateReferralDto, ReferralNoteDto, ReferralQueryDto, ReferralReasonDto, ScheduleReferralDto,
  UpdateReferralDto, UrgentSignsQueryDto,
} from '../dto/referrals.dto';
import { ReferralsService } from '../referrals.service';
import { ReferralDetailView, ReferralView, UrgentSignsView } from './referral.view';

/** A transition route: idempotent POST, 200, If-Match or body version, 409 with allowed actions. */
const TRANSITION_PROBLEMS = [400, 401, 403, 404, 409, 412] as const;

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Post()
  @ApiOperation({ summary: 'Write a referral: UP by a GP to a higher level with a desk; DOWN from the receiving hospital back to primary care' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ReferralDetailView })
  @ApiProblems(400, 401, 403, 404, 409)
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateReferralDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.referrals.create(actor, dto);
    reply.header('location', `/api/v1/referrals/${view.id}`);
    return view;
  }

  @Get()
  @ApiOperation({ summary: 'Referrals in the caller\'s scope, newest first (masked residents; each hit audited)' })
  @ApiPage(ReferralView)
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ReferralQueryDto): Promise<Page<ReferralView>> {
    return this.referrals.list(actor, query);
  }

  @Get('urgent-signs')
  @ApiOperation({
    summary: 'Before referring: the resident\'s latest blood pressure and glucose (rounds and services) against the urgent-referral '
      + 'triggers, and the priority they suggest (docs/domain.md §5.3; audited as a read of the resident\'s vitals)',
  })
  @ApiOkResponse({ type: UrgentSignsView })
  @ApiProblems(400, 401, 403, 404)
  urgentSigns(@CurrentActor() actor: Actor, @Query() query: UrgentSignsQueryDto) {
    return this.referrals.urgentSignsFor(actor, query.residentId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One referral with its status history and the caller\'s allowed actions (audited)' })
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ReferralDetailView> {
    return this.referrals.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft (e.g. after it was returned for information)' })
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateReferralDto, @IfMatch() expected?: ExpectedVersion) {
    return this.referrals.update(actor, id, dto, expected);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'draft -> submitted: the receiving side\'s reply clock starts' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  submit(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ReferralNoteDto, @IfMatch() expected?: ExpectedVersion) {
    return this.referrals.submit(actor, id, dto, expected);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receiving side: submitted -> draft, returned for information (reason required)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  returnForInfo(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ReferralReasonDto, @IfMatch() expected?: ExpectedVersion) {
    return this.referrals.returnForInfo(actor, id, dto, expected);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receiving side: submitted -> accepted; with appointmentAt -> scheduled in the same step' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  accept(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: AcceptReferralDto, @IfMatch() expected?: ExpectedVersion) {
    return this.referrals.accept(actor, id, dto, expected);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receiving side: submitted -> rejected (reason required); terminal' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  reject(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ReferralReasonDto, @IfMatch() expected?: ExpectedVersion) {
    return this.referrals.reject(actor, id, dto, expected);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receiving side: accepted -> scheduled (appointment date and time)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  schedule(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ScheduleReferralDto, @IfMatch() expected?: ExpectedVersion) {
    return this.referrals.schedule(actor, id, dto, expected, 'schedule');
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receiving side: move the appointment of a scheduled referral (history kept)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  reschedule(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ScheduleReferralDto, @IfMatch() expected?: ExpectedVersion) {
    return this.referrals.schedule(actor, id, dto, expected, 'reschedule');
  }

  @Post(':id/arrive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receiving side: the patient arrived (from scheduled; urgent ones also straight from accepted)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  arrive(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ReferralNoteDto, @IfMatch() expected?: ExpectedVersion) {
    return this.referrals.arrive(actor, id, dto, expected);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Receiving side: arrived -> completed with the outcome; admitted: the continuous deductible due is estimated and stored' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  complete(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CompleteReferralDto, @IfMatch() expected?: ExpectedVersion) {
    return this.referrals.complete(actor, id, dto, expected);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Requester or patient: cancel before arrival (reason required)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ReferralDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ReferralReasonDto, @IfMatch() expected?: ExpectedVersion) {
    return this.referrals.cancel(actor, id, dto, expected);
  }
}
