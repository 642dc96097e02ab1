import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@countycare/audit';
import { AuthService, Policy, User, UsersService } from '@countycare/auth';
import {
  Actor, assertVersion, Clock, escapeLike, ExpectedVersion, isUniqueViolation, keysetPage, newId, Page, ProblemException, TtlCache,
} from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import {
  CountyPolicy, isValidParent, mayGrantRole, mayHostReferralDesk, memberRoleFits, normalizeMobile, normalizeServicePhone, resolveCountyPolicy,
  STAFF_ROLES,
} from '@countycare/domain';
import { Repository } from 'typeorm';
import {
  AddTeamMemberDto, CreateCountyDto, CreateInstitutionDto, CreateStaffDto, CreateTeamDto, InstitutionQueryDto,
  StaffQueryDto, TeamQueryDto, UpdateInstitutionDto, UpdateStaffDto, UpdateTeamDto,
} from './dto/organizations.dto';
import { County, GpTeam, Institution, TeamMember } from './entities';

type PageOpts = { limit?: number; cursor?: string };
const byId = <T extends { id: string }>(alias: string) => [{ column: `${alias}.id`, direction: 'ASC' as const, value: (r: T) => r.id }];

/**
 * How long another process may show a county's old policy, an institution's
 * or a team's old name and flags after an admin changes them; this process
 * forgets at once. They are read on nearly every request and change a few
 * times a year.
 */
export const ORGANIZATION_CACHE_MS = 30_000;

/** Counties, institutions, GP teams and staff accounts (issue #3). */
@Injectable()
export class OrganizationsService {
  private readonly countyCache = new TtlCache<string, County | null>(ORGANIZATION_CACHE_MS);
  private readonly institutionCache = new TtlCache<string, Institution>(ORGANIZATION_CACHE_MS);
  private readonly teamCache = new TtlCache<string, GpTeam>(ORGANIZATION_CACHE_MS);

  constructor(
    @InjectRepository(County) private readonly counties: Repository<County>,
    @InjectRepository(Institution) private readonly institutions: Repository<Institution>,
    @InjectRepository(GpTeam) private readonly teams: Repository<GpTeam>,
    @InjectRepository(TeamMember) private readonly members: Repository<TeamMember>,
    private readonly users: UsersService,
    private readonly policy: Policy,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly auth: AuthService,
  ) {}

  // ---- counties

  listCounties(actor: Actor, page: PageOpts): Promise<Page<County>> {
    const qb = this.counties.createQueryBuilder('c');
    const scope = this.policy.scopeWhere(actor, 'read', 'County', 'c');
    if (scope) qb.andWhere(scope);
    return keysetPage(qb, byId<County>('c'), page);
  }

  async createCounty(actor: Actor, dto: CreateCountyDto): Promise<County> {
    this.policy.assertRole(actor, 'create', 'County');
    const policy = dto.policy ? resolveCountyPolicy({}, dto.policy) : null;
    return this.tx.run(async (em) => {
      const county = em.create(County, { id: newId(), code: dto.code, name: dto.name.trim(), policy: policy ? diffFromDefaults(policy) : null });
      try {
        await em.insert(County, county);
      } catch (e) {
        if (isUniqueViolation(e)) throw ProblemException.conflict('county_code_taken', { code: dto.code });
        throw e;
      }
      await this.audit.record(actor, { action: 'create', resourceType: 'county', resourceId: county.id, countyId: county.id }, em);
      return county;
    });
  }

  async getCounty(actor: Actor, id: string): Promise<County> {
    const county = await this.counties.findOneBy({ id });
    this.policy.assertCan(actor, 'read', 'County', county, 'county');
    return county!;
  }

  async updateCountyPolicy(actor: Actor, id: string, patch: Record<string, unknown>, expected?: ExpectedVersion): Promise<County> {
    return this.tx.run(async (em) => {
      const county = await this.tx.forUpdate(em.getRepository(County).createQueryBuilder('c').where('c.id = :id', { id })).getOne();
      this.policy.assertCan(actor, 'update', 'County', county, 'county');
      assertVersion(county!.version, expected);
      const merged = resolveCountyPolicy(county!.policy, patch);
      county!.policy = diffFromDefaults(merged);
      await em.save(County, county!);
      this.tx.afterCommit(em, () => this.countyCache.forget(id));
      await this.audit.record(actor, {
        action: 'update', resourceType: 'county', resourceId: id, countyId: id, detail: { fields: Object.keys(patch).map((k) => `policy.${k}`) },
      }, em);
      return county!;
    });
  }

  /** The county's effective settings (defaults of domain.md §8 with its overrides). */
  async policyFor(countyId: string): Promise<CountyPolicy> {
    const county = await this.findCounty(countyId);
    return resolveCountyPolicy(county?.policy ?? {});
  }

  async findCounty(id: string): Promise<County | null> {
    const cached = this.countyCache.get(id);
    if (cached !== undefined) return cached;
    const county = await this.counties.findOneBy({ id });
    this.countyCache.set(id, county);
    return county;
  }

  /** A county by its 6-digit administrative code or by its id (command-line tools take either). */
  findCountyByCodeOrId(codeOrId: string): Promise<County | null> {
    return /^\d{6}$/.test(codeOrId) ? this.counties.findOneBy({ code: codeOrId }) : this.counties.findOneBy({ id: codeOrId });
  }

  // ---- institutions

  listInstitutions(actor: Actor, query: InstitutionQueryDto): Promise<Page<Institution>> {
    const qb = this.institutions.createQueryBuilder('i');
    const scope = this.policy.scopeWhere(actor, 'read', 'Institution', 'i');
    if (scope) qb.andWhere(scope);
    if (query.countyId) qb.andWhere('i.countyId = :countyId', { countyId: query.countyId });
    if (query.level) qb.andWhere('i.level = :level', { level: query.level });
    return keysetPage(qb, byId<Institution>('i'), query);
  }

  async createInstitution(actor: Actor, dto: CreateInstitutionDto): Promise<Institution> {
    this.policy.assertRole(actor, 'create', 'Institution');
    const county = await this.counties.findOneBy({ id: dto.countyId });
    if (!county || !this.policy.can(actor, 'create', 'Institution', { countyId: county.id })) throw ProblemException.notFound('county');
    const hasReferralDesk = dto.hasReferralDesk ?? false;
    if (hasReferralDesk && !mayHostReferralDesk(dto.level)) {
      throw ProblemException.invalid('hasReferralDesk', 'referral_desk_level');
    }
    if (dto.parentId) {
      const parent = await this.institutions.findOneBy({ id: dto.parentId });
      if (!parent || parent.countyId !== county.id) throw ProblemException.invalid('parentId', 'parent_not_in_county');
      if (!isValidParent(dto.level, parent.level)) throw ProblemException.invalid('parentId', 'parent_level');
    }
    return this.tx.run(async (em) => {
      const institution = em.create(Institution, {
        id: newId(), countyId: county.id, name: dto.name.trim(), code: dto.code ?? null, level: dto.level,
        hasReferralDesk, parentId: dto.parentId ?? null, active: true,
      });
      await em.insert(Institution, institution);
      await this.audit.record(actor, { action: 'create', resourceType: 'institution', resourceId: institution.id, countyId: county.id }, em);
      return institution;
    });
  }

  async getInstitution(actor: Actor, id: string): Promise<Institution> {
    const institution = await this.institutions.findOneBy({ id });
    this.policy.assertCan(actor, 'read', 'Institution', institution, 'institution');
    return institution!;
  }

  async updateInstitution(actor: Actor, id: string, dto: UpdateInstitutionDto, expected?: ExpectedVersion): Promise<Institution> {
    return this.tx.run(async (em) => {
      const institution = await this.tx.forUpdate(em.getRepository(Institution).createQueryBuilder('i').where('i.id = :id', { id })).getOne();
      this.policy.assertCan(actor, 'update', 'Institution', institution, 'institution');
      assertVersion(institution!.version, expected);
      if (dto.hasReferralDesk && !mayHostReferralDesk(institution!.level)) throw ProblemException.invalid('hasReferralDesk', 'referral_desk_level');
      const { version: _ignored, ...changes } = dto;
      Object.assign(institution!, changes, dto.name !== undefined ? { name: dto.name.trim() } : {});
      await em.save(Institution, institution!);
      this.tx.afterCommit(em, () => this.institutionCache.forget(id));
      await this.audit.record(actor, {
        action: 'update', resourceType: 'institution', resourceId: id, countyId: institution!.countyId, detail: { fields: Object.keys(changes) },
      }, em);
      return institution!;
    });
  }

  async findInstitution(id: string): Promise<Institution | null> {
    return (await this.findInstitutions([id]))[0] ?? null;
  }

  async findInstitutions(ids: string[]): Promise<Institution[]> {
    const found = await this.institutionCache.getMany(ids, async (missing) =>
      (await this.institutions.createQueryBuilder('i').where('i.id IN (:...ids)', { ids: missing }).getMany()).map((i) => [i.id, i]));
    return [...found.values()];
  }

  // ---- teams

  listTeams(actor: Actor, query: TeamQueryDto): Promise<Page<GpTeam>> {
    const qb = this.teams.createQueryBuilder('t');
    const scope = this.policy.scopeWhere(actor, 'read', 'Team', 't');
    if (scope) qb.andWhere(scope);
    if (query.institutionId) qb.andWhere('t.institutionId = :institutionId', { institutionId: query.institutionId });
    return keysetPage(qb, byId<GpTeam>('t'), query);
  }

  /**
   * The active teams of a county a resident may sign with (GET /me/teams),
   * optionally those whose name or institution's name contains `q`.
   */
  activeTeamsOfCounty(countyId: string, query: { q?: string; limit?: number; cursor?: string }): Promise<Page<GpTeam>> {
    const qb = this.teams.createQueryBuilder('t')
      .where("t.countyId = :countyId AND t.status = 'active'", { countyId });
    const q = query.q?.trim();
    if (q) {
      const pattern = `%${escapeLike(q)}%`;
      qb.andWhere(
        "(t.name LIKE :pattern ESCAPE '!' OR t.institutionId IN (SELECT i.id FROM institutions i WHERE i.county_id = :countyId AND i.name LIKE :pattern ESCAPE '!'))",
        { pattern },
      );
    }
    return keysetPage(qb, byId<GpTeam>('t'), query);
  }

  async createTeam(actor: Actor, dto: CreateTeamDto): Promise<GpTeam> {
    this.policy.assertRole(actor, 'create', 'Team');
    const institution = await this.institutions.findOneBy({ id: dto.institutionId });
    if (!institution || !this.policy.can(actor, 'create', 'Team', { countyId: institution.countyId, institutionId: institution.id })) {
      throw ProblemException.notFound('institution');
    }
    return this.tx.run(async (em) => {
      const team = em.create(GpTeam, {
        id: newId(), countyId: institution.countyId, institutionId: institution.id, name: dto.name.trim(), leadUserId: null, status: 'active',
        servicePhone: dto.servicePhone ? normalizeServicePhone(dto.servicePhone) : null,
      });
      await em.insert(GpTeam, team);
      await this.audit.record(actor, { action: 'create', resourceType: 'team', resourceId: team.id, countyId: team.countyId }, em);
      return team;
    });
  }

  /** Renames a team or sets the number its residents call. */
  async updateTeam(actor: Actor, id: string, dto: UpdateTeamDto, expected?: ExpectedVersion): Promise<GpTeam> {
    return this.tx.run(async (em) => {
      const team = await this.tx.forUpdate(em.getRepository(GpTeam).createQueryBuilder('t').where('t.id = :id', { id })).getOne();
      this.policy.assertCan(actor, 'update', 'Team', team, 'team');
      assertVersion(team!.version, expected);
      const fields: string[] = [];
      if (dto.name !== undefined) { team!.name = dto.name.trim(); fields.push('name'); }
      if (dto.servicePhone !== undefined) {
        team!.servicePhone = dto.servicePhone === null || dto.servicePhone.trim() === '' ? null : normalizeServicePhone(dto.servicePhone);
        fields.push('servicePhone');
      }
      await em.save(GpTeam, team!);
      this.tx.afterCommit(em, () => this.teamCache.forget(id));
      await this.audit.record(actor, { action: 'update', resourceType: 'team', resourceId: id, countyId: team!.countyId, detail: { fields } }, em);
      return team!;
    });
  }

  async getTeam(actor: Actor, id: string): Promise<{ team: GpTeam; members: TeamMember[] }> {
    const team = await this.teams.findOneBy({ id });
    this.policy.assertCan(actor, 'read', 'Team', team, 'team');
    const members = await this.members.createQueryBuilder('m').where('m.teamId = :id AND m.leftAt IS NULL', { id }).orderBy('m.joinedAt', 'ASC').getMany();
    return { team: team!, members };
  }

  async addTeamMember(actor: Actor, teamId: string, dto: AddTeamMemberDto): Promise<TeamMember> {
    return this.tx.run(async (em) => {
      const team = await this.tx.forUpdate(em.getRepository(GpTeam).createQueryBuilder('t').where('t.id = :teamId', { teamId })).getOne();
      this.policy.assertCan(actor, 'update', 'Team', team, 'team');
      if (team!.status !== 'active') throw ProblemException.conflict('team_inactive');
      const user = await em.getRepository(User).findOneBy({ id: dto.userId });
      if (!user || user.institutionId !== team!.institutionId || !['gp', 'nurse'].includes(user.role)) {
        throw ProblemException.invalid('userId', 'member_not_clinician_of_institution');
      }
      if (!memberRoleFits(user.role, dto.memberRole)) throw ProblemException.invalid('memberRole', 'member_role_not_for_account');
      const now = this.clock.now();
      await em.createQueryBuilder().update(TeamMember).set({ leftAt: now })
        .where('user_id = :userId AND left_at IS NULL', { userId: user.id }).execute();
      const member = em.create(TeamMember, { id: newId(), teamId: team!.id, userId: user.id, memberRole: dto.memberRole, joinedAt: now, leftAt: null });
      await em.insert(TeamMember, member);
      await em.update(User, { id: user.id }, { teamId: team!.id });
      this.auth.accountChanged(em, user.id);
      if (dto.memberRole === 'gp_lead') {
        await em.update(GpTeam, { id: team!.id }, { leadUserId: user.id });
        this.tx.afterCommit(em, () => this.teamCache.forget(team!.id));
      }
      await this.audit.record(actor, {
        action: 'permission_change', resourceType: 'team', resourceId: team!.id, countyId: team!.countyId, detail: { userId: user.id, memberRole: dto.memberRole },
      }, em);
      return member;
    });
  }

  async findTeam(id: string): Promise<GpTeam | null> {
    return (await this.findTeams([id]))[0] ?? null;
  }

  async findTeams(ids: string[]): Promise<GpTeam[]> {
    const found = await this.teamCache.getMany(ids, async (missing) =>
      (await this.teams.createQueryBuilder('t').where('t.id IN (:...ids)', { ids: missing }).getMany()).map((t) => [t.id, t]));
    return [...found.values()];
  }

  // ---- staff

  listStaff(actor: Actor, query: StaffQueryDto): Promise<Page<User>> {
    const qb = this.users.repository().createQueryBuilder('u').where('u.role IN (:...roles)', { roles: STAFF_ROLES });
    const scope = this.policy.scopeWhere(actor, 'read', 'Staff', 'u');
    if (scope) qb.andWhere(scope);
    if (query.institutionId) qb.andWhere('u.institutionId = :institutionId', { institutionId: query.institutionId });
    if (query.teamId) qb.andWhere('u.teamId = :teamId', { teamId: query.teamId });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    return keysetPage(qb, byId<User>('u'), query);
  }

  async createStaff(actor: Actor, dto: CreateStaffDto): Promise<User> {
    this.policy.assertRole(actor, 'create', 'Staff');
    if (!mayGrantRole(actor.role, dto.role)) throw ProblemException.forbidden();
    let countyId: string;
    let institution: Institution | null = null;
    if (dto.role === 'county_admin') {
      if (!dto.countyId) throw ProblemException.invalid('countyId', 'isDefined');
      const county = await this.counties.findOneBy({ id: dto.countyId });
      if (!county) throw ProblemException.notFound('county');
      countyId = county.id;
    } else {
      if (!dto.institutionId) throw ProblemException.invalid('institutionId', 'isDefined');
      institution = await this.institutions.findOneBy({ id: dto.institutionId });
      if (!institution) throw ProblemException.notFound('institution');
      countyId = institution.countyId;
      if (dto.role === 'referral_desk' && !institution.hasReferralDesk) throw ProblemException.invalid('institutionId', 'institution_has_no_referral_desk');
    }
    if (!this.policy.can(actor, 'create', 'Staff', { countyId, institutionId: institution?.id ?? null })) {
      throw ProblemException.notFound(institution ? 'institution' : 'county');
    }
    let teamId: string | null = null;
    if (dto.teamId) {
      const team = await this.teams.findOneBy({ id: dto.teamId });
      if (!team || team.institutionId !== institution?.id || !['gp', 'nurse'].includes(dto.role)) {
        throw ProblemException.invalid('teamId', 'team_not_of_institution');
      }
      teamId = team.id;
    }
    const phone = dto.phone ? normalizeMobile(dto.phone) : null;
    return this.tx.run(async (em) => {
      const user = await this.users.create(em, {
        username: dto.username, password: dto.password, role: dto.role, displayName: dto.displayName.trim(), phone,
        countyId, institutionId: institution?.id ?? null, teamId,
      });
      if (teamId) {
        await em.insert(TeamMember, {
          id: newId(), teamId, userId: user.id, memberRole: dto.role === 'gp' ? 'gp' : 'nurse', joinedAt: this.clock.now(), leftAt: null,
        });
      }
      await this.audit.record(actor, {
        action: 'create', resourceType: 'staff', resourceId: user.id, countyId, detail: { role: dto.role },
      }, em);
      return user;
    });
  }

  async getStaff(actor: Actor, id: string): Promise<User> {
    const user = await this.users.findById(id);
    const staff = user && (STAFF_ROLES as string[]).includes(user.role) ? user : null;
    this.policy.assertCan(actor, 'read', 'Staff', staff, 'staff');
    return staff!;
  }

  async updateStaff(actor: Actor, id: string, dto: UpdateStaffDto, expected?: ExpectedVersion): Promise<User> {
    return this.tx.run(async (em) => {
      const user = await this.tx.forUpdate(em.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id })).getOne();
      const staff = user && (STAFF_ROLES as string[]).includes(user.role) ? user : null;
      this.policy.assertCan(actor, 'update', 'Staff', staff, 'staff');
      if (!mayGrantRole(actor.role, staff!.role)) throw ProblemException.forbidden();
      assertVersion(staff!.version, expected);
      if (dto.status) staff!.status = dto.status;
      if (dto.displayName) staff!.displayName = dto.displayName.trim();
      await em.save(User, staff!);
      this.auth.accountChanged(em, staff!.id);
      await this.audit.record(actor, {
        action: dto.status ? 'permission_change' : 'update', resourceType: 'staff', resourceId: id, countyId: staff!.countyId,
        detail: { fields: Object.keys(dto).filter((k) => k !== 'version') },
      }, em);
      return staff!;
    });
  }

  /**
   * An administrator sets a temporary password (forgotten password, lockout):
   * the lock is cleared, every session of the account ends, and the user is
   * asked for their own password at the next sign-in.
   */
  async resetStaffPassword(actor: Actor, id: string, newPassword: string): Promise<void> {
    await this.tx.run(async (em) => {
      const user = await this.tx.forUpdate(em.getRepository(User).createQueryBuilder('u').where('u.id = :id', { id })).getOne();
      const staff = user && (STAFF_ROLES as string[]).includes(user.role) ? user : null;
      this.policy.assertCan(actor, 'update', 'Staff', staff, 'staff');
      if (!mayGrantRole(actor.role, staff!.role)) throw ProblemException.forbidden();
      await this.users.setPassword(em, staff!, newPassword, { byAdmin: true, now: this.clock.now() });
      await this.auth.revokeSessions(em, staff!.id, 'password_reset');
      await this.audit.record(actor, {
        action: 'permission_change', resourceType: 'staff', resourceId: id, countyId: staff!.countyId, detail: { fields: ['password'] },
      }, em);
    });
  }
}

/** Stores only the settings that differ from the defaults, so changed defaults reach every county. */
function diffFromDefaults(policy: CountyPolicy): Partial<CountyPolicy> {
  const defaults = resolveCountyPolicy({});
  const diff: Record<string, unknown> = {};
  for (const section of Object.keys(policy) as Array<keyof CountyPolicy>) {
    if (JSON.stringify(policy[section]) !== JSON.stringify(defaults[section])) diff[section] = policy[section];
  }
  return diff as Partial<CountyPolicy>;
}
