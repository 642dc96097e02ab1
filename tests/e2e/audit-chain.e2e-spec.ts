import { AuditService, decodeEvent, encodeValue, EVENT_COLUMN_LIST, EVENT_COLUMNS, uuidBytes, uuidText } from '@countycare/audit';
import { chainHash, GENESIS_HASH } from '@countycare/domain';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

/** A different value of the same kind, as someone with write access to the table would put there. */
function altered(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime() + 1000);
  if (typeof value === 'string') return value.slice(0, -1) + (value.endsWith('a') ? 'b' : 'a');
  if (value && typeof value === 'object') return { ...value, forged: true };
  return 'forged';
}

interface Report {
  intact: boolean;
  sealed: number;
  pending: number;
  firstBreak: { chainIndex: number; reason: string; firstEventId: string; lastEventId: string } | null;
}

/**
 * Every column of an audit event and every subject row is in the hash chain
 * (domain.md §7.5): edit each column in turn with raw SQL (the columns come
 * from the audit lib's own column list, so a column added later is covered
 * by this test without touching it), and add, remove and change subject
 * rows; verification reports the chain broken at the seal of that event's
 * batch, and intact again once the value is put back.
 */
describe('audit hash chain covers every column and every subject row (domain.md §7.5)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;
  const seal = () => t.app.get(AuditService).sealPending({ graceMs: 0 });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    admin = await w.as('admin');
    await seal();
    // Reads by a clinician in a batch of their own: rows with an actor name, institution, county, residents and request filled in.
    const gp = await w.as('gpA1');
    for (const id of [w.residents.A1, w.residents.A2]) expect((await t.http.get(`/api/v1/residents/${id}`).set('authorization', gp)).status).toBe(200);
    expect((await t.http.get('/api/v1/residents?limit=50').set('authorization', gp)).status).toBe(200);
    await seal();
  });
  afterAll(() => t.close());

  const verify = async (): Promise<Report> => {
    await seal();
    const res = await t.http.get('/api/v1/audit-events/verify').set('authorization', admin);
    expect(res.status).toBe(200);
    return res.body as Report;
  };
  const sealOf = async (eventId: Buffer): Promise<number> => {
    const [row] = await t.dataSource.query(
      'SELECT chain_index FROM audit_seals WHERE format = 3 AND first_event_id <= ? AND last_event_id >= ?', [eventId, eventId],
    );
    return Number(row.chain_index);
  };
  /** The stored events with their residents; `sealedOnly`: those the sealed chain covers now, `afterFirstBatch`: outside its first seal. */
  const events = async (options: { sealedOnly?: boolean; afterFirstBatch?: boolean } = {}) => {
    await seal();
    const [head] = await t.dataSource.query('SELECT MAX(last_event_id) AS last FROM audit_seals');
    const [first] = await t.dataSource.query('SELECT last_event_id AS last FROM audit_seals WHERE chain_index = 1');
    const rows = (await t.dataSource.query(`SELECT ${EVENT_COLUMN_LIST} FROM audit_events ORDER BY id`) as Array<Record<string, unknown>>)
      .filter((r) => !options.sealedOnly || Buffer.compare(r.id as Buffer, head.last) <= 0)
      .filter((r) => !options.afterFirstBatch || Buffer.compare(r.id as Buffer, first.last) > 0);
    const subjects: Array<{ event_id: Buffer; resident_id: Buffer }> = await t.dataSource.query('SELECT event_id, resident_id FROM audit_event_subjects');
    return rows.map((r) => ({
      raw: r,
      event: decodeEvent(r, subjects.filter((s) => Buffer.compare(s.event_id, r.id as Buffer) === 0).map((s) => uuidText(s.resident_id))),
    }));
  };

  it('new seals are batches of the current format', async () => {
    expect(await verify()).toMatchObject({ intact: true, firstBreak: null, pending: 0 });
    const formats: Array<{ format: number }> = await t.dataSource.query('SELECT DISTINCT format FROM audit_seals');
    expect(formats.map((r) => Number(r.format))).toEqual([3]);
    const [{ seals, events: sealed }] = await t.dataSource.query('SELECT COUNT(*) AS seals, SUM(event_count) AS events FROM audit_seals');
    expect(Number(seals)).toBeLessThan(Number(sealed));
  });

  it('editing any column of a sealed event is detected at its batch, and restoring it makes the chain intact', async () => {
    expect(await verify()).toMatchObject({ intact: true, firstBreak: null });
    const names = EVENT_COLUMNS.map((c) => c.column);
    expect(names).toEqual(expect.arrayContaining(['actor_name', 'actor_institution_id', 'county_id', 'actor_id', 'detail', 'at', 'id', 'request_id']));

    // The sealed event with the most columns filled, not one of the first batch.
    const all = await events({ sealedOnly: true, afterFirstBatch: true });
    const filled = (raw: Record<string, unknown>) => names.filter((n) => raw[n] !== null).length;
    const victim = all.reduce((best, e) => (filled(e.raw) > filled(best.raw) ? e : best), all[all.length - 1]);
    const id = victim.raw.id as Buffer;
    const chainIndex = await sealOf(id);
    expect(chainIndex).toBeGreaterThan(1);

    const results: Array<{ column: string; intact: boolean; chainIndex?: number; reason?: string; restored: boolean }> = [];
    for (const column of EVENT_COLUMNS) {
      const raw = victim.raw[column.column];
      // A changed id stays in its batch's range: one byte less at the end, the same millisecond.
      const value = column.kind === 'id'
        ? Buffer.from([...id.subarray(0, 15), id[15] === 0 ? 1 : id[15] - 1])
        : encodeValue(column.kind, altered(victim.event[column.field]));
      await t.dataSource.query(`UPDATE audit_events SET ${column.column} = ? WHERE id = ?`, [value, id]);
      // A forger changing an id takes its subject rows along.
      if (column.kind === 'id') await t.dataSource.query('UPDATE audit_event_subjects SET event_id = ? WHERE event_id = ?', [value, id]);
      const broken = await verify();
      await t.dataSource.query(`UPDATE audit_events SET ${column.column} = ? WHERE id = ?`, [raw, column.kind === 'id' ? value : id]);
      if (column.kind === 'id') await t.dataSource.query('UPDATE audit_event_subjects SET event_id = ? WHERE event_id = ?', [id, value]);
      results.push({
        column: column.column, intact: broken.intact, chainIndex: broken.firstBreak?.chainIndex, reason: broken.firstBreak?.reason,
        restored: (await verify()).intact,
      });
    }
    expect(results).toEqual(EVENT_COLUMNS.map((c) => ({ column: c.column, intact: false, chainIndex, reason: 'event_altered', restored: true })));
  });

  it('a subject row removed, added, changed or moved to another event, or one naming no event, is detected at its batch', async () => {
    const all = await events({ sealedOnly: true });
    const list = all.find((e) => e.event.residentIds.length > 1)!;
    const single = all.filter((e) => e.event.residentIds.length === 1).pop()!;
    expect(list.event.detail).toMatchObject({ via: 'search', count: list.event.residentIds.length });
    const listId = list.raw.id as Buffer;
    const [victim, other] = list.event.residentIds.map(uuidBytes);
    const moving = uuidBytes(list.event.residentIds.find((r) => !single.event.residentIds.includes(r))!);
    const chainIndex = await sealOf(listId);
    const stranger = uuidBytes(w.residents.B1);
    // An id of the same batch that no event has: the list event's, one less.
    const nowhere = Buffer.from(listId);
    for (let i = 15; i >= 6; i--) if (nowhere[i]-- > 0) break;
    const edits: Array<{ name: string; edit: string; params: unknown[]; undo: string; undoParams: unknown[]; reason: string; at?: number }> = [
      { name: 'removed', edit: 'DELETE FROM audit_event_subjects WHERE event_id = ? AND resident_id = ?', params: [listId, victim],
        undo: 'INSERT INTO audit_event_subjects (event_id, resident_id) VALUES (?, ?)', undoParams: [listId, victim], reason: 'event_altered' },
      { name: 'added', edit: 'INSERT INTO audit_event_subjects (event_id, resident_id) VALUES (?, ?)', params: [listId, stranger],
        undo: 'DELETE FROM audit_event_subjects WHERE event_id = ? AND resident_id = ?', undoParams: [listId, stranger], reason: 'event_altered' },
      { name: 'changed', edit: 'UPDATE audit_event_subjects SET resident_id = ? WHERE event_id = ? AND resident_id = ?', params: [stranger, listId, other],
        undo: 'UPDATE audit_event_subjects SET resident_id = ? WHERE event_id = ? AND resident_id = ?', undoParams: [other, listId, stranger],
        reason: 'event_altered' },
      { name: 'moved', edit: 'UPDATE audit_event_subjects SET event_id = ? WHERE event_id = ? AND resident_id = ?', params: [single.raw.id, listId, moving],
        undo: 'UPDATE audit_event_subjects SET event_id = ? WHERE event_id = ? AND resident_id = ?', undoParams: [listId, single.raw.id, moving],
        reason: 'event_altered', at: Math.min(chainIndex, await sealOf(single.raw.id as Buffer)) },
      { name: 'orphan', edit: 'INSERT INTO audit_event_subjects (event_id, resident_id) VALUES (?, ?)', params: [nowhere, stranger],
        undo: 'DELETE FROM audit_event_subjects WHERE event_id = ? AND resident_id = ?', undoParams: [nowhere, stranger], reason: 'subject_orphan' },
    ];
    const results = [];
    for (const e of edits) {
      await t.dataSource.query(e.edit, e.params);
      const broken = await verify();
      await t.dataSource.query(e.undo, e.undoParams);
      results.push({ name: e.name, chainIndex: broken.firstBreak?.chainIndex, reason: broken.firstBreak?.reason, restored: (await verify()).intact });
    }
    expect(results).toEqual(edits.map((e) => ({
      name: e.name, chainIndex: e.at ?? chainIndex, reason: e.reason, restored: true,
    })));
  });

  it('an event removed from or added to a sealed batch is found at that batch, with the range it covers', async () => {
    const all = await events({ sealedOnly: true });
    const victim = all[all.length - 1];
    const id = victim.raw.id as Buffer;
    const chainIndex = await sealOf(id);
    const [sealRow] = await t.dataSource.query('SELECT first_event_id, last_event_id FROM audit_seals WHERE chain_index = ?', [chainIndex]);
    const values = EVENT_COLUMNS.map((c) => victim.raw[c.column]);
    const subjects = victim.event.residentIds.map(uuidBytes);
    await t.dataSource.query('DELETE FROM audit_event_subjects WHERE event_id = ?', [id]);
    await t.dataSource.query('DELETE FROM audit_events WHERE id = ?', [id]);
    const removed = await verify();
    // A copy under an id just below it: inside the same batch's range.
    const copy = Buffer.from(id);
    for (let i = 15; i >= 6; i--) if (copy[i]-- > 0) break;
    await t.dataSource.query(`INSERT INTO audit_events (${EVENT_COLUMN_LIST}) VALUES (${values.map(() => '?').join(', ')})`, values);
    for (const r of subjects) await t.dataSource.query('INSERT INTO audit_event_subjects (event_id, resident_id) VALUES (?, ?)', [id, r]);
    const restored = await verify();
    await t.dataSource.query(`INSERT INTO audit_events (${EVENT_COLUMN_LIST}) VALUES (${values.map(() => '?').join(', ')})`, [copy, ...values.slice(1)]);
    const added = await verify();
    await t.dataSource.query('DELETE FROM audit_events WHERE id = ?', [copy]);
    expect({ removed: removed.firstBreak, restored: restored.intact, added: added.firstBreak }).toEqual({
      removed: { chainIndex, reason: 'event_missing', firstEventId: uuidText(sealRow.first_event_id), lastEventId: uuidText(sealRow.last_event_id) },
      restored: true,
      added: { chainIndex, reason: 'event_added', firstEventId: uuidText(sealRow.first_event_id), lastEventId: uuidText(sealRow.last_event_id) },
    });
    expect((await verify()).intact).toBe(true);
  });

  it("a forged actor name in the resident's access log is exposed by verification", async () => {
    const [row] = await t.dataSource.query(
      "SELECT e.id, e.actor_name FROM audit_events e JOIN audit_event_subjects s ON s.event_id = e.id WHERE s.resident_id = ? AND e.action = 'read' "
        + 'ORDER BY e.id DESC LIMIT 1',
      [uuidBytes(w.residents.A2)],
    );
    await t.dataSource.query('UPDATE audit_events SET actor_name = ? WHERE id = ?', ['院长', row.id]);
    try {
      const log = await t.http.get('/api/v1/me/access-log').set('authorization', await w.as('resA2'));
      expect(log.body.items.map((i: { actorName: string }) => i.actorName)).toContain('院长');
      expect((await verify()).intact).toBe(false);
    } finally {
      await t.dataSource.query('UPDATE audit_events SET actor_name = ? WHERE id = ?', [row.actor_name, row.id]);
    }
    expect((await verify()).intact).toBe(true);
  });

  it('per-event seals of an existing deployment (formats 1 and 2) still verify, and sealing goes on in batches after them', async () => {
    // The chain as the release before issue #10 wrote it: one seal per event, the first half in format 1, then format 2.
    const stored = await events({ sealedOnly: true });
    const all = stored.filter((e) => e.event.residentIds.length <= 1);
    await t.dataSource.query('DELETE FROM audit_seals');
    for (const { raw, event } of stored) {
      if (event.residentIds.length > 1) {
        await t.dataSource.query('DELETE FROM audit_event_subjects WHERE event_id = ?', [raw.id]);
        await t.dataSource.query('DELETE FROM audit_events WHERE id = ?', [raw.id]);
      }
    }
    let prev = GENESIS_HASH;
    for (const [i, { raw, event }] of all.entries()) {
      const format = i < all.length / 2 ? 1 : 2;
      const hash = chainHash(prev, event, format);
      await t.dataSource.query(
        'INSERT INTO audit_seals (chain_index, format, first_event_id, last_event_id, event_count, prev_hash, hash, sealed_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)',
        [i + 1, format, raw.id, raw.id, prev, hash, '2026-01-01 00:00:00.000'],
      );
      prev = hash;
    }
    expect(await verify()).toMatchObject({ intact: true, sealed: all.length });
    expect((await t.http.get(`/api/v1/residents?limit=50`).set('authorization', await w.as('countyAdminA'))).status).toBe(200);
    expect(await verify()).toMatchObject({ intact: true, firstBreak: null, pending: 0 });
    const formats: Array<{ format: number }> = await t.dataSource.query('SELECT DISTINCT format FROM audit_seals ORDER BY format');
    expect(formats.map((r) => Number(r.format))).toEqual([1, 2, 3]);
    // Format 1 left the actor's name out (undetectable there, as before); format 2 covers it.
    const late = all[all.length - 1].raw;
    await t.dataSource.query('UPDATE audit_events SET actor_name = ? WHERE id = ?', ['forged', late.id]);
    expect((await verify()).firstBreak).toMatchObject({ chainIndex: all.length, reason: 'event_altered' });
    await t.dataSource.query('UPDATE audit_events SET actor_name = ? WHERE id = ?', [late.actor_name, late.id]);
    const early = all[0].raw;
    await t.dataSource.query('UPDATE audit_events SET actor_name = ? WHERE id = ?', ['forged', early.id]);
    expect((await verify()).intact).toBe(true);
    await t.dataSource.query('UPDATE audit_events SET actor_name = ? WHERE id = ?', [early.actor_name, early.id]);
    // ...but a second resident on a format-1 event cannot be what was sealed.
    await t.dataSource.query('INSERT INTO audit_event_subjects (event_id, resident_id) VALUES (?, ?)', [early.id, uuidBytes(w.residents.B1)]);
    expect((await verify()).firstBreak).toMatchObject({ chainIndex: 1, reason: 'event_altered' });
    await t.dataSource.query('DELETE FROM audit_event_subjects WHERE event_id = ? AND resident_id = ?', [early.id, uuidBytes(w.residents.B1)]);
    expect((await verify()).intact).toBe(true);
  });
});
