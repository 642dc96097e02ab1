/**
 * Roster import and resident search at scale, through the real HTTP stack on
 * MariaDB/MySQL (issue #3). Builds a fresh database from the entities, signs
 * in, imports the roster with POST /residents/import (streamed), samples the
 * process RSS meanwhile, then times GET /residents?q= by name prefix, full ID
 * number and phone, and prints EXPLAIN for the SQL those requests ran.
 *
 *   npx nest build bench
 *   BENCH_DATABASE_URL=mysql://root@127.0.0.1:3306/cc_import_bench node dist/bench/bench/import-bench.js /tmp/roster-1m.csv
 *
 * (`nest build bench` compiles bench/, apps/api and libs into dist/bench with
 * the @countycare/* aliases rewritten; see bench/README.md.)
 *
 * BENCH_REIMPORT=1 imports the file a second time (every row unchanged);
 * BENCH_KEEP=1 keeps the database afterwards.
 */
import 'reflect-metadata';
import { loadSettings } from '@countycare/common';
import { detectFlavor } from '@countycare/database';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { request } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource, Logger } from 'typeorm';
import { buildApp } from '../apps/api/src/bootstrap';

const ADMIN = { username: 'benchadmin', password: 'Bench#Admin2026' };
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Line `n` of the file (0 = header), or its last line if shorter; read without loading the file. */
async function lineOf(file: string, n: number): Promise<string> {
  let last = '';
  let i = 0;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    if (line) last = line;
    if (i++ === n) break;
  }
  return last;
}

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: import-bench.js <roster.csv>');
  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/cc_import_bench');
  const dbName = url.pathname.slice(1);
  const server = `${url.protocol}//${url.username}${url.password ? ':' + url.password : ''}@${url.host}/`;
  const admin = await createConnection({ uri: server });
  await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);

  const settings = {
    ...loadSettings({
      DATABASE_URL: url.toString(), JWT_SECRET: randomBytes(32).toString('hex'), DEMO_SEED: 'false', LOG_LEVEL: 'silent',
      FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex'), RATE_LIMIT_PER_MINUTE: '1000000',
      ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password,
    }),
    synchronizeForTests: true,
  };
  const app = await buildApp(settings, await detectFlavor(settings.database), { logger: false, docsUi: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.getHttpServer().address() as AddressInfo).port;

  const call = (method: string, path: string, token?: string, body?: object): Promise<{ status: number; body: any }> =>
    fetch(`http://127.0.0.1:${port}/api/v1/${path}`, {
      method, headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) }, body: body ? JSON.stringify(body) : undefined,
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const login = async (username: string, password: string) => `Bearer ${(await call('POST', 'auth/login', undefined, { username, password })).body.accessToken}`;

  const root = await login(ADMIN.username, ADMIN.password);
  // the first admin of a production install replaces ADMIN_PASSWORD before anything else
  const changed = await fetch(`http://127.0.0.1:${port}/api/v1/auth/password`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: root },
    body: JSON.stringify({ currentPassword: ADMIN.password, newPassword: `${ADMIN.password}!` }),
  });
  if (changed.status !== 204) throw new Error(`first admin password change: HTTP ${changed.status} ${await changed.text()}`);
  const county = (await call('POST', 'counties', root, { code: '330781', name: '基准县' })).body;
  await call('POST', 'staff', root, { username: 'benchcounty', password: ADMIN.password, displayName: '县管理员', role: 'county_admin', countyId: county.id });
  const token = await login('benchcounty', ADMIN.password);

  const upload = (): Promise<{ status: number; body: any }> =>
    new Promise((resolve, reject) => {
      const req = request({
        host: '127.0.0.1', port, method: 'POST', path: '/api/v1/residents/import',
        headers: { authorization: token, 'content-type': 'text/csv', 'content-length': statSync(file).size },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c) => (text += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(req);
    });

  const importOnce = async (label: string) => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const samples: number[] = [];
    const sampler = setInterval(() => {
      const rss = process.memoryUsage().rss;
      peak = Math.max(peak, rss);
      samples.push(rss);
    }, 250);
    const res = await upload();
    clearInterval(sampler);
    const r = res.body;
    const quarter = (q: number) => samples[Math.min(samples.length - 1, Math.floor((samples.length * q) / 4))] ?? before;
    console.log(`${label}: HTTP ${res.status}; rows ${r.rows}, created ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}`);
    console.log(`  ${(r.durationMs / 1000).toFixed(1)} s, ${r.rowsPerSecond} rows/s; RSS before ${mib(before)}, peak ${mib(peak)}; at 25/50/75/100 %: ${[1, 2, 3, 4].map((q) => mib(quarter(q))).join(' / ')}`);
  };
  await importOnce('import');
  if (process.env.BENCH_REIMPORT) await importOnce('re-import');

  // searches: capture the SQL the requests run, time them, EXPLAIN the SQL
  const ds = app.get(DataSource);
  const captured: Array<{ query: string; parameters?: unknown[] }> = [];
  const original = ds.logger;
  const capture: Logger = {
    logQuery: (query, parameters) => {
      if (/FROM `residents`/.test(query)) captured.push({ query, parameters: parameters as unknown[] | undefined });
    },
    logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined,
  };
  const sample = (await lineOf(file, 500_000)).split(',');
  const queries: Array<[string, string]> = [
    ['name prefix (1 char)', sample[0].slice(0, 1)],
    ['name prefix (2 chars)', sample[0].slice(0, 2)],
    ['full ID number', sample[1]],
    ['phone', sample[2] || '13000000000'],
  ];
  for (const [label, q] of queries) {
    const times: number[] = [];
    let body: any;
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      body = (await call('GET', `residents?q=${encodeURIComponent(q)}&limit=20`, token)).body;
      times.push(performance.now() - t0);
    }
    let next: number | undefined;
    if (body.nextCursor) {
      const t0 = performance.now();
      await call('GET', `residents?q=${encodeURIComponent(q)}&limit=20&cursor=${body.nextCursor}`, token);
      next = performance.now() - t0;
    }
    times.sort((a, b) => a - b);
    (ds as { logger: Logger }).logger = capture;
    captured.length = 0;
    await call('GET', `residents?q=${encodeURIComponent(q)}&limit=20${body.nextCursor ? `&cursor=${body.nextCursor}` : ''}`, token);
    (ds as { logger: Logger }).logger = original;
    console.log(`GET /residents?q=<${label}>: ${body.items.length} items; median ${times[10].toFixed(1)} ms, max ${times[20].toFixed(1)} ms` +
      (next !== undefined ? `; next page ${next.toFixed(1)} ms` : ''));
    for (const { query, parameters } of captured) {
      const [plan] = await ds.query(`EXPLAIN ${query}`, parameters as unknown[] | undefined);
      console.log(`  EXPLAIN: type=${plan.type} key=${plan.key} key_len=${plan.key_len} rows=${plan.rows} extra=${plan.Extra ?? ''}`);
    }
  }
  const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM residents');
  const [{ a }] = await ds.query('SELECT COUNT(*) AS a FROM audit_events');
  console.log(`residents ${n}, audit events ${a}`);

  await app.close();
  if (!process.env.BENCH_KEEP) await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  await admin.end();
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
