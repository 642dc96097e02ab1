import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '@countycare/auth';
import {
  Actor, ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems, ExpectedVersion, IfMatch, Page, PageQueryDto, VersionedDto,
} from '@countycare/common';
import type { FastifyReply } from 'fastify';
import { CareTeamDirectory } from '../care-team-directory';
import { ContractsService } from '../contracts.service';
import {
  CancelContractDto, ContractQueryDto, CreateContractDto, MyTeamsQueryDto, RejectContractDto, RenewContractDto, SharingConsentDto, TerminateContractDto,
} from '../dto/contracts.dto';
import { LogServiceDto, ServiceRecordQueryDto, VoidServiceDto } from '../dto/services.dto';
import { ServiceRecordsService } from '../service-records.service';
import { CareTeamView, ContractView, ServiceRecordView } from './views';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly services: ServiceRecordsService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Sign (GP of the team: active, or scheduled for a future start) or apply (resident, own record: pending)',
    description: 'term = startDate + 1 year − 1 day. At most one open contract per resident: a concurrent second signing answers 409 open_contract_exists.',
  })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ContractView })
  @ApiProblems(400, 401, 403, 404, 409)
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateContractDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.contracts.create(actor, dto);
    reply.header('location', `/api/v1/contracts/${view.id}`);
    return view;
  }

  @Get()
  @ApiOperation({ summary: 'Contracts in scope (GPs and nurses: their team unless a residentId is given); each listed contract is audited' })
  @ApiPage(ContractView)
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ContractQueryDto): Promise<Page<ContractView>> {
    return this.contracts.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One contract with its packages and fulfilment per item and overall (audited)' })
  @ApiOkResponse({ type: ContractView })
  @ApiProblems(401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ContractView> {
    return this.contracts.get(actor, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Team confirms an application: active, or scheduled when it starts later' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ContractView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  confirm(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() _dto: VersionedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.contracts.confirm(actor, id, expected);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Team rejects an application, with a reason' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ContractView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  reject(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RejectContractDto, @IfMatch() expected?: ExpectedVersion) {
    return this.contracts.reject(actor, id, dto, expected);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a pending or scheduled contract (resident or team)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ContractView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CancelContractDto, @IfMatch() expected?: ExpectedVersion) {
    return this.contracts.cancel(actor, id, dto, expected);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Team: terminate now (or approve a resident\'s request); resident: request termination (-> terminating)',
    description: 'Windows due after the termination day leave the fulfilment denominator; a renewal not yet started is cancelled.',
  })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ContractView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  terminate(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: TerminateContractDto, @IfMatch() expected?: ExpectedVersion) {
    return this.contracts.terminate(actor, id, dto, expected);
  }

  @Post(':id/withdraw-termination')
  @HttpCode(200)
  @ApiOperation({ summary: 'A termination request is withdrawn (resident) or declined (team): back to active' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ContractView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  withdrawTermination(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() _dto: VersionedDto, @IfMatch() expected?: ExpectedVersion) {
    return this.contracts.withdrawTermination(actor, id, expected);
  }

  @Post(':id/renew')
  @ApiOperation({
    summary: 'Create the successor contract: scheduled from the day after this one ends (team) or a pending request (resident)',
    description: 'An expired contract may be renewed within contract.renewalGraceDays; the successor then starts today.',
  })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiCreatedResponse({ type: ContractView, description: 'The successor contract' })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async renew(
    @CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: RenewContractDto, @Res({ passthrough: true }) reply: FastifyReply,
    @IfMatch() expected?: ExpectedVersion,
  ) {
    const successor = await this.contracts.renew(actor, id, dto, expected);
    reply.header('location', `/api/v1/contracts/${successor.id}`);
    return successor;
  }

  @Post(':id/sharing-consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give or withdraw consent to county-wide sharing (resident, or the team recording it)' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ContractView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  sharingConsent(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: SharingConsentDto, @IfMatch() expected?: ExpectedVersion) {
    return this.contracts.setSharingConsent(actor, id, dto, expected);
  }

  @Post(':id/services')
  @ApiOperation({
    summary: 'Log a delivered service (GP or nurse of any institution of the county, on an active or terminating contract)',
    description: 'Other institutions need the resident\'s sharing consent (409 sharing_consent_missing). A record that does not fill its item ' +
      '(wrong modality, missing measurements) is kept with counted=false. A repeated clientId returns the first record (200).',
  })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ServiceRecordView })
  @ApiOkResponse({ type: ServiceRecordView, description: 'Replay of a clientId already logged' })
  @ApiProblems(400, 401, 403, 404, 409)
  async logService(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: LogServiceDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const { record, replayed } = await this.services.log(actor, id, dto);
    reply.header('location', `/api/v1/contracts/${id}/services/${record.id}`);
    if (replayed) reply.status(200);
    return record;
  }

  @Get(':id/services')
  @ApiOperation({ summary: 'Services delivered on the contract, newest first, with the delivering institution (the team sees those delivered elsewhere)' })
  @ApiPage(ServiceRecordView)
  @ApiProblems(400, 401, 403, 404)
  listServices(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: ServiceRecordQueryDto): Promise<Page<ServiceRecordView>> {
    return this.services.list(actor, id, query);
  }

  @Get(':id/services/:recordId')
  @ApiOperation({ summary: 'One delivered service of the contract (the Location of POST /contracts/:id/services); audited' })
  @ApiOkResponse({ type: ServiceRecordView })
  @ApiProblems(401, 403, 404)
  getService(@CurrentActor() actor: Actor, @Param('id') id: string, @Param('recordId') recordId: string): Promise<ServiceRecordView> {
    return this.services.getOne(actor, id, recordId);
  }

  @Post(':id/services/:recordId/void')
  @HttpCode(200)
  @ApiOperation({ summary: 'Void a mistaken record (the clinician who logged it), with a reason; it stops counting' })
  @ApiIdempotent()
  @ApiIfMatch()
  @ApiOkResponse({ type: ServiceRecordView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  voidService(
    @CurrentActor() actor: Actor, @Param('id') id: string, @Param('recordId') recordId: string, @Body() dto: VoidServiceDto,
    @IfMatch() expected?: ExpectedVersion,
  ) {
    return this.services.void(actor, id, recordId, dto, expected);
  }
}

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('me')
export class MyContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly teams: CareTeamDirectory,
  ) {}

  @Get('teams')
  @ApiOperation({
    summary: 'The active GP teams of the signed-in resident\'s county, to apply to sign with',
    description: 'Residents only (403 for staff, who use GET /teams). Each team as residents see it: name, service phone, institution, '
      + 'the lead GP\'s display name; no staff account or personal data. `q` narrows to teams whose own or institution\'s name contains it. '
      + 'See docs/domain.md "Applying online".',
  })
  @ApiPage(CareTeamView)
  @ApiProblems(400, 401, 403)
  myTeams(@CurrentActor() actor: Actor, @Query() query: MyTeamsQueryDto): Promise<Page<CareTeamView>> {
    return this.teams.forResident(actor, query);
  }

  @Get('contracts')
  @ApiOperation({ summary: 'The signed-in resident\'s own contracts with packages and fulfilment' })
  @ApiPage(ContractView)
  @ApiProblems(400, 401, 403)
  mine(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<ContractView>> {
    return this.contracts.mine(actor, query);
  }
}
