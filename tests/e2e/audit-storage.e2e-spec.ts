import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import {
  AuditDb, AuditEvent, AuditPartitions, AuditService, AUDIT_TABLES, auditDrafts, EVENT_COLUMN_LIST, EVENT_COLUMNS, eventRow,
  lowestIdAt, mysqlAuditDdl, packRef, readManifests, SQLITE_AUDIT_DDL, uuidBytes, verifyAuditArchive,
} from '@countycare/audit';
import { Metrics, newId } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import { addAuditMonths, auditMonthEnd, auditMonthOf, auditMonthStart } from '@countycare/domain';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { WorkerSchedule } from '../../apps/worker/src/worker-schedule';
import { startTestApp, TestApp } from '../fixtures/test-app';
import { buildWorld, World } from '../fixtures/world';

const count = async (t: TestApp, table: string) => Number((await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

/** Rows per request type, bytes per month: the compact shape (domain.md §7.5 "Storage"). */
describe('audit storage: one event per request, subject rows per resident (domain.md §7.5)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const rows = async () => ({ events: await count(t, 'audit_events'), subjects: await count(t, 'audit_event_subjects') });

  it('a list page is one event naming every listed resident, and each of them finds it in their access log', async () => {
    const gp = await w.as('gpA1');
    const before = await rows();
    const list = await t.http.get('/api/v1/residents?limit=50').set('authorization', gp).set('x-request-id', 'list-page-1');
    expect(list.status).toBe(200);
    const listed = list.body.items.map((r: { id: string }) => r.id).sort();
    expect(listed).toEqual([w.residents.A1, w.residents.A2, w.residents.A3].sort());
    expect(await rows()).toEqual({ events: before.events + 1, subjects: before.subjects + 3 });

    for (const who of ['resA1', 'resA2', 'resA3'] as const) {
      const log = await t.http.get('/api/v1/me/access-log').set('authorization', await w.as(who));
      expect({ who, entry: log.body.items[0] }).toEqual({
        who, entry: { at: expect.any(String), actorName: 'gpA1', actorRole: 'gp', actorInstitutionId: w.townA1, actorInstitutionName: '城关镇卫生院', action: 'read', resourceType: 'resident',
          via: 'search', purpose: 'treatment', revealReason: null, outcome: 'success' },
      });
    }
    const audit = await t.http.get(`/api/v1/audit-events?residentId=${w.residents.A2}&actorId=${w.staff.gpA1}`).set('authorization', await w.as('countyAdminA'));
    expect(audit.body.items[0]).toMatchObject({
      action: 'read', resourceType: 'resident', resourceId: null, residentId: null, residentIds: listed, countyId: w.countyA,
      requestId: 'list-page-1', detail: { via: 'search', count: 3 },
    });
  });

  it('a detail read and a change are one event and one subject row each', async () => {
    const before = await rows();
    expect((await t.http.get(`/api/v1/residents/${w.residents.A1}`).set('authorization', await w.as('gpA1'))).status).toBe(200);
    expect(await rows()).toEqual({ events: before.events + 1, subjects: before.subjects + 1 });
    const patched = await t.http.patch(`/api/v1/residents/${w.residents.A3}`).set('authorization', await w.as('countyAdminA')).send({ householdNo: 'H-77' });
    expect(patched.status).toBe(200);
    expect(await rows()).toEqual({ events: before.events + 2, subjects: before.subjects + 2 });
    const audit = await t.http.get(`/api/v1/audit-events?residentId=${w.residents.A3}&limit=1`).set('authorization', await w.as('admin'));
    expect(audit.body.items[0]).toMatchObject({ action: 'update', resourceId: w.residents.A3, residentId: w.residents.A3, residentIds: [w.residents.A3] });
  });

  it('concurrent reads are committed together, several requests per INSERT, and every answered one is audited', async () => {
    const metric = async () => {
      const values = (await t.app.get(Metrics).registry.getSingleMetric('countycare_audit_batch_rows')!.get()).values;
      const value = (name: string) => (values as Array<{ metricName?: string; value: number }>).find((v) => v.metricName === name)?.value ?? 0;
      return { batches: value('countycare_audit_batch_rows_count'), rows: value('countycare_audit_batch_rows_sum') };
    };
    const gp = await w.as('gpA1');
    const before = await metric();
    const ids = Array.from({ length: 40 }, (_, i) => `group-${i}`);
    const reads = () => Promise.all(ids.map((id, i) =>
      t.http.get(`/api/v1/residents/${[w.residents.A1, w.residents.A2, w.residents.A3][i % 3]}`).set('authorization', gp).set('x-request-id', id)));
    let answers: Awaited<ReturnType<typeof reads>>;
    if (t.flavor === 'sqlite') {
      // better-sqlite3 commits synchronously, so an idle writer is idle again before the next request reaches it; reads
      // group while another write holds TransactionRunner's mutex (a sign-in, a change): one is held here meanwhile.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const writer = t.app.get(TransactionRunner).run(() => held);
      const pending = reads();
      await new Promise((r) => setTimeout(r, 300));
      release();
      await writer;
      answers = await pending;
    } else {
      answers = await reads();
    }
    expect(answers.map((a) => a.status)).toEqual(ids.map(() => 200));
    const after = await metric();
    expect(after.rows - before.rows).toBe(40);
    expect((after.rows - before.rows) / (after.batches - before.batches)).toBeGreaterThan(1);
    const stored: Array<{ request_id: Buffer }> = await t.dataSource.query(
      `SELECT request_id FROM audit_events WHERE request_id IN (${ids.map(() => '?').join(', ')})`, ids.map((id) => packRef(id)),
    );
    expect(stored).toHaveLength(40);
  });

  it('reads the log by resident, actor, time and county scope, newest first, in keyset pages', async () => {
    const admin = await w.as('admin');
    // Reading the log by resident is itself audited, naming them: those reads are left out of the comparison.
    const logged = (items: AuditEvent[]) => items.filter((e) => e.resourceType !== 'audit_log');
    const all = logged((await t.http.get(`/api/v1/audit-events?residentId=${w.residents.A1}&limit=200`).set('authorization', admin)).body.items);
    expect(all.length).toBeGreaterThan(5);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort().reverse());
    expect(all.every((e) => e.residentIds.includes(w.residents.A1))).toBe(true);
    const pages: string[] = [];
    for (let cursor: string | null = null, i = 0; i < 6; i++) {
      const page: { body: { items: AuditEvent[]; nextCursor: string | null } } = await t.http
        .get(`/api/v1/audit-events?residentId=${w.residents.A1}&limit=2${cursor ? `&cursor=${cursor}` : ''}`).set('authorization', admin);
      expect(page.body.items).toHaveLength(2);
      pages.push(...logged(page.body.items).map((e: AuditEvent) => e.id));
      cursor = page.body.nextCursor;
    }
    expect(pages).toEqual(all.slice(0, pages.length).map((e) => e.id));
    expect(pages.length).toBeGreaterThan(4);
    const middle = all[3];
    const window = (await t.http.get(`/api/v1/audit-events?residentId=${w.residents.A1}&from=${middle.at}&to=${new Date(Date.parse(middle.at as unknown as string) + 1).toISOString()}`)
      .set('authorization', admin)).body.items as AuditEvent[];
    expect(window.map((e) => e.id)).toContain(middle.id);
    expect(window.every((e) => e.at === middle.at)).toBe(true);
    const byActor = (await t.http.get(`/api/v1/audit-events?actorId=${w.staff.gpA1}&limit=200`).set('authorization', admin)).body.items as AuditEvent[];
    expect(byActor.length).toBeGreaterThan(40);
    expect(byActor.every((e) => e.actorId === w.staff.gpA1)).toBe(true);
    const countyB = (await t.http.get('/api/v1/audit-events?limit=200').set('authorization', await w.as('countyAdminB'))).body.items as AuditEvent[];
    expect(countyB.length).toBeGreaterThan(0);
    expect(countyB.every((e) => e.countyId === w.countyB)).toBe(true);
    expect((await t.http.get('/api/v1/audit-events?residentId=not-an-id').set('authorization', admin)).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/audit-events?cursor=WyJ4Il0').set('authorization', admin)).status).toBe(400);
  });

  it('the audit tables are what libs/audit declares: on MySQL as the migrations built them, partitioned by month; on SQLite unpartitioned', async () => {
    if (t.flavor === 'sqlite') {
      const tables: Array<{ sql: string }> = await t.dataSource.query("SELECT sql FROM sqlite_master WHERE name LIKE 'audit_%' OR name LIKE 'ix_audit_%' ORDER BY name");
      expect(tables.map((r) => r.sql).sort()).toEqual(SQLITE_AUDIT_DDL.map((d) => d.replace(' IF NOT EXISTS', '')).sort());
      expect(await t.app.get(AuditPartitions).partitions('audit_events')).toEqual([]);
      return;
    }
    const partitions = await t.app.get(AuditPartitions).partitions('audit_events');
    expect(partitions[partitions.length - 1]).toEqual({ name: 'pmax', bound: null });
    const month = auditMonthOf(Date.now());
    expect(partitions.map((p) => p.name)).toEqual(expect.arrayContaining([0, 1, 2, 3].map((i) => `p${addAuditMonths(month, i).replace('-', '')}`)));
    expect((await t.app.get(AuditPartitions).partitions('audit_event_subjects')).map((p) => p.name)).toEqual(partitions.map((p) => p.name));
    // The same DDL in a scratch database, with the partitions the migration created: SHOW CREATE TABLE must agree.
    const [{ db }] = await t.dataSource.query('SELECT DATABASE() AS db');
    const scratch = `${db}_ddl`;
    await t.dataSource.query(`CREATE DATABASE \`${scratch}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    try {
      const clauses = partitions.filter((p) => p.bound).map((p) => `PARTITION ${p.name} VALUES LESS THAN (X'${p.bound!.toString('hex')}')`);
      for (const ddl of mysqlAuditDdl(clauses)) await t.dataSource.query(ddl.replace('CREATE TABLE `', `CREATE TABLE \`${scratch}\`.\``));
      for (const table of AUDIT_TABLES) {
        const [migrated] = await t.dataSource.query(`SHOW CREATE TABLE \`${db}\`.\`${table}\``);
        const declared = (await t.dataSource.query(`SHOW CREATE TABLE \`${scratch}\`.\`${table}\``))[0];
        expect({ table, ddl: migrated['Create Table'] }).toEqual({ table, ddl: declared['Create Table'] });
      }
    } finally {
      await t.dataSource.query(`DROP DATABASE \`${scratch}\``);
    }
  });

  it('the worker creates the months ahead, once (MySQL); a query by resident stays on its index', async () => {
    const parts = t.app.get(AuditPartitions);
    if (t.flavor === 'sqlite') {
      expect(await parts.ensureAhead(new Date(), 3)).toEqual([]);
      return;
    }
    expect(await parts.ensureAhead(new Date(), 3)).toEqual([]);
    // A month on, the month three months ahead of that one is added.
    const later = new Date(auditMonthStart(addAuditMonths(auditMonthOf(Date.now()), 1)));
    const added = await parts.ensureAhead(later, 3);
    const expected = addAuditMonths(auditMonthOf(later.getTime()), 3).replace('-', '');
    expect(added).toEqual([`audit_events.p${expected}`, `audit_event_subjects.p${expected}`]);
    expect(await parts.ensureAhead(later, 3)).toEqual([]);
    const plan: Array<{ key: string | null; table: string }> = await t.dataSource.query(
      'EXPLAIN SELECT e.id FROM audit_event_subjects s JOIN audit_events e ON e.id = s.event_id WHERE s.resident_id = ? ORDER BY s.event_id DESC LIMIT 21',
      [uuidBytes(w.residents.A1)],
    );
    expect(plan.map((p) => [p.table, p.key])).toEqual([['s', 'ix_audit_subject_resident'], ['e', 'PRIMARY']]);
  });
});

/**
 * Retention and the archive (domain.md §7.5 "Retention"): months older than
 * every county's audit.retentionMonths leave the database for an archive
 * file, and the chain stays verifiable across it.
 */
describe('audit retention: old months are archived and dropped, the chain verifiable across the archive', () => {
  let t: TestApp;
  let w: World;
  let worker: INestApplicationContext;
  const dir = mkdtempSync(join(tmpdir(), 'cc-audit-archive-'));
  const now = Date.now();
  const month = (back: number) => addAuditMonths(auditMonthOf(now), -back);
  const old: Record<string, number> = {};

  /** Events of an earlier month, as the API wrote them then: reads of the residents, two per day for a few days. */
  async function writeMonth(back: number, residents: string[]): Promise<void> {
    const start = auditMonthStart(month(back)) + 3 * 86_400_000;
    const actor = { userId: newId(), displayName: '旧医生', role: 'gp' as const, requestId: 'old', ip: '10.0.0.9' };
    let n = 0;
    for (let day = 0; day < 3; day++) {
      for (const [i, list] of [residents.slice(0, 1), residents].entries()) {
        const at = start + day * 86_400_000 + i * 1000;
        const [draft] = auditDrafts(actor, list.map((r) => ({ action: 'read', resourceType: 'resident', resourceId: r, residentId: r, detail: { via: 'search' } })), new Date(at));
        const event = { id: newId(at), ...draft };
        await t.dataSource.query(`INSERT INTO audit_events (${EVENT_COLUMN_LIST}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`, eventRow(event));
        for (const r of event.residentIds) await t.dataSource.query('INSERT INTO audit_event_subjects (event_id, resident_id) VALUES (?, ?)', [uuidBytes(event.id), uuidBytes(r)]);
        n++;
      }
    }
    old[month(back)] = n;
  }

  beforeAll(async () => {
    const sqliteDir = mkdtempSync(join(tmpdir(), 'cc-audit-db-'));
    t = await startTestApp({ ...(process.env.DATABASE_URL ? {} : { SQLITE_PATH: join(sqliteDir, 'cc.sqlite') }), AUDIT_ARCHIVE_DIR: dir });
    w = await buildWorld(t);
    // Before anything is sealed: what an installation running since then holds.
    const residents = [w.residents.A1, w.residents.A2, w.residents.A3];
    for (const back of [9, 8, 5]) await writeMonth(back, residents);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.settings, t.flavor, { schedule: false }), { logger: false });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const verify = async () => {
    await t.app.get(AuditService).sealPending({ graceMs: 0 });
    return (await t.http.get('/api/v1/audit-events/verify').set('authorization', await w.as('admin'))).body;
  };
  /** Events stored from before the end of month `m`. */
  const before = async (m: string) => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM audit_events WHERE id < ?', [lowestIdAt(auditMonthEnd(m))]))[0].n);

  it('retention is a county setting of at least 6 months', async () => {
    const admin = await w.as('countyAdminA');
    const refused = await t.http.patch(`/api/v1/counties/${w.countyA}/policy`).set('authorization', admin).send({ policy: { audit: { retentionMonths: 5 } } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ field: 'policy.audit.retentionMonths', code: 'out_of_range' });
    const set = await t.http.patch(`/api/v1/counties/${w.countyA}/policy`).set('authorization', admin).send({ policy: { audit: { retentionMonths: 6 } } });
    expect(set.status).toBe(200);
    expect((await t.http.get(`/api/v1/counties/${w.countyA}`).set('authorization', admin)).body.policy.audit).toEqual({ retentionMonths: 6 });
  });

  it('nothing leaves while one county keeps it longer; once none does, each month older than retention goes to an archive and out of the database', async () => {
    expect(await verify()).toMatchObject({ intact: true, archivedThrough: null });
    const schedule = worker.get(WorkerSchedule);
    await schedule.archiveAuditMonths();
    expect(readManifests(dir)).toEqual([]);
    expect(await before(month(8))).toBe(old[month(9)] + old[month(8)]);

    const set = await t.http.patch(`/api/v1/counties/${w.countyB}/policy`).set('authorization', await w.as('countyAdminB')).send({ policy: { audit: { retentionMonths: 6 } } });
    expect(set.status).toBe(200);
    await schedule.archiveAuditMonths();
    const manifests = readManifests(dir);
    expect(manifests.map((m) => [m.month, m.events, m.unsealed])).toEqual([[month(9), old[month(9)], 0], [month(8), old[month(8)], 0]]);
    expect(manifests[0]).toMatchObject({ firstChainIndex: 1, hashBefore: '0'.repeat(64), subjects: 12 });
    expect(manifests[1]).toMatchObject({ firstChainIndex: manifests[0].lastChainIndex + 1, hashBefore: manifests[0].hashAfter });
    for (const m of manifests) expect(existsSync(join(dir, m.file))).toBe(true);
    expect(await before(month(8))).toBe(0);
    expect(await before(month(5))).toBe(old[month(5)]);
    const recorded: Array<{ month: string; sha256: string }> = await t.dataSource.query('SELECT month, sha256 FROM audit_archives ORDER BY month');
    expect(recorded).toEqual(manifests.map((m) => ({ month: m.month, sha256: m.sha256 })));
    if (t.flavor !== 'sqlite') {
      const bounds = (await t.app.get(AuditPartitions).partitions('audit_events')).filter((p) => p.bound).map((p) => p.bound!.toString('hex'));
      expect(bounds.every((b) => parseInt(b.slice(0, 12), 16) > auditMonthEnd(month(8)))).toBe(true);
    }
    // The chain in the database starts where the archive ends.
    expect(await verify()).toMatchObject({ intact: true, firstBreak: null, archivedThrough: { month: month(8), chainIndex: manifests[1].lastChainIndex } });
    await schedule.archiveAuditMonths();
    expect(readManifests(dir)).toHaveLength(2);
  });

  it('the archive files verify, follow one another and join the database; a changed file, record or seal is reported', async () => {
    const db = t.app.get(AuditDb);
    expect(await verifyAuditArchive(dir, db)).toMatchObject({ intact: true, problems: [], database: { intact: true } });
    const [first, second] = readManifests(dir);
    const file = join(dir, first.file);
    const bytes = readFileSync(file);
    writeFileSync(file, Buffer.concat([bytes.subarray(0, bytes.length - 9), Buffer.from([bytes[bytes.length - 9] ^ 1]), bytes.subarray(bytes.length - 8)]));
    const tampered = await verifyAuditArchive(dir, db);
    writeFileSync(file, bytes);
    expect(tampered.intact).toBe(false);
    expect(tampered.archives[0]).toMatchObject({ month: first.month, intact: false, problem: 'sha256_mismatch' });

    const manifestFile = join(dir, `audit-${second.month}.manifest.json`);
    const manifest = readFileSync(manifestFile);
    writeFileSync(manifestFile, JSON.stringify({ ...second, hashBefore: '1'.repeat(64) }));
    const unjoined = await verifyAuditArchive(dir, db);
    writeFileSync(manifestFile, manifest);
    expect(unjoined.problems).toEqual(expect.arrayContaining([expect.stringContaining(`${second.month}: does not start where ${first.month} ends`)]));

    const [seal] = await t.dataSource.query('SELECT chain_index, prev_hash FROM audit_seals WHERE chain_index = ?', [second.lastChainIndex + 1]);
    await t.dataSource.query('UPDATE audit_seals SET prev_hash = ? WHERE chain_index = ?', ['2'.repeat(64), seal.chain_index]);
    const broken = await verifyAuditArchive(dir, db);
    await t.dataSource.query('UPDATE audit_seals SET prev_hash = ? WHERE chain_index = ?', [seal.prev_hash, seal.chain_index]);
    expect(broken.database.firstBreak).toMatchObject({ chainIndex: second.lastChainIndex + 1, reason: 'prev_hash_mismatch' });
    expect((await verifyAuditArchive(dir, db)).intact).toBe(true);
  });
});
