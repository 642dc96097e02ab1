import { Injectable } from '@nestjs/common';
import {
  auditMonthEnd, auditMonthOf, BatchBounds, batchHash, ChainBreak, ChainedEvent, CURRENT_CHAIN_FORMAT, findChainBreak, GENESIS_HASH, SealLink,
} from '@countycare/domain';
import { lowestIdAt, readInstant, sqlInstant, uuidText, uuidV7Ms } from './audit-codec';
import { AuditDb } from './audit-db';
import { marks, Query, Row } from './audit-sql';
import { decodeEvent, EVENT_COLUMN_LIST } from './audit-tables';

/**
 * How long an event waits before it is sealed. Every statement that writes
 * an audit row mints its id right before sending it, and on MySQL the
 * sealer's locking read waits for rows already written but not committed;
 * the grace covers the rest: a row still on its way to the server, and
 * clocks of several hosts a little apart (keep them NTP-synced).
 */
export const SEAL_GRACE_MS = 2_000;
/** Events per format-3 seal. */
export const MAX_SEAL_BATCH = 10_000;
/** Events held in memory at once while verifying. */
const VERIFY_EVENTS = 20_000;
const ZERO_ID = Buffer.alloc(16);

export interface ChainReport {
  intact: boolean;
  /** Events in the sealed chain still in the database (archived months are verified from their files). */
  sealed: number;
  pending: number;
  firstBreak: (ChainBreak & { firstEventId: string | null; lastEventId: string | null }) | null;
  /** Where verification started: after the last archived month, or at the genesis. */
  archivedThrough: { month: string; chainIndex: number } | null;
}

export interface SealRow {
  chainIndex: number;
  format: number;
  firstEventId: Buffer;
  lastEventId: Buffer;
  eventCount: number;
  prevHash: string;
  hash: string;
  sealedAt: Date;
}

export function decodeSeal(r: Row): SealRow {
  return {
    chainIndex: Number(r.chain_index), format: Number(r.format), firstEventId: Buffer.from(r.first_event_id as Buffer),
    lastEventId: Buffer.from(r.last_event_id as Buffer), eventCount: Number(r.event_count), prevHash: String(r.prev_hash),
    hash: String(r.hash), sealedAt: readInstant(r.sealed_at),
  };
}

const SEAL_COLUMNS = 'chain_index, format, first_event_id, last_event_id, event_count, prev_hash, hash, sealed_at';

/** The events of ids (after, last] with their subject rows, in id order; `strays`: subject rows of the range naming no event of it. */
export async function eventsInRange(query: Query, after: Buffer | null, last: Buffer): Promise<{ events: ChainedEvent[]; strays: StrayCount }> {
  const lower = after ? 'id > ?' : 'id >= ?';
  const rows = await query(`SELECT ${EVENT_COLUMN_LIST} FROM audit_events WHERE ${lower} AND id <= ? ORDER BY id`, [after ?? ZERO_ID, last]);
  const subjects = await query(
    `SELECT event_id, resident_id FROM audit_event_subjects WHERE ${after ? 'event_id > ?' : 'event_id >= ?'} AND event_id <= ?`,
    [after ?? ZERO_ID, last],
  );
  return withSubjects(rows, subjects);
}

/** Subject rows whose event is not among those loaded, by event id (hex). */
export type StrayCount = Map<string, number>;

export function withSubjects(rows: Row[], subjects: Row[]): { events: ChainedEvent[]; strays: StrayCount } {
  const byEvent = new Map<string, string[]>();
  for (const s of subjects) {
    const key = Buffer.from(s.event_id as Buffer).toString('hex');
    let list = byEvent.get(key);
    if (!list) byEvent.set(key, (list = []));
    list.push(uuidText(s.resident_id as Buffer));
  }
  const events = rows.map((r) => {
    const key = Buffer.from(r.id as Buffer).toString('hex');
    const residents = byEvent.get(key) ?? [];
    byEvent.delete(key);
    return decodeEvent(r, residents.sort());
  });
  return { events, strays: new Map([...byEvent].map(([key, list]) => [key, list.length])) };
}

/**
 * The hash chain over the audit log (domain.md §7.5 "Hash chain"): the
 * sealer extends it with one format-3 seal per batch of consecutive events
 * (never across a month boundary, so a month can be archived with exactly
 * the seals that cover it), and verification recomputes it from what is
 * stored, from the head of the last archived month.
 */
@Injectable()
export class AuditChain {
  constructor(private readonly db: AuditDb) {}

  /**
   * Seals the events at least the grace old (their id's millisecond at most
   * now − grace; a grace of 0 takes this millisecond's too), oldest first, in
   * batches. Safe with several workers: the chain index is the seals' primary
   * key, so a concurrent sealer's batch fails and is retried on the next tick.
   */
  async sealPending(options: { limit?: number; graceMs?: number } = {}): Promise<number> {
    const limit = options.limit ?? 100_000;
    const cutoff = lowestIdAt(Date.now() + 1 - (options.graceMs ?? SEAL_GRACE_MS));
    let sealed = 0;
    while (sealed < limit) {
      const n = await this.db.transaction((query) => this.sealBatch(query, cutoff, Math.min(MAX_SEAL_BATCH, limit - sealed)));
      if (n === 0) break;
      sealed += n;
    }
    return sealed;
  }

  private async sealBatch(query: Query, cutoff: Buffer, max: number): Promise<number> {
    const [headRow] = await query(`SELECT ${SEAL_COLUMNS} FROM audit_seals ORDER BY chain_index DESC LIMIT 1`);
    const head = headRow ? decodeSeal(headRow) : null;
    const after = head ? (head.format === 3 ? head.lastEventId : await maxSealedId(query, head.chainIndex + 1)) : null;
    // On MySQL a locking read: it waits for audit rows written by transactions still open, so none commits into a sealed range later.
    const rows = await query(
      `SELECT id FROM audit_events WHERE ${after ? 'id > ?' : 'id >= ?'} AND id < ? ORDER BY id LIMIT ?${this.db.isSqlite ? '' : ' LOCK IN SHARE MODE'}`,
      [after ?? ZERO_ID, cutoff, max],
    );
    if (rows.length === 0) return 0;
    const monthEnd = lowestIdAt(auditMonthEnd(auditMonthOf(uuidV7Ms(rows[0].id as Buffer))));
    const inMonth = rows.filter((r) => Buffer.compare(r.id as Buffer, monthEnd) < 0);
    const last = Buffer.from(inMonth[inMonth.length - 1].id as Buffer);
    const { events } = await eventsInRange(query, after, last);
    const bounds: BatchBounds = { firstEventId: events[0].id, lastEventId: events[events.length - 1].id, eventCount: events.length };
    const prev = head?.hash ?? GENESIS_HASH;
    const hash = batchHash(prev, bounds, events);
    await query(`INSERT INTO audit_seals (${SEAL_COLUMNS}) VALUES (${marks(8)})`, [
      (head?.chainIndex ?? 0) + 1, CURRENT_CHAIN_FORMAT, idBytes(bounds.firstEventId), last, events.length, prev, hash, sqlInstant(new Date()),
    ]);
    return events.length;
  }

  /** Recomputes the chain from the stored events and subject rows, starting after the last archived month. */
  async verify(): Promise<ChainReport> {
    const [archive] = await this.db.rows('SELECT month, last_chain_index, hash_after FROM audit_archives ORDER BY last_chain_index DESC LIMIT 1');
    let prev = archive ? String(archive.hash_after) : GENESIS_HASH;
    let next = archive ? Number(archive.last_chain_index) + 1 : 1;
    const archivedThrough = archive ? { month: String(archive.month), chainIndex: next - 1 } : null;
    let after = next > 1 ? await maxSealedId((sql, p) => this.db.rows(sql, p), next) : null;
    let sealed = 0;
    for (;;) {
      const seals = (await this.db.rows(`SELECT ${SEAL_COLUMNS} FROM audit_seals WHERE chain_index >= ? ORDER BY chain_index LIMIT 200`, [next]))
        .map(decodeSeal);
      if (seals.length === 0) break;
      for (let i = 0; i < seals.length;) {
        const group = takeGroup(seals, i);
        const links = await this.links(group, after);
        const broken = findChainBreak(links, prev, next);
        if (broken) {
          const seal = group.find((s) => s.chainIndex === broken.chainIndex) ?? group[0];
          return {
            intact: false, sealed: sealed + links.reduce((n, l) => n + ('batch' in l ? l.events.length : 1), 0), pending: await this.pending(sealed),
            firstBreak: { ...broken, firstEventId: uuidText(seal.firstEventId), lastEventId: uuidText(seal.lastEventId) }, archivedThrough,
          };
        }
        for (const s of group) {
          if (!after || Buffer.compare(s.lastEventId, after) > 0) after = s.lastEventId;
          sealed += s.eventCount;
        }
        prev = group[group.length - 1].hash;
        next = group[group.length - 1].chainIndex + 1;
        i += group.length;
      }
    }
    return { intact: true, sealed, pending: await this.pending(sealed), firstBreak: null, archivedThrough };
  }

  /** The links of consecutive seals of one shape, with the events stored now. */
  private async links(group: SealRow[], after: Buffer | null): Promise<SealLink[]> {
    const query: Query = (sql, params) => this.db.rows(sql, params);
    if (group[0].format !== 3) {
      const ids = group.map((s) => s.firstEventId);
      const rows = await query(`SELECT ${EVENT_COLUMN_LIST} FROM audit_events WHERE id IN (${marks(ids.length)})`, ids);
      const subjects = await query(`SELECT event_id, resident_id FROM audit_event_subjects WHERE event_id IN (${marks(ids.length)})`, ids);
      const byId = new Map(withSubjects(rows, subjects).events.map((e) => [e.id, e]));
      return group.map((s) => ({
        chainIndex: s.chainIndex, prevHash: s.prevHash, hash: s.hash, format: s.format,
        event: Buffer.compare(s.firstEventId, s.lastEventId) === 0 && s.eventCount === 1 ? byId.get(uuidText(s.firstEventId)) ?? null : null,
      }));
    }
    const upper = group.reduce((max, s) => (Buffer.compare(s.lastEventId, max) > 0 ? s.lastEventId : max), group[0].lastEventId);
    const { events, strays } = await eventsInRange(query, after, upper);
    let cursor = 0;
    let lower = after;
    return group.map((s) => {
      const mine: ChainedEvent[] = [];
      while (cursor < events.length && Buffer.compare(idBytes(events[cursor].id), s.lastEventId) <= 0) {
        if (!lower || Buffer.compare(idBytes(events[cursor].id), lower) > 0) mine.push(events[cursor]);
        cursor++;
      }
      const from = lower;
      const straysOfSeal = [...strays.keys()].filter((hex) => {
        const id = Buffer.from(hex, 'hex');
        return (!from || Buffer.compare(id, from) > 0) && Buffer.compare(id, s.lastEventId) <= 0;
      }).length;
      if (!lower || Buffer.compare(s.lastEventId, lower) > 0) lower = s.lastEventId;
      return {
        chainIndex: s.chainIndex, prevHash: s.prevHash, hash: s.hash, format: s.format,
        batch: { firstEventId: uuidText(s.firstEventId), lastEventId: uuidText(s.lastEventId), eventCount: s.eventCount }, events: mine,
        strays: straysOfSeal,
      };
    });
  }

  private async pending(sealed: number): Promise<number> {
    const [{ n }] = await this.db.rows('SELECT COUNT(*) AS n FROM audit_events');
    return Math.max(0, Number(n) - sealed);
  }
}

function idBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

/** Consecutive seals of the same shape, format 3 ones up to VERIFY_EVENTS events (at least one seal). */
function takeGroup(seals: SealRow[], from: number): SealRow[] {
  const batch = seals[from].format === 3;
  let events = 0;
  let to = from;
  while (to < seals.length && (seals[to].format === 3) === batch && (to === from || events + seals[to].eventCount <= VERIFY_EVENTS)) {
    events += seals[to].eventCount;
    to++;
  }
  return seals.slice(from, to);
}

/**
 * The highest event id sealed before chain index `before`: where the next
 * format-3 batch starts. Per-event seals (formats 1 and 2) could seal a late
 * event after a newer one, so over those it is the maximum, not the last.
 */
export async function maxSealedId(query: Query, before: number): Promise<Buffer | null> {
  const [last] = await query(`SELECT format, last_event_id FROM audit_seals WHERE chain_index < ? ORDER BY chain_index DESC LIMIT 1`, [before]);
  if (!last) return null;
  if (Number(last.format) === 3) return Buffer.from(last.last_event_id as Buffer);
  const [{ m }] = await query('SELECT MAX(last_event_id) AS m FROM audit_seals WHERE chain_index < ?', [before]);
  return m ? Buffer.from(m as Buffer) : null;
}
