import { createHash } from 'node:crypto';

/** The hash that starts the audit chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * How an event is written out before hashing; every seal records the one it
 * was computed with, so seals of an older form stay verifiable.
 * 1: fourteen columns in a fixed order (the actor's name, institution and
 *    the county were left out, so editing them went unnoticed).
 * 2: every column of the row, by name.
 */
export type ChainFormat = 1 | 2;
export const CHAIN_FORMATS: readonly ChainFormat[] = [1, 2];
export const CURRENT_CHAIN_FORMAT: ChainFormat = 2;

/** Every column of an audit event: the chain protects all of them. */
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
  residentId: string | null;
  purpose: string;
  contextId: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
  detail: Record<string, unknown> | null;
}

function canonicalV1(e: ChainedEvent): string {
  return JSON.stringify([
    e.id, e.at.toISOString(), e.actorId, e.actorRole, e.action, e.resourceType, e.resourceId,
    e.residentId, e.purpose, e.contextId, e.outcome, e.ip, e.requestId, e.detail ?? null,
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

/**
 * Every field by name, in sorted order. A null field is left out, so a
 * nullable column added later (null on the rows sealed before it) keeps
 * their hashes valid; a new NOT NULL column needs a new format.
 */
function canonicalV2(e: ChainedEvent): string {
  const fields = Object.fromEntries(Object.entries(e).filter(([, value]) => value !== null && value !== undefined));
  return JSON.stringify(stable(fields));
}

const CANONICAL: Record<ChainFormat, (e: ChainedEvent) => string> = { 1: canonicalV1, 2: canonicalV2 };

/** hash(n) = sha256(hash(n-1) | canonical(event n)): changing, removing or reordering any sealed event breaks every later hash. */
export function chainHash(prevHash: string, event: ChainedEvent, format: ChainFormat = CURRENT_CHAIN_FORMAT): string {
  return createHash('sha256').update(prevHash).update('|').update(CANONICAL[format](event)).digest('hex');
}

export interface SealLink {
  chainIndex: number;
  prevHash: string;
  hash: string;
  /** The canonical form the seal's hash was computed with (seals written before formats existed are 1). */
  format: number;
  event: ChainedEvent | null;
}

/**
 * Walks the chain in order and returns the first broken position, or null if
 * it is intact: a gap in the indexes (a seal removed), a missing event, a
 * prevHash that is not the previous hash, a format nobody wrote, or a hash
 * that does not match the event as stored now (the event was edited).
 */
export function findChainBreak(links: SealLink[], expectedPrev = GENESIS_HASH, firstIndex = 1): { chainIndex: number; reason: string } | null {
  let prev = expectedPrev;
  let index = firstIndex;
  for (const link of links) {
    if (Number(link.chainIndex) !== index) return { chainIndex: index, reason: 'seal_missing' };
    if (!link.event) return { chainIndex: index, reason: 'event_missing' };
    if (link.prevHash !== prev) return { chainIndex: index, reason: 'prev_hash_mismatch' };
    const format = Number(link.format) as ChainFormat;
    if (!CHAIN_FORMATS.includes(format)) return { chainIndex: index, reason: 'unknown_format' };
    if (chainHash(prev, link.event, format) !== link.hash) return { chainIndex: index, reason: 'event_altered' };
    prev = link.hash;
    index++;
  }
  return null;
}
