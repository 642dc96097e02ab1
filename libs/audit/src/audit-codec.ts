import { random16 } from '@countycare/common';

/**
 * How the audit tables store ids (domain.md §7.5 "Storage"): a UUID as its
 * 16 bytes (BINARY(16) on MySQL, BLOB on SQLite) instead of 36 characters,
 * which halves the subject rows and shrinks every event. The API only ever
 * sees the usual lower-case text form.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The text form `uuidText` gives back: only that is packed, so every stored reference reads back exactly as written. */
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The 16 bytes of a UUID; throws on anything else (the `id` and subject columns hold nothing but UUIDs). */
export function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new TypeError(`not a UUID: ${JSON.stringify(id)}`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

export function uuidText(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A reference column (actor, institution, county, resource, context,
 * request): almost always a UUID, so a (lower-case) UUID takes its 16 bytes; any other
 * text is 0x00 followed by its UTF-8 (and one more 0x00 when that would
 * again be 16 bytes long), so only UUIDs are ever 16 bytes.
 */
export function packRef(value: string | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  if (CANONICAL_UUID.test(value)) return uuidBytes(value);
  if (value.includes('\u0000')) throw new TypeError('an audit reference cannot contain U+0000');
  const text = Buffer.from(value, 'utf8');
  return Buffer.concat([Buffer.from(text.length === 15 ? [0, 0] : [0]), text]);
}

export function unpackRef(bytes: Uint8Array | null | undefined): string | null {
  if (bytes === null || bytes === undefined) return null;
  const b = Buffer.from(bytes);
  if (b.length === 16) return uuidText(b);
  return b.subarray(b.length === 17 && b[1] === 0 ? 2 : 1).toString('utf8');
}

/** The millisecond a UUIDv7 was minted at (its first 48 bits). */
export function uuidV7Ms(id: Uint8Array): number {
  return Buffer.from(id).readUIntBE(0, 6);
}

/** The smallest UUIDv7 of a millisecond: ids compare as bytes in time order, so this bounds a time range. */
export function lowestIdAt(ms: number): Buffer {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(Math.max(0, Math.min(ms, 2 ** 48 - 1)), 0, 6);
  return bytes;
}

/** Instants as TypeORM stores `datetime` on both databases: UTC, millisecond precision. */
export function sqlInstant(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}

/** A stored instant back: MySQL's driver answers a Date (timezone 'Z'), SQLite the text `sqlInstant` wrote. */
export function readInstant(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

let lastMinted: Buffer = Buffer.alloc(16);

/**
 * The next audit event id of this process: a UUIDv7 of now, but always above
 * the one before (within a millisecond its random tail counts up, RFC 9562
 * §6.2 method 3). Ids leave in ascending order, so rows and subject rows are
 * appended at the end of their primary keys and their pages fill up instead
 * of splitting halfway.
 */
export function nextEventId(now: number = Date.now()): string {
  const bytes = random16();
  bytes.writeUIntBE(Math.min(now, 2 ** 48 - 1), 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  if (Buffer.compare(bytes, lastMinted) <= 0) {
    lastMinted.copy(bytes);
    for (let i = 15; i > 8; i--) if (++bytes[i] <= 0xff) break;
  }
  lastMinted = bytes;
  return uuidText(bytes);
}
