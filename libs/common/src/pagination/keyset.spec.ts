import { decodeCursor, encodeCursor } from './keyset';

describe('keyset cursors (api.md "Lists")', () => {
  it('round-trip the sort key values', () => {
    expect(decodeCursor(encodeCursor(['2026-01-01T00:00:00.000Z', 'id-1']), 2)).toEqual(['2026-01-01T00:00:00.000Z', 'id-1']);
  });

  it('a forged or foreign cursor is a 400 on the cursor field, never a 500', () => {
    for (const bad of ['%%%', Buffer.from('{"a":1}').toString('base64url'), encodeCursor(['only-one'])]) {
      expect(() => decodeCursor(bad, 2)).toThrow(expect.objectContaining({ status: 400, errors: [expect.objectContaining({ field: 'cursor' })] }));
    }
  });
});
