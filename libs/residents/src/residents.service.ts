import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@countycare/audit';
import { Policy, User, UsersService } from '@countycare/auth';
import { Actor, assertVersion, Clock, escapeLike, ExpectedVersion, FieldCipher, isUniqueViolation, keysetPage, mapPage, newId, Page, ProblemException } from '@countycare/common';
import { ReplicaReads, TransactionRunner } from '@countycare/database';
import {
  assertTagsFitSex, InvalidValueError, normalizeMobile, normalizePersonName, parseIdNumber, residentDisclosure, ResidentIdentity, RevealReason,
} from '@countycare/domain';
import { Repository } from 'typeorm';
import { ResidentCareRelations } from './care-relations';
import { CreateResidentAccountDto, CreateResidentDto, ResidentQueryDto, UpdateResidentDto } from './dto/residents.dto';
import { ResidentBrief, residentBrief, residentView, ResidentView } from './http/resident.view';
import { Resident } from './resident.entity';

const ID_LIKE = /^(\d{15}|\d{17}[\dXx])$/;
const PHONE_LIKE = /^(\+?86)?[\s-]*1[3-9][\d\s-]{9,12}$/;

/** The resident registry (issue #3): identity validation, masking, scoped search, accounts. */
@Injectable()
export class ResidentsService {
  constructor(
    @InjectRepository(Resident) private readonly residents: Repository<Resident>,
    private readonly cipher: FieldCipher,
    private readonly policy: Policy,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly careRelations: ResidentCareRelations,
    private readonly replicas: ReplicaReads,
  ) {}

  /** Validates an ID number (domain.md §7.1) and returns it with its blind index. */
  identify(rawIdNumber: string, field = 'idNumber'): ResidentIdentity & { hash: string } {
    try {
      const identity = parseIdNumber(rawIdNumber, this.clock.today());
      return { ...identity, hash: this.cipher.blindIndex('id', identity.idNumber) };
    } catch (e) {
      if (e instanceof InvalidValueError && field !== e.field) throw new InvalidValueError(field, e.code, e.message);
      throw e;
    }
  }

  async create(actor: Actor, dto: CreateResidentDto): Promise<ResidentView> {
    this.policy.assertRole(actor, 'create', 'Resident');
    if (!this.policy.can(actor, 'create', 'Resident', { countyId: dto.countyId })) throw ProblemException.notFound('county');
    const identity = this.identify(dto.idNumber);
    if (dto.birthDate !== undefined && dto.birthDate !== identity.birthDate) {
      throw ProblemException.invalid('birthDate', 'birth_date_mismatch');
    }
    if (dto.sex !== undefined && dto.sex !== identity.sex) throw ProblemException.invalid('sex', 'sex_mismatch');
    assertTagsFitSex(dto.tags ?? [], identity.sex);
    const phone = dto.phone ? normalizeMobile(dto.phone) : null;
    const resident = this.residents.create({
      id: newId(),
      countyId: dto.countyId,
      name: normalizePersonName(dto.name),
      idNumberHash: identity.hash,
      idNumberEnc: this.cipher.encrypt(identity.idNumber),
      phoneHash: phone ? this.cipher.blindIndex('phone', phone) : null,
      phoneEnc: phone ? this.cipher.encrypt(phone) : null,
      birthDate: identity.birthDate,
      sex: identity.sex,
      township: dto.township?.trim() || null,
      addressLine: dto.addressLine?.trim() || null,
      householdNo: dto.householdNo?.trim() || null,
      tags: dto.tags ?? [],
      status: 'active',
    });
    await this.tx.run(async (em) => {
      try {
        await em.insert(Resident, resident);
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        const existing = await em.getRepository(Resident).findOneBy({ idNumberHash: identity.hash });
        const visible = existing && this.policy.can(actor, 'read', 'Resident', existing);
        throw ProblemException.conflict('resident_exists', {}, visible ? { residentId: existing.id } : {});
      }
      await this.audit.record(actor, { action: 'create', resourceType: 'resident', resourceId: resident.id, residentId: resident.id, countyId: resident.countyId }, em);
    });
    resident.version = 1;
    return this.view(actor, resident, 'detail', false);
  }

  /**
   * `q` is a full ID number, a mobile number or a name prefix; results stay in scope and masked. The page may come
   * from a read replica (ReplicaReads); the audit is written on the primary.
   */
  async search(actor: Actor, query: ResidentQueryDto): Promise<Page<ResidentView>> {
    const scope = this.policy.scopeWhere(actor, 'read', 'Resident', 'r');
    const q = query.q?.trim();
    // Name and phone lookups are served by county-leading indexes; a caller without a county scope must name one.
    if (!scope && !query.countyId && q && !ID_LIKE.test(q)) throw ProblemException.invalid('countyId', 'county_required_for_search');
    const page = await this.replicas.read(actor, (on) => {
      const qb = this.residents.createQueryBuilder('r', on.queryRunner);
      if (scope) qb.andWhere(scope);
      if (query.countyId) qb.andWhere('r.countyId = :countyId', { countyId: query.countyId });
      const byId = [{ column: 'r.id', direction: 'ASC' as const, value: (r: Resident) => r.id }];
      if (q && ID_LIKE.test(q)) qb.andWhere('r.idNumberHash = :h', { h: this.identify(q, 'q').hash });
      else if (q && PHONE_LIKE.test(q)) qb.andWhere('r.phoneHash = :h', { h: this.cipher.blindIndex('phone', normalizeMobile(q, 'q')) });
      else if (q) {
        // '!' as the escape character: backslash means different things to MySQL and SQLite string literals.
        qb.andWhere("r.name LIKE :prefix ESCAPE '!'", { prefix: `${escapeLike(q)}%` });
        return keysetPage(qb, [{ column: 'r.name', direction: 'ASC', value: (r) => r.name }, ...byId], query);
      }
      return keysetPage(qb, byId, query);
    });
    await this.audit.record(actor, page.items.map((r) => ({
      action: 'read' as const, resourceType: 'resident', resourceId: r.id, residentId: r.id, countyId: r.countyId, detail: { via: 'search' },
    })));
    return mapPage(page, (r) => this.view(actor, r, 'list', false));
  }

  /** GET /residents/:id; with reveal=true and the reason the full numbers are needed (the DTO requires one), a reveal. */
  async get(actor: Actor, id: string, query: { reveal?: 'true' | 'false'; reason?: RevealReason } = {}): Promise<ResidentView> {
    if (query.reason && query.reveal !== 'true') throw ProblemException.invalid('reason', 'reason_without_reveal');
    const reveal = query.reveal === 'true' ? { reason: query.reason! } : null;
    const resident = await this.residents.findOneBy({ id });
    this.policy.assertRole(actor, 'read', 'Resident');
    if (!resident || !this.policy.can(actor, 'read', 'Resident', resident)) {
      if (resident) {
        await this.audit.record(actor, { action: 'read', resourceType: 'resident', resourceId: id, residentId: id, countyId: resident.countyId, outcome: 'denied' });
      }
      throw ProblemException.notFound('resident');
    }
    const self = actor.residentId === resident.id;
    const revealing = !!reveal && !self;
    if (revealing) await this.assertMayReveal(actor, resident, reveal.reason);
    await this.audit.record(actor, [
      { action: 'read', resourceType: 'resident', resourceId: id, residentId: id, countyId: resident.countyId },
      ...(revealing
        ? [{
          action: 'reveal_pii' as const, resourceType: 'resident', resourceId: id, residentId: id, countyId: resident.countyId,
          detail: { fields: ['idNumber', 'phone'], reason: reveal.reason },
        }]
        : []),
    ]);
    return this.view(actor, resident, 'detail', !!reveal);
  }

  /**
   * Full ID and phone numbers are for the resident's own care team, the desk
   * working a live referral of theirs and county admins (domain.md §7.3);
   * anyone else who may read the record gets 403, audited as denied.
   */
  private async assertMayReveal(actor: Actor, resident: Resident, reason: RevealReason): Promise<void> {
    this.policy.assertRole(actor, 'reveal', 'Resident');
    const relations = await this.careRelations.of(resident);
    if (this.policy.can(actor, 'reveal', 'Resident', { ...resident, ...relations })) return;
    await this.audit.record(actor, {
      action: 'reveal_pii', resourceType: 'resident', resourceId: resident.id, residentId: resident.id, countyId: resident.countyId,
      outcome: 'denied', detail: { fields: ['idNumber', 'phone'], reason },
    });
    throw new ProblemException(403, 'reveal_not_allowed');
  }

  async update(actor: Actor, id: string, dto: UpdateResidentDto, expected?: ExpectedVersion): Promise<ResidentView> {
    const updated = await this.tx.run(async (em) => {
      const resident = await this.tx.forUpdate(em.getRepository(Resident).createQueryBuilder('r').where('r.id = :id', { id })).getOne();
      this.policy.assertCan(actor, 'update', 'Resident', resident, 'resident');
      assertVersion(resident!.version, expected);
      const r = resident!;
      const fields: string[] = [];
      if (dto.name !== undefined) { r.name = normalizePersonName(dto.name); fields.push('name'); }
      if (dto.phone !== undefined) {
        const phone = dto.phone === '' ? null : normalizeMobile(dto.phone);
        r.phoneHash = phone ? this.cipher.blindIndex('phone', phone) : null;
        r.phoneEnc = phone ? this.cipher.encrypt(phone) : null;
        fields.push('phone');
      }
      if (dto.township !== undefined) { r.township = dto.township.trim() || null; fields.push('township'); }
      if (dto.addressLine !== undefined) { r.addressLine = dto.addressLine.trim() || null; fields.push('addressLine'); }
      if (dto.householdNo !== undefined) { r.householdNo = dto.householdNo.trim() || null; fields.push('householdNo'); }
      if (dto.tags !== undefined) {
        assertTagsFitSex(dto.tags, r.sex);
        r.tags = dto.tags;
        fields.push('tags');
      }
      if (dto.status !== undefined) { r.status = dto.status; fields.push('status'); }
      await em.save(Resident, r);
      await this.audit.record(actor, { action: 'update', resourceType: 'resident', resourceId: id, residentId: id, countyId: r.countyId, detail: { fields } }, em);
      return r;
    });
    return this.view(actor, updated, 'detail', false);
  }

  /** Gives a resident a login bound to their record (api.md "Resident accounts"). */
  async createAccount(actor: Actor, id: string, dto: CreateResidentAccountDto): Promise<User> {
    const resident = await this.residents.findOneBy({ id });
    this.policy.assertCan(actor, 'createAccount', 'Resident', resident, 'resident');
    if (resident!.status !== 'active') throw ProblemException.conflict('resident_not_active', { status: resident!.status });
    return this.tx.run(async (em) => {
      const user = await this.users.create(em, {
        username: dto.username, password: dto.password, role: 'resident', displayName: resident!.name,
        countyId: resident!.countyId, residentId: resident!.id,
      });
      await this.audit.record(actor, { action: 'create', resourceType: 'resident_account', resourceId: user.id, residentId: id, countyId: resident!.countyId }, em);
      return user;
    });
  }

  // ---- for other bounded contexts

  findById(id: string): Promise<Resident | null> {
    return this.residents.findOneBy({ id });
  }

  /** Masked name, sex and age of each resident, keyed by id: one query for a whole page. */
  async briefs(ids: string[]): Promise<Map<string, ResidentBrief>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.residents.createQueryBuilder('r').select(['r.id', 'r.name', 'r.sex', 'r.birthDate'])
      .where('r.id IN (:...ids)', { ids: unique }).getMany();
    const today = this.clock.today();
    return new Map(rows.map((r) => [r.id, residentBrief(r, today)]));
  }

  private view(actor: Actor, r: Resident, view: 'list' | 'detail', reveal: boolean): ResidentView {
    const disclosure = residentDisclosure({ role: actor.role, self: actor.residentId === r.id, view, reveal });
    const plain = { idNumber: this.cipher.decrypt(r.idNumberEnc), phone: r.phoneEnc ? this.cipher.decrypt(r.phoneEnc) : null };
    return residentView(r, plain, disclosure, this.clock.today());
  }
}
