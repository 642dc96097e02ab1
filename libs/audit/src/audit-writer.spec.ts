import { Metrics } from '@countycare/common';
import { Sql, TransactionRunner } from '@countycare/database';
import type { AuditDb } from './audit-db';
import { AuditEventDraft } from './audit-event';
import { AuditWriter } from './audit-writer';

const draft = (resourceType: string, residents = 1): AuditEventDraft => ({
  at: new Date(), actorId: null, actorName: 'x', actorRole: 'gp', actorInstitutionId: null, countyId: null, action: 'read', resourceType,
  resourceId: null, contextId: null, residentIds: Array.from({ length: residents }, (_, i) => `019a0000-0000-7000-8000-${String(i).padStart(12, '0')}`),
  residentRef: null, purpose: 'treatment', outcome: 'success', ip: null, requestId: null, detail: null,
});

/**
 * The embedded database's side of the writer: one transaction at a time
 * (TransactionRunner's mutex), each taking `ms`, statements recorded, and
 * an INSERT naming a resource type 'bad' failing as a too-long value would.
 */
function fakeSqlite(ms = 15, unavailable = false) {
  const statements: Array<{ sql: string; params: unknown[] }> = [];
  const commits: number[] = [];
  let tail: Promise<unknown> = Promise.resolve();
  const em = {
    query: async (sql: string, params: unknown[]) => {
      if (unavailable) throw Object.assign(new Error('SQLITE_CANTOPEN: unable to open database file'), { code: 'SQLITE_CANTOPEN' });
      if (sql.startsWith('INSERT INTO audit_events') && params.includes('bad')) throw new Error('Data too long for column');
      statements.push({ sql, params });
      return [];
    },
  };
  const tx = {
    isSqlite: true,
    run: <T>(work: (m: typeof em) => Promise<T>) => {
      const result = tail.then(async () => {
        const out = await work(em);
        await new Promise((r) => setTimeout(r, ms));
        commits.push(statements.length);
        return out;
      });
      tail = result.catch(() => undefined);
      return result;
    },
  };
  const metrics = new Metrics();
  const writer = new AuditWriter({ tx, isSqlite: true } as unknown as AuditDb, metrics, new Sql(tx as unknown as TransactionRunner));
  const batches = async () => {
    const metric = await metrics.registry.getSingleMetric('countycare_audit_batch_rows')!.get();
    const value = (name: string) => (metric.values as Array<{ metricName?: string; value: number }>).find((v) => v.metricName === name)?.value ?? 0;
    return { count: value('countycare_audit_batch_rows_count'), rows: value('countycare_audit_batch_rows_sum') };
  };
  const eventInserts = () => statements.filter((s) => s.sql.startsWith('INSERT INTO audit_events'));
  return { writer, statements, commits, batches, eventInserts };
}

describe('audit group commit (domain.md §7.5 "Durability")', () => {
  it('an idle writer writes at once; callers arriving while an INSERT is in flight leave together in the next one', async () => {
    const db = fakeSqlite();
    await db.writer.write([draft('resident')]);
    expect(await db.batches()).toEqual({ count: 1, rows: 1 });

    const first = db.writer.write([draft('resident')]);
    await new Promise((r) => setImmediate(r));
    const queued = Array.from({ length: 9 }, (_, i) => db.writer.write([draft('contract', i + 1)]));
    await Promise.all([first, ...queued]);
    expect(await db.batches()).toEqual({ count: 3, rows: 11 });
    // One multi-row INSERT per batch into each table: 9 events, then 45 subject rows (1 + 2 + … + 9).
    const last = db.statements.slice(-2);
    expect(last.map((s) => [s.sql.split(' VALUES ')[0], (s.sql.match(/\(\?/g) ?? []).length])).toEqual([
      [expect.stringContaining('INSERT INTO audit_events ('), 9],
      ['INSERT INTO audit_event_subjects (event_id, resident_id)', 45],
    ]);
  });

  it("a caller's promise settles only once its batch committed", async () => {
    const db = fakeSqlite(30);
    let settled = -1;
    await db.writer.write([draft('resident')]).then(() => (settled = db.commits.length));
    expect(settled).toBe(1);
  });

  it("one caller's bad row fails that caller alone; the others it was batched with are written", async () => {
    const db = fakeSqlite();
    const first = db.writer.write([draft('resident')]);
    await new Promise((r) => setImmediate(r));
    const results = await Promise.allSettled([first, db.writer.write([draft('bad')]), db.writer.write([draft('contract')]), db.writer.write([draft('referral')])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(db.eventInserts().map((s) => s.params.find((p) => ['resident', 'contract', 'referral'].includes(p as string)))).toEqual(['resident', 'contract', 'referral']);
  });

  it('a database that is away fails every queued caller (the request answers 503) without retrying them one by one', async () => {
    const db = fakeSqlite(5, true);
    const results = await Promise.allSettled([db.writer.write([draft('a')]), db.writer.write([draft('b')]), db.writer.write([draft('c')])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(db.statements).toEqual([]);
    await db.writer.beforeApplicationShutdown();
  });

  it('shutdown waits for what is queued and in flight', async () => {
    const db = fakeSqlite(20);
    let done = 0;
    for (const w of [db.writer.write([draft('a')]), db.writer.write([draft('b')])]) void w.then(() => done++);
    await db.writer.beforeApplicationShutdown();
    await new Promise((r) => setImmediate(r));
    expect({ done, rows: db.eventInserts().reduce((n, s) => n + (s.sql.match(/\(\?/g) ?? []).length, 0) }).toEqual({ done: 2, rows: 2 });
  });
});
