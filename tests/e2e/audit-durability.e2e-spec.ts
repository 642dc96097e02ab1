import { unpackRef } from '@countycare/audit';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { ApiProcess, ensureApiBuilt, freePort, sharedDatabase, SharedDatabase } from '../fixtures/api-processes';

const run = promisify(execFile);
const AUDIT_VERIFY_CLI = resolve(__dirname, '../../dist/apps/api/apps/api/src/cli/audit-verify.js');
const CLIENTS = 32;
const LOAD_MS = 3_000;

interface Acknowledged {
  requestId: string;
  /** Residents the answer listed: its audit event must name as many. */
  residents: number;
}

/** Every read event of the database, by request id, with how many residents it names. */
async function auditedReads(db: SharedDatabase): Promise<Map<string, number>> {
  const sql = "SELECT e.request_id, COUNT(s.resident_id) AS subjects FROM audit_events e LEFT JOIN audit_event_subjects s ON s.event_id = e.id "
    + "WHERE e.action = 'read' AND e.resource_type = 'resident' GROUP BY e.id, e.request_id";
  let rows: Array<{ request_id: Buffer; subjects: number }>;
  if (db.kind === 'mysql') {
    const connection = await createConnection({ uri: db.env.DATABASE_URL });
    rows = (await connection.query(sql))[0] as typeof rows;
    await connection.end();
  } else {
    const Sqlite = require('better-sqlite3') as new (file: string) => { prepare(s: string): { all(): typeof rows }; close(): void };
    const file = new Sqlite(db.env.SQLITE_PATH);
    rows = file.prepare(sql).all();
    file.close();
  }
  const out = new Map<string, number>();
  for (const r of rows) out.set(unpackRef(r.request_id)!, Number(r.subjects));
  return out;
}

/**
 * Durability of the read audit (domain.md §7.5 "Durability", issue #10): the
 * built API as deployed, on MariaDB (DATABASE_URL) or an embedded SQLite
 * file, under 32 concurrent clients reading records and list pages, killed
 * with SIGKILL mid-load. Every request that was answered 2xx has its audit
 * event, with a subject row per resident it showed, in the database
 * afterwards; under load the events left several to an INSERT; and the
 * restarted API verifies the chain over everything the killed one wrote.
 */
describe('audited reads survive kill -9: every answered read is in the log', () => {
  let db: SharedDatabase;
  let api: ApiProcess | undefined;
  const secrets = {
    JWT_SECRET: randomBytes(32).toString('hex'), FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: `Kill#${randomBytes(6).toString('hex')}`,
  };

  beforeAll(async () => {
    await ensureApiBuilt();
    db = await sharedDatabase('auditkill');
  }, 300_000);
  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('SIGKILL mid-load loses no acknowledged read; the batches grouped requests; the chain verifies after a restart', async () => {
    const metricsPort = await freePort();
    const env = {
      ...db.env, ...secrets, DEMO_SEED: 'true', DB_MIGRATE: 'auto', API_WORKERS: '1', LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '1000000', SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000', METRICS_PORT: String(metricsPort),
    };
    api = await (await ApiProcess.start('audit-kill', env)).ready(120_000);
    const base = `${api.url}/api/v1`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gp.chen', password: 'CountyCare#2026' }),
    });
    const token = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    const residents: string[] = [];
    const cursors: Array<string | null> = [];
    for (let cursor: string | null = null; ;) {
      const page = (await (await fetch(`${base}/residents?limit=20${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: token } })).json()) as {
        items: Array<{ id: string }>; nextCursor: string | null;
      };
      residents.push(...page.items.map((r) => r.id));
      if (page.items.length === 20) cursors.push(cursor);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(residents.length).toBeGreaterThan(100);

    const acknowledged: Acknowledged[] = [];
    let sent = 0;
    let killed = false;
    const client = async (c: number) => {
      for (let n = 0; !killed; n++) {
        const list = n % 3 === 0;
        const requestId = `kill-${c}-${n}`;
        const cursor = cursors[(c + n) % cursors.length];
        const path = list ? `/residents?limit=20${cursor ? `&cursor=${cursor}` : ''}` : `/residents/${residents[(c * 7 + n) % residents.length]}`;
        sent++;
        try {
          const res = await fetch(`${base}${path}`, { headers: { authorization: token, 'x-request-id': requestId } });
          if (res.ok) {
            const body = (await res.json()) as { items?: unknown[] };
            acknowledged.push({ requestId, residents: list ? body.items!.length : 1 });
          }
        } catch {
          return;
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
    await new Promise((r) => setTimeout(r, LOAD_MS / 2));
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    const metric = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    const batches = metric('countycare_audit_batch_rows_count');
    const batchedRows = metric('countycare_audit_batch_rows_sum');
    await new Promise((r) => setTimeout(r, LOAD_MS / 2));
    process.kill(api.pid, 'SIGKILL');
    killed = true;
    await load;
    await api.stop();
    api = undefined;

    const audited = await auditedReads(db);
    const missing = acknowledged.filter((a) => audited.get(a.requestId) === undefined);
    const incomplete = acknowledged.filter((a) => audited.has(a.requestId) && audited.get(a.requestId) !== a.residents);
    const unanswered = [...audited.keys()].filter((id) => id.startsWith('kill-') && !acknowledged.some((a) => a.requestId === id)).length;
    console.log(`audit kill -9 (${db.kind}): ${sent} sent, ${acknowledged.length} answered 2xx, all ${acknowledged.length - missing.length} audited, `
      + `${unanswered} more audited whose answer the kill cut off; ${batchedRows} events in ${batches} INSERTs before the kill `
      + `(${(batchedRows / batches).toFixed(2)} per INSERT)`);
    expect(acknowledged.length).toBeGreaterThan(200);
    expect({ missing: missing.length, incomplete: incomplete.length }).toEqual({ missing: 0, incomplete: 0 });
    expect(batchedRows / batches).toBeGreaterThan(1);

    // A restart: the chain over what the killed process wrote verifies (once sealed, after the grace).
    api = await (await ApiProcess.start('audit-after-kill', { ...env, DEMO_SEED: 'false' })).ready(120_000);
    const first = await fetch(`${api.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: secrets.ADMIN_PASSWORD }),
    });
    let admin = `Bearer ${((await first.json()) as { accessToken: string }).accessToken}`;
    if (db.kind === 'mysql') {
      // Production: the first admin replaces the deployment's password first (README "First sign-in").
      const newPassword = `${secrets.ADMIN_PASSWORD}-own`;
      await fetch(`${api.url}/api/v1/auth/password`, {
        method: 'POST', headers: { authorization: admin, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: secrets.ADMIN_PASSWORD, newPassword }),
      });
      const again = await fetch(`${api.url}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: newPassword }),
      });
      admin = `Bearer ${((await again.json()) as { accessToken: string }).accessToken}`;
    }
    await new Promise((r) => setTimeout(r, 2_500));
    const report = (await (await fetch(`${api.url}/api/v1/audit-events/verify`, { headers: { authorization: admin } })).json()) as {
      intact: boolean; sealed: number; firstBreak: unknown;
    };
    expect(report).toMatchObject({ intact: true, firstBreak: null });
    expect(report.sealed).toBeGreaterThanOrEqual(acknowledged.length);
    await api.stop();
    api = undefined;
    // The verify CLI, on the same database (no month archived yet: the archive folder is empty).
    const archive = mkdtempSync(join(tmpdir(), 'cc-audit-kill-archive-'));
    try {
      const cli = await run(process.execPath, [AUDIT_VERIFY_CLI, '--archive', archive], { env: { PATH: process.env.PATH ?? '', ...env } });
      expect(cli.stdout).toContain('audit chain intact');
    } finally {
      rmSync(archive, { recursive: true, force: true });
    }
  }, 240_000);
});
