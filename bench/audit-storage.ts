/**
 * Bytes the audit log stores per audited request (issue #10 "Audit storage that lasts"), on MariaDB/MySQL:
 * starts the built API on a fresh database with the demo county plus AUDIT_BENCH_RESIDENTS residents imported
 * from a generated roster, drives one kind of audited request at a time, seals the chain after each phase and
 * reports Δ(data_length + index_length of every audit table, after ANALYZE TABLE) / requests, each phase measured
 * after as many unmeasured requests of its kind:
 *
 * - a detail read (GET /residents/:id, random residents);
 * - a 20-row list over the same 200 residents again and again (a GP's worklist: the worst case for the
 *   resident index, whose pages then split at a few hot spots);
 * - a 20-row list over random pages of every resident (a county's many lists);
 * - a write (PATCH /residents/:id).
 *
 *   npm run bench:audit-storage
 *
 * AUDIT_BENCH_DATABASE_URL (default mysql://root@127.0.0.1:3306/countycare_auditbytes; that database is dropped
 * and recreated), AUDIT_BENCH_API_MAIN (default the API of `npm run build`), AUDIT_BENCH_REQUESTS (lists per list
 * phase, default 4000; 5x as many detail reads and writes). Pointing AUDIT_BENCH_API_MAIN at the build of an earlier
 * release measures its shape the same way (docs/domain.md §7.5 has both).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';

const ROOT = resolve(__dirname, '../..');
const API_MAIN = process.env.AUDIT_BENCH_API_MAIN ?? resolve(ROOT, 'apps/api/apps/api/src/main.js');
const DB_URL = new URL(process.env.AUDIT_BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/countycare_auditbytes');
const LISTS = Number(process.env.AUDIT_BENCH_REQUESTS ?? 4000);
const CLIENTS = 16;
const RESIDENTS = Number(process.env.AUDIT_BENCH_RESIDENTS ?? 20_000);

/** A roster of `n` residents with valid ID numbers (GB 11643 check character), for the demo county 330799. */
function roster(n: number): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const lines = ['name,idNumber'];
  for (let i = 0; i < n; i++) {
    const birth = new Date(Date.UTC(1940, 0, 1) + (i % 25_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
    const body = `330799${birth}${String(100 + Math.floor(i / 25_000)).padStart(3, '0')}`;
    const sum = [...body].reduce((acc, d, k) => acc + Number(d) * weights[k], 0);
    const given = '安宁华建国志明秀英桂兰玉梅晓东海燕丽娟春花';
    lines.push(`测${given[i % given.length]}${given[Math.floor(i / given.length) % given.length]},${body}${'10X98765432'[sum % 11]}`);
  }
  return `${lines.join('\n')}\n`;
}
const AUDIT_TABLES = ['audit_events', 'audit_event_subjects', 'audit_seals', 'audit_archives'];

interface Phase {
  name: string;
  requests: number;
  /** Δ data_length + index_length: pages the indexes hold, free ones of their extents included. */
  bytes: number;
  /** Δ leaf pages in use × 16 KiB: the same without the extents' reserve, which grows in steps of 1 MiB and more. */
  leafBytes: number;
  rows: Record<string, number>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function main(): Promise<void> {
  const database = DB_URL.pathname.slice(1);
  const serverUri = `${DB_URL.protocol}//${DB_URL.username}${DB_URL.password ? ':' + DB_URL.password : ''}@${DB_URL.host}/`;
  const admin = await createConnection({ uri: serverUri });
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.query(`USE \`${database}\``);

  const port = await freePort();
  const adminPassword = `Bench#${randomBytes(6).toString('hex')}`;
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], {
    env: {
      PATH: process.env.PATH ?? '', DATABASE_URL: DB_URL.toString(), DEMO_SEED: 'true', HOST: '127.0.0.1', PORT: String(port),
      JWT_SECRET: randomBytes(32).toString('hex'), FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn', API_WORKERS: '1',
      RATE_LIMIT_PER_MINUTE: '1000000', SIGN_IN_RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  try {
    for (let i = 0; ; i++) {
      if (await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false)) break;
      if (i > 600 || child.exitCode !== null) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = async (username: string, password: string) => {
      const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
      const body = (await res.json()) as { accessToken: string };
      return `Bearer ${body.accessToken}`;
    };
    const first = await login('admin', adminPassword);
    await fetch(`${base}/auth/password`, {
      method: 'POST', headers: { authorization: first, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: adminPassword, newPassword: `${adminPassword}x` }),
    });
    // Access tokens last 15 minutes; a full run takes longer, so each is renewed after 10.
    const session = (username: string, password: string) => {
      let token = '';
      let at = 0;
      return async () => {
        if (Date.now() - at > 10 * 60_000) [token, at] = [await login(username, password), Date.now()];
        return token;
      };
    };
    const root = session('admin', `${adminPassword}x`);
    const gp = session('gp.chen', 'CountyCare#2026');
    const countyAdmin = await login('county.admin', 'CountyCare#2026');
    const imported = await fetch(`${base}/residents/import?countyId=330799`, {
      method: 'POST', headers: { authorization: countyAdmin, 'content-type': 'text/csv' }, body: roster(RESIDENTS),
    });
    const report = (await imported.json()) as { created?: number; rejected?: number };
    if (!imported.ok || report.created === undefined) throw new Error(`roster import: ${imported.status} ${JSON.stringify(report)}`);
    console.log(`imported ${report.created} residents (${report.rejected} rejected)`);
    const get = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: await gp() } });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ items: Array<{ id: string; version: number }>; nextCursor: string | null }>;
    };

    // Full pages of 20 residents, and their ids, to read and change
    const cursors: Array<string | null> = [];
    const residents: string[] = [];
    for (let cursor: string | null = null; ;) {
      const page = await get(`/residents?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      residents.push(...page.items.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    for (let cursor: string | null = null; ;) {
      const page = await get(`/residents?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      if (page.items.length === 20) cursors.push(cursor);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const shuffled = [...residents].sort(() => Math.random() - 0.5);

    const seal = async () => {
      for (;;) {
        const res = await fetch(`${base}/audit-events/verify`, { headers: { authorization: await root() } });
        const report = (await res.json()) as { intact: boolean; pending: number };
        if (!report.intact) throw new Error(`chain broken: ${JSON.stringify(report)}`);
        if (report.pending === 0) return;
        await new Promise((r) => setTimeout(r, 2500));
      }
    };
    const measure = async () => {
      await admin.query(`ANALYZE TABLE ${AUDIT_TABLES.join(', ')}`).catch(() => undefined);
      const [tables] = (await admin.query(
        `SELECT TABLE_NAME AS t, DATA_LENGTH + INDEX_LENGTH AS bytes FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?)`,
        [database, AUDIT_TABLES],
      )) as unknown as [Array<{ t: string; bytes: number }>];
      const rows: Record<string, number> = {};
      for (const { t } of tables) {
        const [[{ n }]] = (await admin.query(`SELECT COUNT(*) AS n FROM \`${t}\``)) as unknown as [Array<{ n: number }>];
        rows[t] = Number(n);
      }
      const [[{ leaf }]] = (await admin.query(
        "SELECT SUM(stat_value) * @@innodb_page_size AS leaf FROM mysql.innodb_index_stats WHERE database_name = ? AND stat_name = 'n_leaf_pages' "
          + `AND (${AUDIT_TABLES.map(() => 'table_name = ? OR table_name LIKE ?').join(' OR ')})`,
        [database, ...AUDIT_TABLES.flatMap((t) => [t, `${t}#P#%`])],
      )) as unknown as [Array<{ leaf: number }>];
      return { bytes: tables.reduce((sum, t) => sum + Number(t.bytes), 0), leafBytes: Number(leaf), rows };
    };
    const drive = async (requests: number, one: (i: number) => Promise<unknown>) => {
      let next = 0;
      await Promise.all(Array.from({ length: CLIENTS }, async () => {
        while (next < requests) await one(next++);
      }));
    };
    /**
     * Each phase first runs as long unmeasured, so the indexes it grows are in the shape it keeps them in (pages split
     * by this kind of insert, then filled again), and the figure is what each further request adds in the long run.
     */
    const phase = async (name: string, requests: number, one: (i: number) => Promise<unknown>): Promise<Phase> => {
      await drive(requests, one);
      await seal();
      const before = await measure();
      await drive(requests, one);
      await seal();
      const after = await measure();
      const rows = Object.fromEntries(Object.entries(after.rows).map(([t, n]) => [t, n - (before.rows[t] ?? 0)]));
      return { name, requests, bytes: after.bytes - before.bytes, leafBytes: after.leafBytes - before.leafBytes, rows };
    };

    const phases: Phase[] = [];
    phases.push(await phase('GET /residents/:id (detail read)', LISTS * 5, (i) => get(`/residents/${shuffled[i % shuffled.length]}`)));
    phases.push(await phase('GET /residents?limit=20 (20-row list, the same 200 residents)', LISTS, (i) => {
      const cursor = cursors[i % 10];
      return get(`/residents?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
    }));
    phases.push(await phase(`GET /residents?limit=20 (20-row list, random pages of ${residents.length} residents)`, LISTS, () => {
      const cursor = cursors[Math.floor(Math.random() * cursors.length)];
      return get(`/residents?limit=20${cursor ? `&cursor=${cursor}` : ''}`);
    }));
    phases.push(await phase('PATCH /residents/:id (write)', LISTS * 5, async (i) => {
      const res = await fetch(`${base}/residents/${shuffled[i % shuffled.length]}`, {
        method: 'PATCH', headers: { authorization: await gp(), 'content-type': 'application/json' },
        body: JSON.stringify({ householdNo: `H${i}` }),
      });
      if (!res.ok) throw new Error(`PATCH: ${res.status} ${await res.text()}`);
    }));

    console.log(`\naudit storage per audited request (${DB_URL.host}, ${API_MAIN})`);
    console.log('| request | requests | bytes per request | leaf pages per request | rows written per request |');
    console.log('| --- | ---: | ---: | ---: | --- |');
    for (const p of phases) {
      const rows = Object.entries(p.rows).filter(([, n]) => n > 0).map(([t, n]) => `${t} ${(n / p.requests).toFixed(2)}`).join(', ');
      console.log(`| ${p.name} | ${p.requests} | ${Math.round(p.bytes / p.requests)} | ${Math.round(p.leafBytes / p.requests)} | ${rows} |`);
    }
    console.log(JSON.stringify({
      date: new Date().toISOString(),
      phases: phases.map((p) => ({ ...p, bytesPerRequest: Math.round(p.bytes / p.requests), leafBytesPerRequest: Math.round(p.leafBytes / p.requests) })),
    }));
  } finally {
    child.kill('SIGTERM');
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
