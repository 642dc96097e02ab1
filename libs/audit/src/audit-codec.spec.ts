import { isUuid, lowestIdAt, nextEventId, packRef, readInstant, sqlInstant, unpackRef, uuidBytes, uuidText, uuidV7Ms } from './audit-codec';

describe('audit id encoding (domain.md §7.5 "Storage")', () => {
  it('a UUID is stored as its 16 bytes and reads back in its lower-case text form', () => {
    const id = '019a2b3c-4d5e-7f60-8a1b-2c3d4e5f6071';
    expect(uuidBytes(id)).toHaveLength(16);
    expect(uuidText(uuidBytes(id))).toBe(id);
    expect(() => uuidBytes('not-a-uuid')).toThrow(TypeError);
  });

  it('a reference reads back exactly as written, whatever it holds; only a canonical UUID takes 16 bytes', () => {
    const values = [
      '019a2b3c-4d5e-7f60-8a1b-2c3d4e5f6071', '019A2B3C-4D5E-7F60-8A1B-2C3D4E5F6071', 'job:referrals', '', 'x',
      'fifteen-chars-x', 'sixteen-chars-xx', '陈医生的请求', 'a'.repeat(64),
    ];
    for (const value of values) expect({ value, back: unpackRef(packRef(value)) }).toEqual({ value, back: value });
    expect(packRef('019a2b3c-4d5e-7f60-8a1b-2c3d4e5f6071')).toHaveLength(16);
    expect(packRef('019A2B3C-4D5E-7F60-8A1B-2C3D4E5F6071')!.length).not.toBe(16);
    expect(packRef('fifteen-chars-x')).toHaveLength(17);
    expect(packRef(null)).toBeNull();
    expect(unpackRef(null)).toBeNull();
    expect(() => packRef('a\u0000b')).toThrow(TypeError);
  });

  it('ids of one process ascend, within a millisecond too, and compare as bytes in time order', () => {
    const now = Date.now();
    const ids = Array.from({ length: 5_000 }, () => nextEventId(now));
    const bytes = ids.map(uuidBytes);
    for (let i = 1; i < bytes.length; i++) expect(Buffer.compare(bytes[i - 1], bytes[i])).toBe(-1);
    expect(ids.every((id) => isUuid(id) && id[14] === '7')).toBe(true);
    expect(uuidV7Ms(bytes[0])).toBe(now);
    // A clock that steps back does not step the ids back.
    expect(Buffer.compare(uuidBytes(nextEventId(now - 60_000)), bytes[bytes.length - 1])).toBe(1);
    expect(Buffer.compare(lowestIdAt(now), bytes[0])).toBe(-1);
    expect(Buffer.compare(lowestIdAt(now + 1), bytes[bytes.length - 1])).toBe(1);
  });

  it('instants travel as UTC text and come back from either driver', () => {
    const at = new Date('2026-12-01T08:09:10.123Z');
    expect(sqlInstant(at)).toBe('2026-12-01 08:09:10.123');
    expect(readInstant(sqlInstant(at))).toEqual(at);
    expect(readInstant(at)).toBe(at);
  });
});
