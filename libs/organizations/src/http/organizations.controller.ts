import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, ApiIdempotent, ApiIfMatch, ApiPage, ApiProblems, ExpectedVersion, IfMatch, mapPage, Page, PageQueryDto } from '@countycare/common';
import { CurrentActor, ResetPasswordDto } from '@countycare/auth';
import type { FastifyReply } from 'fastify';
import {
  AddTeamMemberDto, CreateCountyDto, CreateInstitutionDto, CreateStaffDto, CreateTeamDto, InstitutionQueryDto,
  StaffQueryDto, TeamQueryDto, UpdateCountyPolicyDto, UpdateInstitutionDto, UpdateStaffDto, UpdateTeamDto,
} from '../dto/organizations.dto';
import { OrganizationsService } from '../organizations.service';
import {
  countyView, CountyView, institutionView, InstitutionView, staffView, StaffView, teamView, TeamView, TeamMemberView,
} from './views';

const created = (reply: FastifyReply, path: string) => reply.header('location', `/api/v1/${path}`);

@ApiTags('organizations')
@ApiBearerAuth()
@Controller()
export class OrganizationsController {
  constructor(private readonly orgs: OrganizationsService) {}

  @Get('counties')
  @ApiOperation({ summary: 'Counties in the caller\'s scope' })
  @ApiPage(CountyView)
  @ApiProblems(400, 401, 403)
  async listCounties(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<CountyView>> {
    return mapPage(await this.orgs.listCounties(actor, query), countyView);
  }

  @Post('counties')
  @ApiOperation({ summary: 'Create a county (system admin)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: CountyView })
  @ApiProblems(400, 401, 403, 409)
  async createCounty(@CurrentActor() actor: Actor, @Body() dto: CreateCountyDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const county = await this.orgs.createCounty(actor, dto);
    created(reply, `counties/${county.id}`);
    return countyView(county);
  }

  @Get('counties/:id')
  @ApiOperation({ summary: 'One county with its effective settings' })
  @ApiOkResponse({ type: CountyView })
  @ApiProblems(401, 403, 404)
  async getCounty(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CountyView> {
    return countyView(await this.orgs.getCounty(actor, id));
  }

  @Patch('counties/:id/policy')
  @ApiOperation({ summary: 'Change county settings: sickbed plan defaults, referral SLAs, deductibles per level (county admin)' })
  @ApiIfMatch()
  @ApiOkResponse({ type: CountyView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async updatePolicy(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateCountyPolicyDto, @IfMatch() expected?: ExpectedVersion) {
    return countyView(await this.orgs.updateCountyPolicy(actor, id, dto.policy, expected));
  }

  @Get('institutions')
  @ApiOperation({ summary: 'Institutions in the caller\'s scope, by county and level' })
  @ApiPage(InstitutionView)
  @ApiProblems(400, 401, 403)
  async listInstitutions(@CurrentActor() actor: Actor, @Query() query: InstitutionQueryDto): Promise<Page<InstitutionView>> {
    return mapPage(await this.orgs.listInstitutions(actor, query), institutionView);
  }

  @Post('institutions')
  @ApiOperation({ summary: 'Add an institution to a county (county admin)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: InstitutionView })
  @ApiProblems(400, 401, 403, 404)
  async createInstitution(@CurrentActor() actor: Actor, @Body() dto: CreateInstitutionDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const institution = await this.orgs.createInstitution(actor, dto);
    created(reply, `institutions/${institution.id}`);
    return institutionView(institution);
  }

  @Get('institutions/:id')
  @ApiOperation({ summary: 'One institution' })
  @ApiOkResponse({ type: InstitutionView })
  @ApiProblems(401, 403, 404)
  async getInstitution(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<InstitutionView> {
    return institutionView(await this.orgs.getInstitution(actor, id));
  }

  @Patch('institutions/:id')
  @ApiOperation({ summary: 'Rename an institution, change its code, desk or active flag' })
  @ApiIfMatch()
  @ApiOkResponse({ type: InstitutionView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async updateInstitution(
    @CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateInstitutionDto, @IfMatch() expected?: ExpectedVersion,
  ): Promise<InstitutionView> {
    return institutionView(await this.orgs.updateInstitution(actor, id, dto, expected));
  }

  @Get('teams')
  @ApiOperation({ summary: 'GP teams in the caller\'s scope' })
  @ApiPage(TeamView)
  @ApiProblems(400, 401, 403)
  async listTeams(@CurrentActor() actor: Actor, @Query() query: TeamQueryDto): Promise<Page<TeamView>> {
    return mapPage(await this.orgs.listTeams(actor, query), (t) => teamView(t));
  }

  @Post('teams')
  @ApiOperation({ summary: 'Create a GP team at an institution (county or institution admin)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: TeamView })
  @ApiProblems(400, 401, 403, 404)
  async createTeam(@CurrentActor() actor: Actor, @Body() dto: CreateTeamDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const team = await this.orgs.createTeam(actor, dto);
    created(reply, `teams/${team.id}`);
    return teamView(team, []);
  }

  @Get('teams/:id')
  @ApiOperation({ summary: 'One team with its current members' })
  @ApiOkResponse({ type: TeamView })
  @ApiProblems(401, 403, 404)
  async getTeam(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<TeamView> {
    const { team, members } = await this.orgs.getTeam(actor, id);
    return teamView(team, members);
  }

  @Patch('teams/:id')
  @ApiOperation({ summary: 'Rename a team or set the service phone its residents call (county or institution admin)' })
  @ApiIfMatch()
  @ApiOkResponse({ type: TeamView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async updateTeam(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateTeamDto, @IfMatch() expected?: ExpectedVersion) {
    return teamView(await this.orgs.updateTeam(actor, id, dto, expected));
  }

  @Post('teams/:id/members')
  @ApiOperation({ summary: 'Put a GP or nurse of the institution on the team (moves them from their previous team)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: TeamMemberView })
  @ApiProblems(400, 401, 403, 404, 409)
  async addMember(
    @CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: AddTeamMemberDto, @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TeamMemberView> {
    const m = await this.orgs.addTeamMember(actor, id, dto);
    created(reply, `teams/${id}`);
    return { userId: m.userId, memberRole: m.memberRole, joinedAt: m.joinedAt.toISOString() };
  }

  @Get('staff')
  @ApiOperation({ summary: 'Staff accounts in the caller\'s scope, by institution, team and role' })
  @ApiPage(StaffView)
  @ApiProblems(400, 401, 403)
  async listStaff(@CurrentActor() actor: Actor, @Query() query: StaffQueryDto): Promise<Page<StaffView>> {
    return mapPage(await this.orgs.listStaff(actor, query), (u) => staffView(u, 'list'));
  }

  @Post('staff')
  @ApiOperation({ summary: 'Create a staff account with role, institution and team (county or institution admin)' })
  @ApiIdempotent()
  @ApiCreatedResponse({ type: StaffView })
  @ApiProblems(400, 401, 403, 404, 409)
  async createStaff(@CurrentActor() actor: Actor, @Body() dto: CreateStaffDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const user = await this.orgs.createStaff(actor, dto);
    created(reply, `staff/${user.id}`);
    return staffView(user, 'detail');
  }

  @Get('staff/:id')
  @ApiOperation({ summary: 'One staff account' })
  @ApiOkResponse({ type: StaffView })
  @ApiProblems(401, 403, 404)
  async getStaff(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StaffView> {
    return staffView(await this.orgs.getStaff(actor, id), 'detail');
  }

  @Post('staff/:id/password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Set a temporary password (clears a lockout, ends the account\'s sessions, asks for a new password at sign-in)' })
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404)
  async resetPassword(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: ResetPasswordDto): Promise<void> {
    await this.orgs.resetStaffPassword(actor, id, dto.newPassword);
  }

  @Patch('staff/:id')
  @ApiOperation({ summary: 'Disable or re-enable an account, rename it' })
  @ApiIfMatch()
  @ApiOkResponse({ type: StaffView })
  @ApiProblems(400, 401, 403, 404, 409, 412)
  async updateStaff(
    @CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateStaffDto, @IfMatch() expected?: ExpectedVersion,
  ): Promise<StaffView> {
    return staffView(await this.orgs.updateStaff(actor, id, dto, expected), 'detail');
  }
}
