import { createHash } from 'node:crypto';

/** The hash that starts the audit chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that the chain protects, in a fixed order. */
export interface ChainedEvent {
  id: string;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
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

function canonical(e: ChainedEvent): string {
  return JSON.stringify([
    e.id, e.at.toISOString(), e.actorId, e.actorRole, e.action, e.resourceType, e.resourceId,
    e.residentId, e.purpose, e.contextId, e.outcome, e.ip, e.requestId, e.detail ?? null,
  ]);
}

/** hash(n) = sha256(hash(n-1) | canonical(event n)): changing, removing or reordering any sealed event breaks every later hash. */
export function chainHash(prevHash: string, event: ChainedEvent): string {
  return createHash('sha256').update(prevHash).update('|').update(canonical(event)).digest('hex');
}

export interface SealLink {
  chainIndex: number;
  prevHash: string;
  hash: string;
  event: ChainedEvent | null;
}

/**
 * Walks the chain in order and returns the first broken position, or null if
 * it is intact: a gap in the indexes (a seal removed), a missing event, a
 * prevHash that is not the previous hash, or a hash that does not match the
 * event as stored now (the event was edited).
 */
export function findChainBreak(links: SealLink[], expectedPrev = GENESIS_HASH, firstIndex = 1): { chainIndex: number; reason: string } | null {
  let prev = expectedPrev;
  let index = firstIndex;
  for (const link of links) {
    if (Number(link.chainIndex) !== index) return { chainIndex: index, reason: 'seal_missing' };
    if (!link.event) return { chainIndex: index, reason: 'event_missing' };
    if (link.prevHash !== prev) return { chainIndex: index, reason: 'prev_hash_mismatch' };
    if (chainHash(prev, link.event) !== link.hash) return { chainIndex: index, reason: 'event_altered' };
    prev = link.hash;
    index++;
  }
  return null;
}
