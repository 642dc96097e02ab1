import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath,
} from '@nestjs/swagger';
import { CurrentActor, userView, UserView } from '@countycare/auth';
import {
  Actor, ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems, ExpectedVersion, IfMatch, Page, pickLocale, ProblemView,
} from '@countycare/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CreateResidentAccountDto, CreateResidentDto, ImportRosterQueryDto, ResidentQueryDto, RevealQueryDto, UpdateResidentDto,
} from '../dto/residents.dto';
import { ROSTER_MAX_BYTES, RosterImportService } from '../import/roster-import.service';
import { ResidentsService } from '../residents.service';
import { ResidentView } from './resident.view';
import { rosterImportReportView, RosterImportReportView } from './roster-import.view';

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

@ApiTags('residents')
@ApiBearerAuth()
@Controller('residents')
export class ResidentsController {
  constructor(
    private readonly residents: ResidentsService,
    private readonly roster: RosterImportService,
  ) {}

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

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import a resident roster (county or institution admin of the county)',
    description:
      'Body: the CSV file itself (Content-Type: text/csv), streamed, at most ' + `${ROSTER_MAX_BYTES / 1024 / 1024} MiB. ` +
      'UTF-8 with or without BOM, or GBK (detected, or ?encoding=gbk / charset=gbk). First row: the header. Columns (English or Chinese): ' +
      'name/姓名 and idNumber/身份证号 required; phone/手机号, township/乡镇, addressLine/地址, householdNo/户号, tags/人群标签 ' +
      '(codes or Chinese labels separated by | ; 、 or spaces), birthDate/出生日期 and sex/性别 (checked against the ID number); other columns are ignored. ' +
      'Rows are upserted by ID number: a new person is created; for a registered one, non-empty cells replace values and tags are added. ' +
      'A row with any problem is skipped whole and reported with its line; a person registered in another county is rejected. ' +
      'When one person appears on several lines, the last line wins. Re-importing the same file changes nothing (all rows unchanged).',
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', format: 'binary', example: 'name,idNumber,phone,township,addressLine,householdNo,tags\n张三,330781195003120118,13800000001,城关镇,解放路1号,H0001,hypertension' } })
  @ApiOkResponse({ type: RosterImportReportView })
  @ApiProblems(400, 401, 403, 404)
  @ApiResponse({
    status: 413, description: `Roster over ${ROSTER_MAX_BYTES / 1024 / 1024} MiB; \`report\` holds what was imported before the limit`,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } },
  })
  @ApiResponse({
    status: 415, description: 'The body is not text/csv',
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } },
  })
  async importRoster(
    @CurrentActor() actor: Actor, @Query() query: ImportRosterQueryDto, @Req() request: FastifyRequest,
  ): Promise<RosterImportReportView> {
    const report = await this.roster.importRoster(actor, {
      countyId: query.countyId, encoding: query.encoding, body: request.body,
      contentType: header(request, 'content-type'), contentLength: header(request, 'content-length'),
    });
    return rosterImportReportView(report, pickLocale(header(request, 'accept-language')));
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One resident (audited); ?reveal=true&reason= shows ID and phone numbers in full to roles that need them',
    description: 'A reveal names its reason (the purpose of use, audited with the reveal and shown in the resident\'s access log); '
      + 'a reason without reveal=true is refused (400). docs/domain.md §7.3.',
  })
  @ApiOkResponse({ type: ResidentView })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: RevealQueryDto): Promise<ResidentView> {
    return this.residents.get(actor, id, query);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a resident\'s name, phone, address, household, tags or status (audited, field names only)' })
  @ApiIfMatch()
  @ApiOkResponse({ type: ResidentView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateResidentDto, @IfMatch() expected?: ExpectedVersion) {
    return this.residents.update(actor, id, dto, expected);
  }

  @Post(':id/account')
  @ApiOperation({ summary: 'Give the resident a login bound to this record (staff of the county; 409 if it has one)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404, 409)
  async createAccount(
    @CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: CreateResidentAccountDto, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserView> {
    const user = await this.residents.createAccount(actor, id, dto);
    // The login has no route of its own; it is part of the resident it is bound to.
    reply.header('location', `/api/v1/residents/${id}`);
    return userView(user);
  }
}
