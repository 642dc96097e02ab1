import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, userView, UserView } from '@countycare/auth';
import { Actor, ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems, ExpectedVersion, IfMatch, Page } from '@countycare/common';
import type { FastifyReply } from 'fastify';
import { CreateResidentAccountDto, CreateResidentDto, ResidentQueryDto, RevealQueryDto, UpdateResidentDto } from '../dto/residents.dto';
import { ResidentsService } from '../residents.service';
import { ResidentView } from './resident.view';

@ApiTags('residents')
@ApiBearerAuth()
@Controller('residents')
export class ResidentsController {
  constructor(private readonly residents: ResidentsService) {}

  @Get()
  @ApiOperation({ summary: 'Search residents in scope by full ID number, mobile number or name prefix (masked; each hit audited)' })
  @ApiPage(ResidentView)
  @ApiProblems(400, 401, 403)
  search(@CurrentActor() actor: Actor, @Query() query: ResidentQueryDto): Promise<Page<ResidentView>> {
    return this.residents.search(actor, query);
  }

  @Post()
  @ApiOperation({ summary: 'Register a resident; birth date and sex come from the ID number' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: ResidentView })
  @ApiProblems(400, 401, 403, 404, 409)
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateResidentDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const view = await this.residents.create(actor, dto);
    reply.header('location', `/api/v1/residents/${view.id}`);
    return view;
  }

  @Get(':id')
  @ApiOperation({ summary: 'One resident (audited); ?reveal=true shows ID and phone numbers in full to roles that need them' })
  @ApiOkResponse({ type: ResidentView })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: RevealQueryDto): Promise<ResidentView> {
    return this.residents.get(actor, id, query.reveal === 'true');
  }

  @Patch(':id')
  @ApiIfMatch()
  @ApiOkResponse({ type: ResidentView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateResidentDto, @IfMatch() expected?: ExpectedVersion) {
    return this.residents.update(actor, id, dto, expected);
  }

  @Post(':id/account')
  @ApiOperation({ summary: 'Give the resident a login bound to this record' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404, 409)
  async createAccount(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CreateResidentAccountDto): Promise<UserView> {
    return userView(await this.residents.createAccount(actor, id, dto));
  }
}
