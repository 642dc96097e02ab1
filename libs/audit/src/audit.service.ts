import { Injectable } from '@nestjs/common';
import { Actor, keysetPage, newId, Page } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { ChainedEvent, chainHash, CURRENT_CHAIN_FORMAT, findChainBreak, GENESIS_HASH } from '@countycare/domain';
import { Brackets, EntityManager } from 'typeorm';
import { AuditAction, AuditDetail, AuditEvent, AuditOutcome, AuditPurpose, AuditSeal } from './audit-event.entity';

/** What happened, to which record, about which resident. The actor and request come from the Actor. */
export interface AuditEntry {
  action: AuditAction;
  resourceType: string;
  resourceId?: string | null;
  residentId?: string | null;
  countyId?: string | null;
  purpose?: AuditPurpose;
  contextId?: string | null;
  outcome?: AuditOutcome;
  detail?: AuditDetail | null;
}

/** Enough of an actor to audit: a failed login knows only the request (and maybe the user). */
export type AuditActor = Partial<Omit<Actor, 'requestId' | 'ip'>> & Pick<Actor, 'requestId' | 'ip'>;

export interface AuditFilter {
  residentId?: string;
  actorId?: string;
  countyId?: string;
  from?: Date;
  to?: Date;
}

export interface ChainReport {
  intact: boolean;
  sealed: number;
  pending: number;
  firstBreak: { chainIndex: number; reason: string } | null;
}

/** How long an unsealed event waits, so transactions still in flight commit their earlier events first. */
const SEAL_GRACE_MS = 2_000;
/** How far behind the newest sealed event the sealer looks for events that committed late. */
const STRAGGLER_WINDOW_MS = 60_000;

/** The smallest UUIDv7 of a millisecond: ids compare as strings in time order. */
function lowestIdAt(ms: number): string {
  const hex = Math.max(0, ms).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

const PURPOSE_BY_ROLE: Record<string, AuditPurpose> = {
  gp: 'treatment', nurse: 'treatment', referral_desk: 'treatment', resident: 'self',
  institution_admin: 'admin', county_admin: 'admin', system_admin: 'admin',
};

@Injectable()
export class AuditService {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * Appends audit events. Pass the transaction's manager when the audited
   * change is being written, so both commit or neither does.
   */
  async record(actor: AuditActor, entries: AuditEntry | AuditEntry[], em?: EntityManager): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const at = new Date();
    const rows = list.map((e) => ({
      id: newId(at.getTime()),
      at,
      actorId: actor.userId ?? null,
      actorName: actor.displayName ?? actor.username ?? null,
      actorRole: actor.role ?? null,
      actorInstitutionId: actor.institutionId ?? null,
      countyId: e.countyId ?? actor.countyId ?? null,
      action: e.action,
      resourceType: e.resourceType,
      resourceId: e.resourceId ?? null,
      residentId: e.residentId ?? null,
      purpose: e.purpose ?? PURPOSE_BY_ROLE[actor.role ?? ''] ?? 'admin',
      contextId: e.contextId ?? null,
      outcome: e.outcome ?? 'success',
      ip: actor.ip ?? null,
      requestId: actor.requestId ?? null,
      detail: e.detail ?? null,
    }));
    if (em) {
      await em.insert(AuditEvent, rows);
    } else {
      await this.tx.single((m) => m.insert(AuditEvent, rows));
    }
  }

  /** Newest first; `scope` is the policy's WHERE clause on alias `a`. */
  list(filter: AuditFilter, page: { limit?: number; cursor?: string }, scope: Brackets | null): Promise<Page<AuditEvent>> {
    const qb = this.tx.dataSource.getRepository(AuditEvent).createQueryBuilder('a');
    if (scope) qb.andWhere(scope);
    if (filter.residentId) qb.andWhere('a.residentId = :residentId', { residentId: filter.residentId });
    if (filter.actorId) qb.andWhere('a.actorId = :actorId', { actorId: filter.actorId });
    if (filter.countyId) qb.andWhere('a.countyId = :countyId', { countyId: filter.countyId });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at < :to', { to: filter.to });
    return keysetPage(qb, [{ column: 'a.id', direction: 'DESC', value: (r) => r.id }], page);
  }

  /**
   * Extends the hash chain over events not sealed yet, oldest first. Safe
   * with several workers: the chain index is the seals' primary key, so a
   * concurrent sealer's batch fails and is retried on the next tick.
   */
  async sealPending(options: { limit?: number; graceMs?: number } = {}): Promise<number> {
    const limit = options.limit ?? 1000;
    const cutoff = new Date(Date.now() - (options.graceMs ?? SEAL_GRACE_MS));
    return this.tx.run(async (em) => {
      const [head] = await em.getRepository(AuditSeal).find({ order: { chainIndex: 'DESC' }, take: 1 });
      const headMs = head ? parseInt(head.eventId.replace(/-/g, '').slice(0, 12), 16) : 0;
      const events = await em
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        .where('e.id >= :from', { from: lowestIdAt(headMs - STRAGGLER_WINDOW_MS) })
        .andWhere('e.id < :to', { to: lowestIdAt(cutoff.getTime()) })
        .andWhere('NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.event_id = e.id)')
        .orderBy('e.id', 'ASC')
        .limit(limit)
        .getMany();
      let prev = head?.hash ?? GENESIS_HASH;
      let index = Number(head?.chainIndex ?? 0);
      const sealedAt = new Date();
      const seals = events.map((event) => {
        const hash = chainHash(prev, toChained(event), CURRENT_CHAIN_FORMAT);
        const seal = { chainIndex: ++index, eventId: event.id, prevHash: prev, hash, sealedAt, format: CURRENT_CHAIN_FORMAT };
        prev = hash;
        return seal;
      });
      for (let i = 0; i < seals.length; i += 200) await em.insert(AuditSeal, seals.slice(i, i + 200));
      return seals.length;
    });
  }

  /** Seals what is pending, then re-computes the whole chain from the stored events. */
  async verifyChain(): Promise<ChainReport> {
    await this.sealPending({ graceMs: 0, limit: 100_000 });
    const ds = this.tx.dataSource;
    let prev = GENESIS_HASH;
    let next = 1;
    let sealed = 0;
    const batch = 5_000;
    for (;;) {
      const seals = await ds.getRepository(AuditSeal).createQueryBuilder('s')
        .where('s.chainIndex >= :next', { next }).orderBy('s.chainIndex', 'ASC').limit(batch).getMany();
      if (seals.length === 0) break;
      const events = await ds.getRepository(AuditEvent).createQueryBuilder('e')
        .where('e.id IN (:...ids)', { ids: seals.map((s) => s.eventId) }).getMany();
      const byId = new Map(events.map((e) => [e.id, e]));
      const links = seals.map((s) => {
        const event = byId.get(s.eventId);
        return { chainIndex: Number(s.chainIndex), prevHash: s.prevHash, hash: s.hash, format: Number(s.format), event: event ? toChained(event) : null };
      });
      const broken = findChainBreak(links, prev, next);
      if (broken) return { intact: false, sealed: sealed + links.length, pending: await this.countPending(), firstBreak: broken };
      sealed += links.length;
      prev = links[links.length - 1].hash;
      next = links[links.length - 1].chainIndex + 1;
    }
    return { intact: true, sealed, pending: await this.countPending(), firstBreak: null };
  }

  private async countPending(): Promise<number> {
    const [events, seals] = await Promise.all([
      this.tx.dataSource.getRepository(AuditEvent).count(),
      this.tx.dataSource.getRepository(AuditSeal).count(),
    ]);
    return Math.max(0, events - seals);
  }
}

/** Every column of the row (tests/e2e/audit-chain.e2e-spec.ts edits each one the entity declares and expects a break). */
function toChained(e: AuditEvent): ChainedEvent {
  return {
    id: e.id, at: e.at, actorId: e.actorId, actorName: e.actorName, actorRole: e.actorRole,
    actorInstitutionId: e.actorInstitutionId, countyId: e.countyId, action: e.action,
    resourceType: e.resourceType, resourceId: e.resourceId, residentId: e.residentId, purpose: e.purpose,
    contextId: e.contextId, outcome: e.outcome, ip: e.ip, requestId: e.requestId, detail: e.detail,
  };
}
