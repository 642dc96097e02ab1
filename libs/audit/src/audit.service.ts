import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, ProblemException } from '@countycare/common';
import type { EntityManager } from 'typeorm';
import { isUuid, lowestIdAt, packRef, sqlInstant, uuidBytes, uuidText } from './audit-codec';
import { AuditChain, ChainReport, SEAL_GRACE_MS, withSubjects } from './audit-chain';
import { AuditDb } from './audit-db';
import { marks } from './audit-sql';
import { AuditActor, AuditEntry, auditDrafts } from './audit-drafts';
import { AuditEvent } from './audit-event';
import { EVENT_COLUMNS_OF_E } from './audit-tables';
import { AuditWriter } from './audit-writer';

export interface AuditFilter {
  residentId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

/** Where the caller may read (the policy's conditions on AuditEvent): one county, or everything. */
export interface AuditScope {
  countyId: string;
}

/** An event's id is minted when its INSERT leaves, a little after `at`: how far `to` widens the id range it scans. */
const MAX_WRITE_DELAY_MS = 60_000;

function invalidCursor(): ProblemException {
  return new ProblemException(400, 'validation_failed', { count: 1 }, [{ field: 'cursor', code: 'invalid_cursor' }]);
}

@Injectable()
export class AuditService {
  constructor(
    private readonly db: AuditDb,
    private readonly writer: AuditWriter,
    private readonly chain: AuditChain,
  ) {}

  /**
   * Appends audit events (domain.md §7.5). With the transaction's manager
   * they are written inside it, so the change and its audit commit together
   * or not at all; without, they are group-committed with the concurrent
   * requests' events and the promise settles once they are durable.
   */
  async record(actor: AuditActor, entries: AuditEntry | AuditEntry[], em?: EntityManager): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const drafts = auditDrafts(actor, list, new Date());
    if (em) await this.writer.writeIn(em, drafts);
    else await this.writer.write(drafts);
  }

  /**
   * Newest first. By resident through the subject rows' index (every event
   * naming them, list reads included), by actor through `ix_audit_actor`,
   * otherwise along the primary key; instants bound the id range too.
   */
  async list(filter: AuditFilter, page: { limit?: number; cursor?: string }, scope: AuditScope | null): Promise<Page<AuditEvent>> {
    const limit = Math.min(Math.max(page.limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
    // No resident has an id of another form: such a filter matches nothing rather than scanning the log for it.
    if (filter.residentId !== undefined && !isUuid(filter.residentId)) return { items: [], nextCursor: null };
    const byResident = filter.residentId !== undefined;
    const key = byResident ? 's.event_id' : 'e.id';
    const where: string[] = [];
    const params: unknown[] = [];
    if (byResident) {
      where.push('s.resident_id = ?');
      params.push(uuidBytes(filter.residentId!));
    }
    if (scope) {
      where.push('e.county_id = ?');
      params.push(packRef(scope.countyId));
    }
    if (filter.actorId !== undefined) {
      where.push('e.actor_id = ?');
      params.push(packRef(filter.actorId));
    }
    if (filter.from) {
      where.push(`${key} >= ?`, 'e.at >= ?');
      params.push(lowestIdAt(filter.from.getTime()), filter.from);
    }
    if (filter.to) {
      where.push(`${key} < ?`, 'e.at < ?');
      params.push(lowestIdAt(filter.to.getTime() + MAX_WRITE_DELAY_MS), filter.to);
    }
    if (page.cursor) {
      const [after] = decodeCursor(page.cursor, 1);
      if (typeof after !== 'string' || !isUuid(after)) throw invalidCursor();
      where.push(`${key} < ?`);
      params.push(uuidBytes(after));
    }
    const from = byResident ? 'audit_event_subjects s JOIN audit_events e ON e.id = s.event_id' : 'audit_events e';
    const rows = await this.db.rows(
      `SELECT ${EVENT_COLUMNS_OF_E} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${key} DESC LIMIT ?`,
      [...params.map((p) => (p instanceof Date ? sqlInstant(p) : p)), limit + 1],
    );
    const items = rows.slice(0, limit);
    const ids = items.map((r) => r.id as Buffer);
    const subjects = ids.length
      ? await this.db.rows(`SELECT event_id, resident_id FROM audit_event_subjects WHERE event_id IN (${marks(ids.length)})`, ids)
      : [];
    const events = withSubjects(items, subjects).events as AuditEvent[];
    const last = items[items.length - 1];
    return { items: events, nextCursor: rows.length > limit && last ? encodeCursor([uuidText(last.id as Buffer)]) : null };
  }

  /** Seals events older than the grace (worker, every 10 s); see AuditChain.sealPending. */
  sealPending(options: { limit?: number; graceMs?: number } = {}): Promise<number> {
    return this.chain.sealPending(options);
  }

  /** Seals what is older than the grace, then re-computes the chain from the stored events (from the last archived head). */
  async verifyChain(): Promise<ChainReport> {
    await this.chain.sealPending({ graceMs: SEAL_GRACE_MS, limit: 1_000_000 });
    return this.chain.verify();
  }
}
