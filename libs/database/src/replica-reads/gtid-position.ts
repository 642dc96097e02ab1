/**
 * A MariaDB GTID position, `domain-server-sequence` per replication domain
 * (`0-1-4711,1-3-20`): the last transaction of each domain a server has
 * written (the primary's @@gtid_binlog_pos) or applied (a replica's
 * @@gtid_slave_pos). Sequence numbers only grow within a domain, whichever
 * server wrote them, so positions compare domain by domain.
 */
export type GtidPosition = ReadonlyMap<number, bigint>;

const ENTRY = /^(\d+)-(\d+)-(\d+)$/;

export function parseGtidPosition(text: string): GtidPosition {
  const position = new Map<number, bigint>();
  for (const entry of text.split(',').map((e) => e.trim()).filter((e) => e !== '')) {
    const match = ENTRY.exec(entry);
    if (!match) throw new Error(`not a GTID position: "${text}"`);
    const domain = Number(match[1]);
    const sequence = BigInt(match[3]);
    if ((position.get(domain) ?? -1n) < sequence) position.set(domain, sequence);
  }
  return position;
}

/** Whether a replica at `applied` has applied every transaction of `written` (the primary's position at some moment). */
export function hasApplied(applied: GtidPosition, written: GtidPosition): boolean {
  for (const [domain, sequence] of written) {
    if ((applied.get(domain) ?? -1n) < sequence) return false;
  }
  return true;
}
