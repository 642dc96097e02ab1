import { AuditArchiver, AuditChain, AuditDb, AuditPartitions, AuditService, AuditWriter, unpackRef, uuidBytes, verifyAuditArchive } from '@countycare/audit';
import { Metrics, newId } from '@countycare/common';
import { dataSourceOptions, Sql, TransactionRunner } from '@countycare/database';
import { ChainedEvent, chainHash, GENESIS_HASH } from '@countycare/domain';
import { SCHEMA } from '@countycare/schema';
import { Initial1795504021397 } from '../../libs/schema/src/migrations/1795504021397-Initial';
import { Issue9Hardening1796123926410 } from '../../libs/schema/src/migrations/1796123926410-Issue9Hardening';
import { AuditEventsCompactPartitioned1796128366443 } from '../../libs/schema/src/migrations/1796128366443-AuditEventsCompactPartitioned';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { scratchMysql } from '../fixtures/scratch-mysql';

/** A row of audit_events as the release before issue #10 stored it, one resident per row. */
interface LegacyRow {
  id: string; at: string; actor_id: string | null; actor_name: string | null; actor_role: string | null; actor_institution_id: string | null;
  county_id: string | null; action: string; resource_type: string; resource_id: string | null; resident_id: string | null; purpose: string;
  context_id: string | null; outcome: string; ip: string | null; request_id: string | null; detail: string | null;
}
const LEGACY_COLUMNS = ['id', 'at', 'actor_id', 'actor_name', 'actor_role', 'actor_institution_id', 'county_id', 'action', 'resource_type',
  'resource_id', 'resident_id', 'purpose', 'context_id', 'outcome', 'ip', 'request_id', 'detail'] as const;

/** The embedded file's tables as TypeORM's synchronize made them from the old entities. */
const SQLITE_LEGACY_DDL = [
  'CREATE TABLE "audit_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "at" datetime(3) NOT NULL, "actor_id" varchar(36), "actor_name" varchar(64), '
    + '"actor_role" varchar(32), "actor_institution_id" varchar(36), "county_id" varchar(36), "action" varchar(32) NOT NULL, '
    + '"resource_type" varchar(32) NOT NULL, "resource_id" varchar(64), "resident_id" varchar(36), "purpose" varchar(16) NOT NULL, '
    + '"context_id" varchar(36), "outcome" varchar(16) NOT NULL, "ip" varchar(45), "request_id" varchar(64), "detail" text)',
  'CREATE INDEX "ix_audit_resident" ON "audit_events" ("resident_id", "id")',
  'CREATE INDEX "ix_audit_actor" ON "audit_events" ("actor_id", "id")',
  'CREATE INDEX "ix_audit_county" ON "audit_events" ("county_id", "id")',
  'CREATE TABLE "audit_seals" ("chain_index" bigint PRIMARY KEY NOT NULL, "event_id" varchar(36) NOT NULL, "prev_hash" varchar(64) NOT NULL, '
    + '"hash" varchar(64) NOT NULL, "sealed_at" datetime(3) NOT NULL, "format" smallint NOT NULL DEFAULT (1))',
  'CREATE UNIQUE INDEX "uq_audit_seal_event" ON "audit_seals" ("event_id")',
];

/** What could be in an old log: plain reads and changes, and the values whose exact text the old hashes depend on. */
function legacyRows(): LegacyRow[] {
  const base = Date.UTC(2026, 5, 1, 2);
  const at = (i: number) => new Date(base + i * 60_000).toISOString().replace('T', ' ').replace('Z', '');
  const row = (i: number, over: Partial<LegacyRow>): LegacyRow => ({
    id: newId(base + i * 60_000), at: at(i), actor_id: newId(), actor_name: '陈医生', actor_role: 'gp', actor_institution_id: newId(), county_id: newId(),
    action: 'read', resource_type: 'resident', resource_id: null, resident_id: null, purpose: 'treatment', context_id: null, outcome: 'success',
    ip: '10.0.0.1', request_id: newId(), detail: null, ...over,
  });
  const resident = newId();
  return [
    row(0, { resource_id: resident, resident_id: resident }),
    row(1, { resource_type: 'audit_log', resident_id: 'ABC', purpose: 'audit', detail: JSON.stringify({ residentId: 'ABC', actorId: null }) }),
    row(2, { resource_type: 'contract', resource_id: newId(), resident_id: resident, request_id: newId().toUpperCase(), context_id: newId() }),
    row(3, { action: 'update', resource_id: 'fifteen-chars-x', resident_id: resident, request_id: 'sixteen-chars-xx', detail: JSON.stringify({ fields: ['phone'] }) }),
    row(4, { action: 'login', resource_type: 'user', resource_id: newId(), actor_institution_id: null, county_id: null, request_id: 'job:referrals' }),
    row(5, { action: 'read', resource_id: resident, resident_id: resident.toUpperCase() }),
  ];
}

/** The old row as the chain saw it. */
function chained(r: LegacyRow): ChainedEvent {
  const canonical = r.resident_id !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(r.resident_id);
  return {
    id: r.id, at: new Date(`${r.at.replace(' ', 'T')}Z`), actorId: r.actor_id, actorName: r.actor_name, actorRole: r.actor_role,
    actorInstitutionId: r.actor_institution_id, countyId: r.county_id, action: r.action, resourceType: r.resource_type, resourceId: r.resource_id,
    residentIds: canonical ? [r.resident_id!] : [], residentRef: canonical ? null : r.resident_id, purpose: r.purpose, contextId: r.context_id,
    outcome: r.outcome, ip: r.ip, requestId: r.request_id, detail: r.detail ? JSON.parse(r.detail) : null,
  };
}

/** The old log and its per-event seals: the first two in format 1, the rest but the last in format 2, the last unsealed. */
async function writeLegacy(ds: DataSource, rows: LegacyRow[]): Promise<void> {
  let prev = GENESIS_HASH;
  for (const [i, r] of rows.entries()) {
    await ds.query(`INSERT INTO audit_events (${LEGACY_COLUMNS.join(', ')}) VALUES (${LEGACY_COLUMNS.map(() => '?').join(', ')})`, LEGACY_COLUMNS.map((c) => r[c]));
    if (i === rows.length - 1) break;
    const format = i < 2 ? 1 : 2;
    const hash = chainHash(prev, chained(r), format);
    await ds.query('INSERT INTO audit_seals (chain_index, event_id, prev_hash, hash, sealed_at, format) VALUES (?, ?, ?, ?, ?, ?)', [i + 1, r.id, prev, hash, r.at, format]);
    prev = hash;
  }
}

/**
 * An installation upgrading from the release before issue #10 (domain.md
 * §7.5 "Upgrades"): its log of one row per resident and one seal per event
 * is converted to the compact tables, every value the old hashes covered
 * reading back as it was, so the old chain verifies, and sealing goes on in
 * batches after it. On MySQL/MariaDB by the migration, on the embedded file
 * when the audit module starts.
 */
describe('an audit log written before issue #10 is converted and still verifies', () => {
  const serverUrl = process.env.DATABASE_URL;
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  const rows = legacyRows();

  beforeAll(async () => {
    if (serverUrl) {
      const scratch = await scratchMysql(serverUrl, 'u');
      const options = scratch.options;
      // The schema as the release before issue #10 left it, then its log.
      const old = await new DataSource({ ...options, migrations: [Initial1795504021397, Issue9Hardening1796123926410] } as typeof options).initialize();
      await old.runMigrations();
      await writeLegacy(old, rows);
      await old.destroy();
      // up to the release of issue #10, whose migration the test runs, reverts and runs again
      ds = await new DataSource({ ...options, migrations: [Initial1795504021397, Issue9Hardening1796123926410, AuditEventsCompactPartitioned1796128366443] } as typeof options).initialize();
      cleanup = async () => {
        await ds.destroy();
        await scratch.drop();
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'cc-audit-upgrade-'));
      ds = await new DataSource(dataSourceOptions({ kind: 'sqlite', path: join(dir, 'old.sqlite') }, 'sqlite', SCHEMA, { synchronize: false })).initialize();
      for (const ddl of SQLITE_LEGACY_DDL) await ds.query(ddl);
      await writeLegacy(ds, rows);
      cleanup = async () => {
        await ds.destroy();
        rmSync(dir, { recursive: true, force: true });
      };
    }
  });
  afterAll(() => cleanup());

  it('every event, resident and seal is kept as it was sealed; the unsealed one is pending; sealing goes on in batches', async () => {
    const db = new AuditDb(new TransactionRunner(ds));
    if (serverUrl) {
      // Reverting restores the old tables exactly while nothing of the new shape exists.
      await ds.runMigrations({ transaction: 'each' });
      await ds.undoLastMigration({ transaction: 'each' });
      const back: Array<Omit<LegacyRow, 'at'> & { at: Date }> = await ds.query(`SELECT ${LEGACY_COLUMNS.join(', ')} FROM audit_events ORDER BY id`);
      expect(back.map((r) => ({ ...r, at: r.at.toISOString().replace('T', ' ').replace('Z', '') }))).toEqual(rows);
      expect(await ds.runMigrations({ transaction: 'each' })).toHaveLength(1);
    } else {
      await db.ensureSchema();
    }
    const chain = new AuditChain(db);
    expect(await chain.verify()).toMatchObject({ intact: true, sealed: rows.length - 1, pending: 1, firstBreak: null });

    const converted: Array<{ resident_ref: string | null; request_id: Buffer; resource_id: Buffer | null }> =
      await ds.query('SELECT resident_ref, request_id, resource_id FROM audit_events ORDER BY id');
    // A resident reference that is no canonical id is kept verbatim: its text is what the old seal hashed.
    expect(converted.map((r) => r.resident_ref)).toEqual([null, 'ABC', null, null, null, rows[5].resident_id]);
    expect(converted.map((r) => unpackRef(r.request_id))).toEqual(rows.map((r) => r.request_id));
    expect(converted.map((r) => unpackRef(r.resource_id))).toEqual(rows.map((r) => r.resource_id));
    const subjects = await ds.query('SELECT COUNT(*) AS n FROM audit_event_subjects WHERE resident_id = ?', [uuidBytes(rows[0].resident_id!)]);
    expect(Number(subjects[0].n)).toBe(3);

    // The new release writes on: a list read, sealed after the old seals in format 3.
    const writer = new AuditWriter(db, new Metrics(), new Sql(db.tx));
    const service = new AuditService(db, writer, chain);
    await service.record({ userId: newId(), role: 'gp', requestId: 'after-upgrade', ip: '10.0.0.2' }, [newId(), newId()].map((r) => ({
      action: 'read' as const, resourceType: 'resident', residentId: r, detail: { via: 'search' },
    })));
    await service.sealPending({ graceMs: 0 });
    expect(await chain.verify()).toMatchObject({ intact: true, sealed: rows.length + 1, pending: 0 });
    const formats: Array<{ format: number }> = await ds.query('SELECT format FROM audit_seals ORDER BY chain_index');
    expect(formats.map((f) => Number(f.format))).toEqual([1, 1, 2, 2, 2, 3, 3]);
    if (serverUrl) await expect(ds.undoLastMigration({ transaction: 'each' })).rejects.toThrow(/cannot revert/);

    // The converted month, per-event and batch seals together, archives and drops like any other, and the rest verifies.
    const dir = mkdtempSync(join(tmpdir(), 'cc-audit-upgrade-archive-'));
    try {
      const archived = await new AuditArchiver(db, new AuditPartitions(db)).archiveThrough('2026-06', dir);
      expect(archived.map((a) => [a.month, a.events, a.seals, a.firstChainIndex, a.lastChainIndex])).toEqual([['2026-06', rows.length, rows.length, 1, rows.length]]);
      if (serverUrl) expect((await new AuditPartitions(db).partitions('audit_events')).map((p) => p.name)).not.toContain('p202606');
      expect(Number((await ds.query('SELECT COUNT(*) AS n FROM audit_events'))[0].n)).toBe(1);
      expect(await verifyAuditArchive(dir, db)).toMatchObject({ intact: true, problems: [], database: { intact: true, sealed: 1, pending: 0 } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await writer.onApplicationShutdown();
  });
});
