import { AuditEvent, AuditSeal } from '@countycare/audit';
import { chainHash, CURRENT_CHAIN_FORMAT, GENESIS_HASH } from '@countycare/domain';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

/** A different value of the same kind, as someone with write access to the table would put there. */
function altered(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime() + 1000);
  if (typeof value === 'string') return value.slice(0, -1) + (value.endsWith('x') ? 'y' : 'x');
  if (value && typeof value === 'object') return { ...value, forged: true };
  return 'forged';
}

/**
 * Every column of an audit row is in the hash chain: edit each one in turn
 * with raw SQL (the columns come from the entity, so a column added later is
 * covered by this test without touching it) and verification reports the
 * chain broken at that event's seal; put it back and it is intact again.
 */
describe('audit hash chain covers every column (domain.md §7.5)', () => {
  let t: TestApp;
  let w: World;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    admin = await w.as('admin');
    // Reads by a clinician: rows with an actor name, institution, county, resident and request filled in.
    for (const id of [w.residents.A1, w.residents.A2]) {
      expect((await t.http.get(`/api/v1/residents/${id}`).set('authorization', await w.as('gpA1'))).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  const verify = async () => {
    const res = await t.http.get('/api/v1/audit-events/verify').set('authorization', admin);
    expect(res.status).toBe(200);
    return res.body as { intact: boolean; sealed: number; firstBreak: { chainIndex: number; reason: string } | null };
  };

  it('new seals are written in the current format', async () => {
    expect((await verify()).intact).toBe(true);
    const formats = await t.dataSource.getRepository(AuditSeal).createQueryBuilder('s').select('DISTINCT s.format', 'format').getRawMany();
    expect(formats.map((r) => Number(r.format))).toEqual([CURRENT_CHAIN_FORMAT]);
  });

  it('editing any column of a sealed event is detected at its chain index, and restoring it makes the chain intact', async () => {
    const report = await verify();
    expect(report).toMatchObject({ intact: true, firstBreak: null });
    const columns: ColumnMetadata[] = t.dataSource.getMetadata(AuditEvent).columns;
    const names = columns.map((c) => c.databaseName);
    expect(names).toEqual(expect.arrayContaining(['actor_name', 'actor_institution_id', 'county_id', 'actor_id', 'detail', 'at', 'id']));

    // The sealed event with the most columns filled, not the first of the chain.
    const events = await t.dataSource.getRepository(AuditEvent).find({ order: { id: 'ASC' } });
    const filled = (e: AuditEvent) => columns.filter((c) => c.getEntityValue(e) !== null).length;
    const victim = events.slice(1).reduce((best, e) => (filled(e) > filled(best) ? e : best));
    const seal = await t.dataSource.getRepository(AuditSeal).findOneByOrFail({ eventId: victim.id });
    const chainIndex = Number(seal.chainIndex);
    expect(chainIndex).toBeGreaterThan(1);

    const table = t.dataSource.driver.escape('audit_events');
    const results: Array<{ column: string; intact: boolean; chainIndex?: number; reason?: string; restored: boolean }> = [];
    for (const column of columns) {
      const name = t.dataSource.driver.escape(column.databaseName);
      const [{ v: raw }] = await t.dataSource.query(`SELECT ${name} AS v FROM ${table} WHERE id = ?`, [victim.id]);
      // A changed id is a new, unsealed row to the sealer; one from long ago stays outside the window it seals from.
      const value = column.propertyName === 'id' ? '00000000-0000-7000-8000-00000000f04d' : altered(column.getEntityValue(victim));
      const forged = t.dataSource.driver.preparePersistentValue(value, column);
      await t.dataSource.query(`UPDATE ${table} SET ${name} = ? WHERE id = ?`, [forged, victim.id]);
      const broken = await verify();
      const idNow = column.propertyName === 'id' ? forged : victim.id;
      await t.dataSource.query(`UPDATE ${table} SET ${name} = ? WHERE id = ?`, [raw, idNow]);
      results.push({
        column: column.databaseName, intact: broken.intact, chainIndex: broken.firstBreak?.chainIndex, reason: broken.firstBreak?.reason,
        restored: (await verify()).intact,
      });
    }
    // A changed id leaves the seal pointing at no event; any other edit no longer matches the seal's hash.
    expect(results).toEqual(columns.map((c) => ({
      column: c.databaseName, intact: false, chainIndex, reason: c.propertyName === 'id' ? 'event_missing' : 'event_altered', restored: true,
    })));
  });

  it("a forged actor name in the resident's access log is exposed by verification", async () => {
    const [row] = await t.dataSource.getRepository(AuditEvent).find({ where: { residentId: w.residents.A2, action: 'read' }, order: { id: 'DESC' }, take: 1 });
    await t.dataSource.getRepository(AuditEvent).update({ id: row.id }, { actorName: '院长' });
    try {
      const log = await t.http.get('/api/v1/me/access-log').set('authorization', await w.as('resA2'));
      expect(log.body.items.map((i: { actorName: string }) => i.actorName)).toContain('院长');
      expect((await verify()).intact).toBe(false);
    } finally {
      await t.dataSource.getRepository(AuditEvent).update({ id: row.id }, { actorName: row.actorName });
    }
    expect((await verify()).intact).toBe(true);
  });

  it('seals an existing deployment wrote in format 1 still verify, and sealing goes on in the current format', async () => {
    await verify();
    const seals = await t.dataSource.getRepository(AuditSeal).find({ order: { chainIndex: 'ASC' } });
    const events = new Map((await t.dataSource.getRepository(AuditEvent).find()).map((e) => [e.id, e]));
    let prev = GENESIS_HASH;
    for (const seal of seals) {
      const hash = chainHash(prev, events.get(seal.eventId)!, 1);
      await t.dataSource.getRepository(AuditSeal).update({ chainIndex: seal.chainIndex }, { prevHash: prev, hash, format: 1 });
      prev = hash;
    }
    expect((await t.http.get(`/api/v1/residents/${w.residents.A3}`).set('authorization', await w.as('countyAdminA'))).status).toBe(200);
    expect(await verify()).toMatchObject({ intact: true, firstBreak: null });
    const formats = await t.dataSource.getRepository(AuditSeal).createQueryBuilder('s').select('DISTINCT s.format', 'format').getRawMany();
    expect(formats.map((r) => Number(r.format)).sort()).toEqual([1, CURRENT_CHAIN_FORMAT]);
  });
});
