import { createHash, Hash } from 'node:crypto';

/** The hash that starts the audit chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * How events are written out before hashing; every seal records the one it
 * was computed with, so seals of an older form stay verifiable.
 * 1: one seal per event, fourteen columns in a fixed order (the actor's name,
 *    institution and the county were left out, so editing them went unnoticed).
 * 2: one seal per event, every column of the row by name.
 * 3: one seal per batch of consecutive events (issue #10): the batch's first
 *    and last event id and count, then every event in id order, each with
 *    every column by name and the residents it names (its subject rows).
 */
export type ChainFormat = 1 | 2 | 3;
export const CHAIN_FORMATS: readonly ChainFormat[] = [1, 2, 3];
export const CURRENT_CHAIN_FORMAT: ChainFormat = 3;

/** Every column of an audit event and the residents its subject rows name: the chain protects all of them. */
export interface ChainedEvent {
  id: string;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  actorInstitutionId: string | null;
  countyId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  /** The residents the event touched (its subject rows), in any order; the canonical form sorts them. */
  residentIds: string[];
  /** A resident reference that is no resident id (kept verbatim, not a subject). */
  residentRef: string | null;
  purpose: string;
  contextId: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
}

/**
 * The single `residentId` column events had before subject rows (formats 1
 * and 2). An event stored in one of those formats names at most one
 * resident; anything else cannot be what was sealed, so it yields a value no
 * sealed row held and the hash no longer matches.
 */
function legacyResidentId(e: ChainedEvent): string | null {
  if (e.residentRef !== null && e.residentIds.length === 0) return e.residentRef;
  if (e.residentRef === null && e.residentIds.length <= 1) return e.residentIds[0] ?? null;
  return JSON.stringify([e.residentRef, [...e.residentIds].sort()]);
}

function canonicalV1(e: ChainedEvent): string {
  return JSON.stringify([
    e.id, e.at.toISOString(), e.actorId, e.actorRole, e.action, e.resourceType, e.resourceId,
    legacyResidentId(e), e.purpose, e.contextId, e.outcome, e.ip, e.requestId, e.detail ?? null,
  ]);
}

/** A JSON value with object keys in sorted order, instants as ISO 8601: the same data always gives the same text. */
function stable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, stable((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** Fields by name in sorted order; a null field is left out, so a nullable column added later keeps earlier hashes valid. */
function byName(fields: Record<string, unknown>): string {
  return JSON.stringify(stable(Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== undefined))));
}

/** The row as it was before subject rows: every column by name, the resident in `residentId`. */
function canonicalV2(e: ChainedEvent): string {
  return byName({
    id: e.id, at: e.at, actorId: e.actorId, actorName: e.actorName, actorRole: e.actorRole, actorInstitutionId: e.actorInstitutionId,
    countyId: e.countyId, action: e.action, resourceType: e.resourceType, resourceId: e.resourceId, residentId: legacyResidentId(e),
    purpose: e.purpose, contextId: e.contextId, outcome: e.outcome, ip: e.ip, requestId: e.requestId, detail: e.detail,
  });
}

/** Every field by name, the subject list sorted (left out when empty, like a null column). */
export function canonicalEvent(e: ChainedEvent): string {
  const { residentIds, ...columns } = e;
  return byName({ ...columns, residentIds: residentIds.length > 0 ? [...residentIds].sort() : null });
}

/** hash(n) = sha256(hash(n-1) | canonical(event n)): the per-event seals of formats 1 and 2. */
export function chainHash(prevHash: string, event: ChainedEvent, format: 1 | 2 = 2): string {
  const canonical = format === 1 ? canonicalV1(event) : canonicalV2(event);
  return createHash('sha256').update(prevHash).update('|').update(canonical).digest('hex');
}

/** What a format-3 seal row says about its batch, apart from the hashes. */
export interface BatchBounds {
  firstEventId: string;
  lastEventId: string;
  eventCount: number;
}

/**
 * A format-3 seal: sha256(prev | 3 | first | last | count, then each event's
 * canonical form on a line of its own, in id order). Changing, adding,
 * removing or reordering any event of the batch, or any of its subject rows,
 * changes it, and so does every later hash through prevHash.
 */
export function batchHash(prevHash: string, bounds: BatchBounds, events: Iterable<ChainedEvent>): string {
  const hash: Hash = createHash('sha256').update(prevHash).update('|');
  hash.update(JSON.stringify([3, bounds.firstEventId, bounds.lastEventId, bounds.eventCount]));
  for (const event of events) hash.update('\n').update(canonicalEvent(event));
  return hash.digest('hex');
}

/** A seal of format 1 or 2: one event, `null` when no event with the sealed id exists any more. */
export interface EventSealLink {
  chainIndex: number;
  prevHash: string;
  hash: string;
  /** The canonical form the seal's hash was computed with (seals written before formats existed are 1). */
  format: number;
  event: ChainedEvent | null;
}

/** A seal of format 3 and the events stored now in its range, in id order. */
export interface BatchSealLink {
  chainIndex: number;
  prevHash: string;
  hash: string;
  format: number;
  batch: BatchBounds;
  events: ChainedEvent[];
  /** Subject rows in the batch's range that name no event of it (none unless someone inserted them). */
  strays?: number;
}

export type SealLink = EventSealLink | BatchSealLink;

export interface ChainBreak {
  chainIndex: number;
  reason: 'seal_missing' | 'event_missing' | 'event_added' | 'subject_orphan' | 'prev_hash_mismatch' | 'unknown_format' | 'event_altered';
}

function isBatch(link: SealLink): link is BatchSealLink {
  return 'batch' in link;
}

/**
 * Walks the chain in order and returns the first broken position, or null if
 * it is intact: a gap in the indexes (a seal removed), a missing event, a
 * batch holding more or fewer events than it sealed (or subject rows of no
 * event), a prevHash that is not
 * the previous hash, a format nobody wrote (or a seal of one shape claiming
 * the other's format), or a hash that does not match the events as stored
 * now (an event or one of its subject rows was edited, or events swapped).
 */
export function findChainBreak(links: Iterable<SealLink>, expectedPrev = GENESIS_HASH, firstIndex = 1): ChainBreak | null {
  let prev = expectedPrev;
  let index = firstIndex;
  for (const link of links) {
    if (Number(link.chainIndex) !== index) return { chainIndex: index, reason: 'seal_missing' };
    const format = Number(link.format);
    if (!CHAIN_FORMATS.includes(format as ChainFormat) || (format === 3) !== isBatch(link)) return { chainIndex: index, reason: 'unknown_format' };
    if (isBatch(link)) {
      if (link.events.length < link.batch.eventCount) return { chainIndex: index, reason: 'event_missing' };
      if (link.events.length > link.batch.eventCount) return { chainIndex: index, reason: 'event_added' };
      if (link.strays) return { chainIndex: index, reason: 'subject_orphan' };
      if (link.prevHash !== prev) return { chainIndex: index, reason: 'prev_hash_mismatch' };
      if (batchHash(prev, link.batch, link.events) !== link.hash) return { chainIndex: index, reason: 'event_altered' };
    } else {
      if (!link.event) return { chainIndex: index, reason: 'event_missing' };
      if (link.prevHash !== prev) return { chainIndex: index, reason: 'prev_hash_mismatch' };
      if (chainHash(prev, link.event, format as 1 | 2) !== link.hash) return { chainIndex: index, reason: 'event_altered' };
    }
    prev = link.hash;
    index++;
  }
  return null;
}
