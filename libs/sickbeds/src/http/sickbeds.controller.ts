import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@countycare/auth';
import {
  Actor, ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems, ExpectedVersion, IfMatch, Page, PageQueryDto, VersionedDto,
} from '@countycare/common';
import type { FastifyReply } from 'fastify';
import {
  AssessSickbedDto, CloseSickbedDto, CreateOrderDto, CreateRoundDto, CreateSickbedDto, ExtendSickbedDto, OpenSickbedDto, OrderQueryDto,
  RoundQueryDto, RoundWorklistQueryDto, SickbedQueryDto, SickbedReasonDto, StopOrderDto, UpdateSickbedDto,
} from '../dto/sickbeds.dto';
import { SickbedCareService } from '../sickbed-care.service';
import { SickbedsService } from '../sickbeds.service';
import {
  MySickbedView, OrderView, RecordedRoundView, RoundView, RoundWorkItemView, SickbedDetailView, SickbedView,
} from './sickbed.view';

const TRANSITION_PROBLEMS = [400, 401, 403, 404, 409, 412] as const;

@ApiTags('sickbeds')
@ApiBearerAuth()
@Controller()
export class SickbedsController {
  constructor(
    private readonly sickbeds: SickbedsService,
    private readonly care: SickbedCareService,
  ) {}

  @Post('sickbeds')
  @ApiOperation({ summary: 'Apply for a household sickbed (家床申请, status applied) for a resident; GP; one open episode per resident' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: SickbedDetailView })
  @ApiProblems(400, 401, 403, 404, 409)
  async apply(@CurrentActor() actor: Actor, @Body() dto: CreateSickbedDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.sickbeds.apply(actor, dto);
    reply.header('location', `/api/v1/sickbeds/${view.id}`);
    return view;
  }

  @Get('sickbeds')
  @ApiOperation({ summary: 'Episodes in the caller\'s scope, newest first (each audited)' })
  @ApiPage(SickbedView)
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: SickbedQueryDto): Promise<Page<SickbedView>> {
    return this.sickbeds.list(actor, query);
  }

  @Get('sickbeds/:id')
  @ApiOperation({ summary: 'One episode with its schedule, cycles and latest assessment (audited)' })
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SickbedDetailView> {
    return this.sickbeds.get(actor, id);
  }

  @Patch('sickbeds/:id')
  @ApiOperation({ summary: 'Amend an application while it is applied (e.g. after a return)' })
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  amend(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateSickbedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.amend(actor, id, dto, expected);
  }

  @Post('sickbeds/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit the application for assessment (applied -> assessing)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  submit(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() _dto: VersionedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.submit(actor, id, expected);
  }

  @Post('sickbeds/:id/assess')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the admission assessment: eligibility checklist, result, signed consent and agreement (stays assessing)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  assess(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: AssessSickbedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.assess(actor, id, dto, expected);
  }

  @Post('sickbeds/:id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve: needs an eligible assessment with consent and agreement signed (assessing -> approved)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  approve(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() _dto: VersionedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.approve(actor, id, expected);
  }

  @Post('sickbeds/:id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject with a reason: needs an ineligible assessment (assessing -> rejected)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  reject(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: SickbedReasonDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.reject(actor, id, dto, expected);
  }

  @Post('sickbeds/:id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return to the applicant with a reason (退回, assessing -> applied)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  returnToApplicant(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: SickbedReasonDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.returnToApplicant(actor, id, dto, expected);
  }

  @Post('sickbeds/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel before opening, with a reason (applied|assessing|approved -> cancelled)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: SickbedReasonDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.cancel(actor, id, dto, expected);
  }

  @Post('sickbeds/:id/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the bed (建床): responsible doctor and nurse, start date, cycle end, diagnosis, round plan (approved -> active)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  open(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: OpenSickbedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.open(actor, id, dto, expected);
  }

  @Post('sickbeds/:id/extend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend (续床) with a reassessment, up to the planned end date: starts the next cycle' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  extend(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ExtendSickbedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.extend(actor, id, dto, expected);
  }

  @Post('sickbeds/:id/close')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the closure (预撤床): date, outcome, closure diagnosis, summary; with outcome transferred_to_hospital an optional '
      + 'referral block creates the up-referral in the same transaction (active -> closing)',
  })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  close(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CloseSickbedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.close(actor, id, dto, expected);
  }

  @Post('sickbeds/:id/undo-close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw the recorded closure (取消撤床, closing -> active)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  undoClose(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() _dto: VersionedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.undoClose(actor, id, expected);
  }

  @Post('sickbeds/:id/finalize')
  @HttpCode(200)
  @ApiOperation({ summary: 'Finalize the closure (撤床): bed days stored, orders in force stopped (closing -> closed)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: SickbedDetailView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  finalize(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() _dto: VersionedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.sickbeds.finalize(actor, id, expected);
  }

  @Post('sickbeds/:id/rounds')
  @ApiOperation({ summary: 'Record a doctor round (GP) or nurse visit (nurse) with vitals on an active bed; answers the next due dates' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: RecordedRoundView })
  @ApiProblems(400, 401, 403, 404, 409)
  async recordRound(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CreateRoundDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.care.recordRound(actor, id, dto);
    reply.header('location', `/api/v1/sickbeds/${id}/rounds/${view.id}`);
    return view;
  }

  @Get('sickbeds/:id/rounds')
  @ApiOperation({ summary: 'Rounds of an episode, newest first (audited)' })
  @ApiPage(RoundView)
  @ApiProblems(400, 401, 403, 404)
  listRounds(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: RoundQueryDto): Promise<Page<RoundView>> {
    return this.care.listRounds(actor, id, query);
  }

  @Get('sickbeds/:id/rounds/:roundId')
  @ApiOperation({ summary: 'One round of an episode (the Location of POST /sickbeds/:id/rounds); audited' })
  @ApiOkResponse({ type: RoundView })
  @ApiProblems(401, 403, 404)
  getRound(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('roundId') roundId: string): Promise<RoundView> {
    return this.care.getRound(actor, id, roundId);
  }

  @Post('sickbeds/:id/orders')
  @ApiOperation({ summary: 'Start an order (医嘱: medication, nursing, test; long-term or one-off) on an active bed; GP' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: OrderView })
  @ApiProblems(400, 401, 403, 404, 409)
  async startOrder(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CreateOrderDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.care.startOrder(actor, id, dto);
    reply.header('location', `/api/v1/sickbeds/${id}/orders/${view.id}`);
    return view;
  }

  @Get('sickbeds/:id/orders')
  @ApiOperation({ summary: 'Orders of an episode, newest first (audited)' })
  @ApiPage(OrderView)
  @ApiProblems(400, 401, 403, 404)
  listOrders(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: OrderQueryDto): Promise<Page<OrderView>> {
    return this.care.listOrders(actor, id, query);
  }

  @Get('sickbeds/:id/orders/:orderId')
  @ApiOperation({ summary: 'One order of an episode (the Location of POST /sickbeds/:id/orders); audited' })
  @ApiOkResponse({ type: OrderView })
  @ApiProblems(401, 403, 404)
  getOrder(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('orderId') orderId: string): Promise<OrderView> {
    return this.care.getOrder(actor, id, orderId);
  }

  @Post('sickbeds/:id/orders/:orderId/stop')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop an order in force (who and when are kept; nothing is deleted); GP' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: OrderView })
  @ApiProblems(...TRANSITION_PROBLEMS)
  stopOrder(
    @CurrentActor() actor: Actor, @Param('id') id: string, @Param('orderId') orderId: string, @Body() dto: StopOrderDto,
    @IfMatch() expected?: ExpectedVersion,
  ): Promise<OrderView> {
    return this.care.stopOrder(actor, id, orderId, dto, expected);
  }

  @Get('worklists/rounds')
  @ApiOperation({ summary: 'Rounds due today or overdue (county zone), soonest first: the caller\'s own, or ?teamId= for the caller\'s team' })
  @ApiPage(RoundWorkItemView)
  @ApiProblems(400, 401, 403, 404)
  roundWorklist(@CurrentActor() actor: Actor, @Query() query: RoundWorklistQueryDto): Promise<Page<RoundWorkItemView>> {
    return this.care.roundWorklist(actor, query);
  }

  @Get('me/sickbeds')
  @ApiOperation({ summary: 'The signed-in resident\'s own episodes with their rounds and the orders in force' })
  @ApiPage(MySickbedView)
  @ApiProblems(400, 401, 403)
  mine(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<MySickbedView>> {
    return this.care.mine(actor, query);
  }
}
