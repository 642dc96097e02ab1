/**
 * `npm run bench`: the CountyCare backend under load at one county's scale
 * (design.md "Data"), on MariaDB/MySQL, through the real HTTP stack.
 *
 *   npm run bench                      # = nest build bench && node dist/bench/bench/run.js
 *   BENCH_SCALE=0.05 npm run bench     # a quick run on a twentieth of the county
 *
 * What it does, start to end (idempotent: every run starts from an empty database):
 *  1. drops and recreates BENCH_DATABASE_URL's database and builds the schema
 *     with the project's migrations (as `npm run migrate` does);
 *  2. seeds one county: 400 institutions, ~1,000 GP teams, 3,000 staff (one
 *     argon2 hash shared by all), 1,000,000 residents (encrypted ID and phone
 *     numbers with blind indexes, as the app writes them), ~400,000 open
 *     contracts with packages and their materialised follow-up plan, service
 *     records in the plan windows, 3,000 open sickbeds with round schedules
 *     and rounds, 60,000 referrals of a year across their states; multi-row
 *     INSERTs through mysql2, timed per table (bench/seed.ts);
 *  3. starts the API in this process (buildApp, as main.ts) and signs in as a
 *     GP, a nurse, a referral desk clerk and a county admin;
 *  4. for each scenario: one checked request with its SQL captured and
 *     EXPLAINed (full scans and filesorts flagged), then autocannon from a
 *     child process (bench/load-generator.ts): 200 requests one at a time
 *     (latency), then 50 connections, 3 s warm-up, 15 s measured
 *     (throughput); more than 1 % non-2xx answers fails the run;
 *  5. writes bench/results.md and prints it; drops the database.
 *
 * Environment:
 *   BENCH_DATABASE_URL     mysql://root@127.0.0.1:3306/countycare_bench (this database is dropped and recreated)
 *   BENCH_SCALE            1.0 = the design's county; scales every row count
 *   BENCH_SERVICE_RECORDS  service records to seed (default 1,000,000 × scale; the design's year is 5,000,000)
 *   BENCH_DURATION         measured seconds per scenario (15); BENCH_WARMUP (3); BENCH_CONNECTIONS (50)
 *   BENCH_PROBE            requests sent one at a time before the load, for the endpoint's own latency (200)
 *   BENCH_CLIENTS          client addresses the load comes from, as X-Forwarded-For (1000; see bench/README.md)
 *   BENCH_SCENARIOS        a regular expression: run only the scenarios whose name matches
 *   BENCH_TUNE_DB=1        SET GLOBAL innodb_buffer_pool_size=2G, innodb_flush_log_at_trx_commit=2 for the run, restored after
 *   BENCH_SCHEMA=sync      build the schema from the entities instead of the migrations (while a migration is pending)
 *   BENCH_KEEP=1           keep the database afterwards
 *   BENCH_RESULTS          where to write the results (bench/results.md)
 */
import 'reflect-metadata';
import { AuthService } from '@countycare/auth';
import { AppSettings, encodeCursor, loadSettings } from '@countycare/common';
import { dataSourceOptions, detectFlavor, Flavor } from '@countycare/database';
import { SCHEMA } from '@countycare/schema';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Connection, createConnection, createPool } from 'mysql2/promise';
import { DataSource, Logger } from 'typeorm';
import { buildApp } from '../apps/api/src/bootstrap';
import type { LoadJob, LoadSummary, RequestVariant } from './load-generator';
import { ScenarioPools, seedCounty, SeedResult } from './seed';

const PASSWORD = 'Bench#Pass2026';
// Random per run (production refuses patterned secrets); the seed and the API of one run share them.
const FIELD_KEY = randomBytes(32).toString('hex');
const JWT_SECRET = randomBytes(32).toString('hex');
const TUNED = { bufferPool: 2 * 1024 ** 3, flushLogAtTrxCommit: 2, logFile: 1024 ** 3 };
const P99_BUDGET_MS = 100;
const MAX_NON_2XX_SHARE = 0.01;

interface Config {
  url: URL;
  database: string;
  scale: number;
  serviceRecords: number;
  duration: number;
  warmup: number;
  connections: number;
  clients: number;
  probe: number;
  filter: RegExp | null;
  tuneDb: boolean;
  schema: 'migrations' | 'sync';
  keep: boolean;
  resultsPath: string;
}

function readConfig(env: NodeJS.ProcessEnv): Config {
  const num = (key: string, fallback: number, min: number, max: number) => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${key}: must be a number from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  const url = new URL(env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/countycare_bench');
  const database = url.pathname.slice(1);
  if (!/^\w+$/.test(database)) throw new Error('BENCH_DATABASE_URL: must name a database (letters, digits, _)');
  const scale = num('BENCH_SCALE', 1, 0.001, 10);
  return {
    url, database, scale,
    serviceRecords: Math.round(num('BENCH_SERVICE_RECORDS', Math.round(1_000_000 * scale), 0, 50_000_000)),
    duration: num('BENCH_DURATION', 15, 1, 3600),
    warmup: num('BENCH_WARMUP', 3, 0, 600),
    connections: num('BENCH_CONNECTIONS', 50, 1, 1000),
    clients: num('BENCH_CLIENTS', 1000, 1, 65_536),
    probe: num('BENCH_PROBE', 200, 1, 100_000),
    filter: env.BENCH_SCENARIOS ? new RegExp(env.BENCH_SCENARIOS) : null,
    tuneDb: env.BENCH_TUNE_DB === '1',
    schema: env.BENCH_SCHEMA === 'sync' ? 'sync' : 'migrations',
    keep: env.BENCH_KEEP === '1',
    resultsPath: resolve(env.BENCH_RESULTS ?? 'bench/results.md'),
  };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

// ---- MariaDB server facts and the optional tuning

interface ServerFacts {
  version: string;
  bufferPool: number;
  flushLogAtTrxCommit: number;
  logFile: number;
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 ** 2)} MiB`;

async function serverFacts(admin: Connection): Promise<ServerFacts> {
  const [rows] = await admin.query(
    'SELECT VERSION() AS v, @@innodb_buffer_pool_size AS bp, @@innodb_flush_log_at_trx_commit AS f, @@innodb_log_file_size AS lf',
  );
  const r = (rows as Array<Record<string, string | number>>)[0];
  return { version: String(r.v), bufferPool: Number(r.bp), flushLogAtTrxCommit: Number(r.f), logFile: Number(r.lf) };
}

/**
 * All three are dynamic on MariaDB 10.11: no restart, other users of the
 * server keep their connections. (On MySQL 8 the redo log setting is
 * innodb_redo_log_capacity; there, start the server with the settings.)
 */
async function setServerSettings(admin: Connection, target: Omit<ServerFacts, 'version'>): Promise<void> {
  await admin.query(`SET GLOBAL innodb_flush_log_at_trx_commit = ${Number(target.flushLogAtTrxCommit)}`);
  await admin.query(`SET GLOBAL innodb_log_file_size = ${Number(target.logFile)}`);
  await admin.query(`SET GLOBAL innodb_buffer_pool_size = ${Number(target.bufferPool)}`);
  for (let i = 0; i < 600; i++) {
    const facts = await serverFacts(admin);
    if (facts.bufferPool === target.bufferPool && facts.logFile === target.logFile) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('innodb_buffer_pool_size / innodb_log_file_size: the resize did not finish within 60 s');
}

// ---- CPU of the three processes sharing the machine

/** utime + stime of a process in ms, from /proc (Linux), or null. */
function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function findPid(command: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === command) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return null;
}

// ---- scenarios

interface Scenario {
  name: string;
  as: string;
  kind: 'read' | 'write';
  variants: RequestVariant[];
}

interface ScenarioResult {
  scenario: Scenario;
  /** SQL statements the checked request ran (transaction statements included). */
  statements: number | null;
  summary: LoadSummary | null;
  cpu: { api: number | null; db: number | null; load: number | null };
  explain: ExplainRow[];
  error?: string;
}

interface ExplainRow {
  sql: string;
  table: string;
  type: string;
  key: string | null;
  rows: number;
  extra: string;
  flag: string;
}

function buildScenarios(p: ScenarioPools, tokens: Map<string, number>, roundTokens: Array<{ token: number; sickbedIds: string[] }>): Scenario[] {
  const t = (who: string) => tokens.get(who)!;
  const many = <T>(list: readonly T[], make: (x: T, i: number) => RequestVariant) => list.map(make);
  const q = encodeURIComponent;
  return [
    { name: 'GET /me', as: 'gp', kind: 'read', variants: [{ method: 'GET', path: '/api/v1/me', token: t('gp') }] },
    {
      name: 'GET /residents?q=<name prefix>', as: 'gp', kind: 'read',
      variants: many(p.namePrefixes, (prefix) => ({ method: 'GET', path: `/api/v1/residents?q=${q(prefix)}`, token: t('gp') })),
    },
    {
      name: 'GET /residents?q=<full ID number>', as: 'county admin', kind: 'read',
      variants: many(p.idNumbers, (id) => ({ method: 'GET', path: `/api/v1/residents?q=${id}`, token: t('countyAdmin') })),
    },
    {
      name: 'GET /contracts/:id', as: 'gp', kind: 'read',
      variants: many(p.benchTeamContractIds, (id) => ({ method: 'GET', path: `/api/v1/contracts/${id}`, token: t('gp') })),
    },
    {
      // half first pages, half a page after a random contract of the team
      name: 'GET /contracts?teamId= (keyset page)', as: 'gp', kind: 'read',
      variants: many(p.benchTeamContractIds, (id, i) => ({
        method: 'GET', path: `/api/v1/contracts?teamId=${p.benchTeamId}${i % 2 ? `&cursor=${encodeCursor([id])}` : ''}`, token: t('gp'),
      })),
    },
    {
      name: 'GET /worklists/follow-ups?due=overdue', as: 'gp', kind: 'read',
      variants: [{ method: 'GET', path: '/api/v1/worklists/follow-ups?due=overdue', token: t('gp') }],
    },
    {
      name: 'GET /worklists/follow-ups?due=this_week', as: 'gp', kind: 'read',
      variants: [{ method: 'GET', path: '/api/v1/worklists/follow-ups?due=this_week', token: t('gp') }],
    },
    {
      name: 'GET /worklists/rounds?due=overdue', as: 'gp', kind: 'read',
      variants: [{ method: 'GET', path: '/api/v1/worklists/rounds?due=overdue', token: t('gp') }],
    },
    {
      // not in the brief's list: the GP's own referral list, whose scope is an OR of three rules
      name: 'GET /referrals (list)', as: 'gp', kind: 'read',
      variants: [{ method: 'GET', path: '/api/v1/referrals', token: t('gp') }],
    },
    {
      name: 'GET /sickbeds (list)', as: 'gp', kind: 'read',
      variants: [{ method: 'GET', path: '/api/v1/sickbeds', token: t('gp') }],
    },
    {
      name: 'GET /referral-desk/queue', as: 'desk', kind: 'read',
      variants: [{ method: 'GET', path: '/api/v1/referral-desk/queue', token: t('desk') }],
    },
    {
      name: 'GET /referrals/:id', as: 'desk', kind: 'read',
      variants: many(p.referralIds, (id) => ({ method: 'GET', path: `/api/v1/referrals/${id}`, token: t('desk') })),
    },
    {
      name: 'POST /contracts/:id/services', as: 'gp', kind: 'write',
      variants: many(p.serviceTargets, (s) => ({
        method: 'POST', path: `/api/v1/contracts/${s.contractId}/services`, token: t('gp'),
        body: JSON.stringify({
          serviceItemCode: s.itemCode, deliveredAt: '__NOW__', modality: s.payload ? 'face_to_face' : 'phone', clientId: 'bench-__UNIQUE__',
          notes: '基准测试', ...(s.payload ? { payload: s.payload } : {}),
        }),
      })),
    },
    {
      name: 'POST /sickbeds/:id/rounds', as: `${roundTokens.length} nurses`, kind: 'write',
      variants: roundTokens.flatMap(({ token, sickbedIds }) => sickbedIds.map((id): RequestVariant => ({
        method: 'POST', path: `/api/v1/sickbeds/${id}/rounds`, token,
        body: JSON.stringify({
          kind: 'nurse', visitedAt: '__NOW__', clientId: 'bench-__UNIQUE__', findings: '生命体征平稳', notes: '基准测试',
          vitals: { sbp: 132, dbp: 84, pulse: 76, temperature: 36.6, spo2: 97, glucose: 6.1 },
        }),
      }))),
    },
  ];
}

/** Captures the SQL one request runs, through the DataSource's logger. */
class SqlCapture implements Logger {
  queries: Array<{ query: string; parameters?: unknown[] }> = [];
  logQuery(query: string, parameters?: unknown[]) {
    this.queries.push({ query, parameters });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

async function explainScenario(ds: DataSource, queries: SqlCapture['queries']): Promise<ExplainRow[]> {
  const out: ExplainRow[] = [];
  const seen = new Set<string>();
  for (const { query, parameters } of queries) {
    if (!/^\s*(SELECT|UPDATE)\b/i.test(query) || seen.has(query)) continue;
    seen.add(query);
    const plan = (await ds.query(`EXPLAIN ${query}`, parameters)) as Array<Record<string, string | number | null>>;
    for (const row of plan) {
      const type = String(row.type ?? '');
      const rows = Number(row.rows ?? 0);
      const extra = String(row.Extra ?? '');
      const flags: string[] = [];
      if (type === 'ALL' && rows > 100) flags.push('FULL SCAN');
      if (type === 'index' && rows > 1000) flags.push('FULL INDEX SCAN');
      // sorting a handful of rows (a contract's package items) costs nothing; sorting a range does
      if (/filesort/i.test(extra) && rows > 50) flags.push('FILESORT');
      if (/temporary/i.test(extra) && rows > 50) flags.push('TEMPORARY');
      out.push({ sql: query, table: String(row.table ?? ''), type, key: (row.key as string | null) ?? null, rows, extra, flag: flags.join(', ') });
    }
  }
  return out;
}

function runLoad(child: ChildProcess, job: LoadJob): Promise<LoadSummary> {
  return new Promise((resolvePromise, reject) => {
    const onMessage = (msg: { ok: boolean; summary?: LoadSummary; error?: string }) => {
      child.off('exit', onExit);
      if (msg.ok) resolvePromise(msg.summary!);
      else reject(new Error(msg.error));
    };
    const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
    child.once('message', onMessage);
    child.once('exit', onExit);
    child.send(job);
  });
}

// ---- results

function markdown(cfg: Config, facts: ServerFacts, run: { load: number[]; loadAfter: number[]; minutes: number }, seed: SeedResult, schemaMs: number,
  dbSize: string, results: ScenarioResult[], notes: string[]): string {
  const cpu = cpus();
  const lines: string[] = [];
  lines.push('# CountyCare benchmark results', '');
  lines.push(`- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`);
  lines.push(`- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.version}; load average ${run.load.map((l) => l.toFixed(2)).join(' / ')} at the start, ${run.loadAfter.map((l) => l.toFixed(2)).join(' / ')} at the end (other work on the machine shows here)`);
  lines.push(`- MariaDB ${facts.version}: innodb_buffer_pool_size ${mib(facts.bufferPool)}, innodb_log_file_size ${mib(facts.logFile)}, innodb_flush_log_at_trx_commit=${facts.flushLogAtTrxCommit}`);
  lines.push('- MariaDB, the API (one Node process, started in the benchmark process) and the load generator (autocannon, a child process) share the same cores: the numbers are what one small box does, not the API alone.');
  lines.push(`- Scale ${cfg.scale} (service records ${cfg.serviceRecords.toLocaleString('en-US')}); ${cfg.connections} connections from ${cfg.clients} client addresses, ${cfg.warmup} s warm-up, ${cfg.duration} s measured per scenario; schema from ${cfg.schema === 'sync' ? 'the entities (BENCH_SCHEMA=sync)' : 'the migrations'}; whole run ${run.minutes.toFixed(1)} min`);
  lines.push('');
  lines.push('## Scenarios', '');
  lines.push(`| scenario | as | SQL / request | 1 conn. p50 / p99 ms | req/s | p50 ms | p99 ms | max ms | requests | non-2xx | CPU: API / MariaDB / load gen | verdict |`);
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
  for (const r of results) {
    const s = r.summary;
    const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v)} %`);
    const verdict = r.error ? `FAILED: ${r.error.slice(0, 80)}` : verdictOf(s!);
    lines.push(s
      ? `| ${r.scenario.name} | ${r.scenario.as} | ${r.statements ?? '–'} | ${s.single.p50} / ${s.single.p99} | ${Math.round(s.requestsPerSecond)} | ${s.p50} | ${s.p99} | ${s.max} | ` +
        `${s.total} | ${s.non2xx} | ${pct(r.cpu.api)} / ${pct(r.cpu.db)} / ${pct(r.cpu.load)} | ${verdict} |`
      : `| ${r.scenario.name} | ${r.scenario.as} | ${r.statements ?? '–'} | – | – | – | – | – | – | – | – | ${verdict} |`);
  }
  lines.push('', `SQL / request: statements one request ran (auth, reads, the audit INSERT and transaction statements). 1 conn.: ${cfg.probe} requests ` +
    `sent one at a time before the load (the endpoint's own latency; over ${P99_BUDGET_MS} ms at p99 is flagged). The other latency columns are ` +
    `under ${cfg.connections} connections, where they are mostly queueing on a saturated machine. CPU is the share of one core each process used ` +
    'while the scenario ran (warm-up included); 200 % would be both cores.');
  lines.push('', '## Seed', '');
  lines.push(`Schema ${secs(schemaMs)}; seed ${secs(seed.seedMs)} in all; database size after the run ${dbSize}. Tables are written concurrently ` +
    '(a contract, its packages, plan windows and service records in one pass), so their times overlap.', '');
  lines.push('| table | rows | statements | time from first to last statement | rows/s |', '|---|---:|---:|---:|---:|');
  for (const t of seed.timings) {
    lines.push(`| ${t.table} | ${t.rows.toLocaleString('en-US')} | ${t.statements} | ${secs(t.spanMs)} | ${t.spanMs > 0 ? Math.round(t.rows / (t.spanMs / 1000)).toLocaleString('en-US') : '–'} |`);
  }
  lines.push('', '## EXPLAIN of the SQL each scenario runs', '');
  lines.push('One request per scenario, SQL captured from TypeORM; INSERTs and transaction statements left out. Flags: FULL SCAN (type ALL, over 100 rows), FULL INDEX SCAN (over 1,000), FILESORT and TEMPORARY (over 50 rows).', '');
  lines.push('| scenario | table | type | key | rows | Extra | flag |', '|---|---|---|---|---:|---|---|');
  for (const r of results) {
    for (const e of r.explain) {
      lines.push(`| ${r.scenario.name} | ${e.table} | ${e.type} | ${e.key ?? '–'} | ${e.rows} | ${e.extra || ''} | ${e.flag ? `**${e.flag}**` : ''} |`);
    }
  }
  const flagged = results.flatMap((r) => r.explain.filter((e) => e.flag).map((e) => ({ r, e })));
  if (!flagged.length) lines.push('', 'No statement flagged: every list and worklist reads one index range in its order.');
  if (flagged.length) {
    lines.push('', 'Flagged statements:', '');
    for (const { r, e } of flagged) lines.push(`- ${r.scenario.name}: \`${e.sql.replace(/\s+/g, ' ').slice(0, 400)}\``);
  }
  if (notes.length) lines.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

function failedShare(s: LoadSummary): boolean {
  return (s.total > 0 && s.non2xx / s.total > MAX_NON_2XX_SHARE) || s.single.non2xx > 0;
}

function verdictOf(s: LoadSummary): string {
  if (failedShare(s)) return `**FAILED: ${((100 * s.non2xx) / Math.max(1, s.total)).toFixed(1)} % non-2xx**`;
  const notes = [
    ...(s.single.p99 > P99_BUDGET_MS ? [`**p99 > ${P99_BUDGET_MS} ms on 1 connection**`] : []),
    ...(s.errors > 0 ? [`${s.errors} socket errors`] : []),
  ];
  return ['ok', ...notes].join(', ');
}

// ---- the run

async function main(): Promise<void> {
  const cfg = readConfig(process.env);
  const serverUri = `${cfg.url.protocol}//${cfg.url.username}${cfg.url.password ? ':' + cfg.url.password : ''}@${cfg.url.host}/`.replace(/^mariadb:/, 'mysql:');
  const admin = await createConnection({ uri: serverUri });
  const original = await serverFacts(admin);
  const runStarted = performance.now();
  const startLoad = loadavg();
  let app: NestFastifyApplication | null = null;
  let child: ChildProcess | null = null;
  const results: ScenarioResult[] = [];
  const notes: string[] = [];
  let exitCode = 0;
  try {
    if (cfg.tuneDb) {
      log(`MariaDB: innodb_buffer_pool_size ${mib(original.bufferPool)} -> ${mib(TUNED.bufferPool)}, innodb_log_file_size ${mib(original.logFile)} -> ` +
        `${mib(TUNED.logFile)}, innodb_flush_log_at_trx_commit ${original.flushLogAtTrxCommit} -> ${TUNED.flushLogAtTrxCommit} (restored at the end)`);
      await setServerSettings(admin, TUNED);
    }
    const facts = await serverFacts(admin);
    if (facts.bufferPool < TUNED.bufferPool) notes.push(`The buffer pool is ${mib(facts.bufferPool)}, smaller than the 2 GiB this benchmark is meant for (BENCH_TUNE_DB=1 or start mariadbd with --innodb-buffer-pool-size=2G).`);
    if (facts.flushLogAtTrxCommit === 1) notes.push('innodb_flush_log_at_trx_commit=1: every commit waits for a log flush (production durability); the write scenarios and the audit insert of every read pay for it.');

    // 1. database and schema
    await admin.query(`DROP DATABASE IF EXISTS \`${cfg.database}\``);
    await admin.query(`CREATE DATABASE \`${cfg.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const settings: AppSettings = {
      ...loadSettings({
        DATABASE_URL: cfg.url.toString(), JWT_SECRET, FIELD_ENCRYPTION_KEY: FIELD_KEY,
        DEMO_SEED: 'false', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000', TRUST_PROXY: 'true',
      }),
      synchronizeForTests: cfg.schema === 'sync',
    };
    const flavor: Flavor = await detectFlavor(settings.database);
    const schemaStarted = performance.now();
    const ds = await new DataSource(dataSourceOptions(settings.database, flavor, SCHEMA)).initialize();
    let schemaMs: number;
    let seed: SeedResult;
    try {
      if (cfg.schema === 'sync') {
        await ds.synchronize();
      } else {
        const ran = await ds.runMigrations({ transaction: 'each' });
        const drift = await ds.driver.createSchemaBuilder().log();
        if (drift.upQueries.length > 0) {
          throw new Error(`the migrations (${ran.length} ran) do not produce the entities' schema: ${drift.upQueries.length} pending changes, e.g. ` +
            `${drift.upQueries[0].query.slice(0, 200)} -- regenerate the migration, or run with BENCH_SCHEMA=sync`);
        }
      }
      schemaMs = performance.now() - schemaStarted;
      log(`schema (${cfg.schema}) in ${secs(schemaMs)}`);

      // 2. seed
      const pool = createPool({ uri: cfg.url.toString().replace(/^mariadb:/, 'mysql:'), connectionLimit: 4, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
      try {
        log(`seeding scale ${cfg.scale} (service records ${cfg.serviceRecords}) …`);
        seed = await seedCounty(ds, pool, { scale: cfg.scale, serviceRecords: cfg.serviceRecords, countyCode: '330798', password: PASSWORD, now: new Date(), settings });
      } finally {
        await pool.end();
      }
      for (const t of seed.timings) log(`  ${t.table.padEnd(26)} ${String(t.rows).padStart(9)} rows  ${secs(t.spanMs).padStart(8)}`);
      log(`seeded in ${secs(seed.seedMs)}; ANALYZE TABLE …`);
      for (const t of seed.timings) if (t.rows > 1000) await ds.query(`ANALYZE TABLE \`${t.table}\``);
    } finally {
      await ds.destroy();
    }

    // 3. the API, in this process; the load generator in a child
    app = await buildApp(settings, flavor, { logger: false, docsUi: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    log(`API on ${baseUrl}`);
    const tokens: string[] = [];
    const tokenIndex = new Map<string, number>();
    for (const [who, username] of Object.entries(seed.users)) {
      const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${res.status} ${await res.text()}`);
      tokenIndex.set(who, tokens.push(`Bearer ${((await res.json()) as { accessToken: string }).accessToken}`) - 1);
    }
    // the round writes spread over the nurses of several teams, as on a real morning (the login route's rate limit is per client, so in process)
    const auth = app.get(AuthService);
    const roundTokens: Array<{ token: number; sickbedIds: string[] }> = [];
    for (const target of seed.pools.roundTargets) {
      const { tokens: pair } = await auth.login(target.username, PASSWORD, { requestId: 'bench', ip: '127.0.0.1' });
      roundTokens.push({ token: tokens.push(`Bearer ${pair.accessToken}`) - 1, sickbedIds: target.sickbedIds });
    }
    log(`signed in: ${[...tokenIndex.keys()].join(', ')} and ${roundTokens.length} nurses`);

    const scenarios = buildScenarios(seed.pools, tokenIndex, roundTokens).filter((s) => !cfg.filter || cfg.filter.test(s.name));
    child = fork(join(__dirname, 'load-generator.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const apiDs = app.get(DataSource);
    const dbPid = findPid('mariadbd') ?? findPid('mysqld');
    for (const scenario of scenarios) {
      const result: ScenarioResult = { scenario, statements: null, summary: null, cpu: { api: null, db: null, load: null }, explain: [] };
      results.push(result);
      try {
        // one checked request, its SQL captured and explained
        const capture = new SqlCapture();
        const originalLogger = apiDs.logger;
        (apiDs as { logger: Logger }).logger = capture;
        const v = scenario.variants[Math.floor(Math.random() * scenario.variants.length)];
        const body = v.body?.replace(/__UNIQUE__/g, `check${Date.now()}`).replace(/__NOW__/g, new Date(Date.now() - 60_000).toISOString());
        let res: Response;
        try {
          res = await fetch(baseUrl + v.path, {
            method: v.method, headers: { authorization: tokens[v.token], ...(body ? { 'content-type': 'application/json' } : {}) }, body,
          });
        } finally {
          (apiDs as { logger: Logger }).logger = originalLogger;
        }
        const text = await res.text();
        if (res.status < 200 || res.status > 299) throw new Error(`check request ${v.method} ${v.path}: HTTP ${res.status} ${text.slice(0, 300)}`);
        result.statements = capture.queries.length;
        result.explain = await explainScenario(apiDs, capture.queries);

        log(`${scenario.name} (${scenario.variants.length} request variants) …`);
        const before = { api: cpuMs(process.pid), db: dbPid ? cpuMs(dbPid) : null, load: cpuMs(child.pid!), at: performance.now() };
        result.summary = await runLoad(child, {
          baseUrl, connections: cfg.connections, warmupSeconds: cfg.warmup, durationSeconds: cfg.duration, tokens, variants: scenario.variants,
          clients: cfg.clients, probeRequests: cfg.probe,
        });
        const elapsed = performance.now() - before.at;
        // requests still in flight when autocannon stopped finish before the next scenario's SQL is captured
        await new Promise((r) => setTimeout(r, 1500));
        const share = (a: number | null, b: number | null) => (a === null || b === null ? null : (100 * (b - a)) / elapsed);
        result.cpu = { api: share(before.api, cpuMs(process.pid)), db: dbPid ? share(before.db, cpuMs(dbPid)) : null, load: share(before.load, cpuMs(child.pid!)) };
        const s = result.summary;
        log(`  1 connection: p50 ${s.single.p50} ms, p99 ${s.single.p99} ms; ${cfg.connections} connections: ${Math.round(s.requestsPerSecond)} req/s, ` +
          `p50 ${s.p50} ms, p99 ${s.p99} ms, non-2xx ${s.non2xx}/${s.total}, errors ${s.errors}`);
        if (failedShare(s)) {
          exitCode = 1;
          console.error(`FAILED ${scenario.name}: ${s.non2xx} of ${s.total} answers were not 2xx (${JSON.stringify(s.statusCodes)})`);
          for (const f of s.failures) console.error(`  ${f.status} ${f.path}: ${f.body}`);
        }
      } catch (e) {
        exitCode = 1;
        result.error = (e as Error).message;
        console.error(`FAILED ${scenario.name}: ${result.error}`);
      }
    }

    const [sizes] = (await apiDs.query(
      'SELECT SUM(data_length + index_length) AS bytes FROM information_schema.tables WHERE table_schema = ?', [cfg.database],
    )) as Array<{ bytes: string }>;
    const dbSize = `${(Number(sizes.bytes) / 1024 ** 3).toFixed(2)} GiB`;
    const [{ audits }] = (await apiDs.query('SELECT COUNT(*) AS audits FROM audit_events')) as Array<{ audits: string }>;
    notes.push(`Every read writes its audit events (one INSERT per request, in its own transaction): ${Number(audits).toLocaleString('en-US')} audit events were written during the run.`);
    notes.push(`Row counts: ${Object.entries(seed.counts).map(([k, v]) => `${k} ${Number(v).toLocaleString('en-US')}`).join(', ')}.`);
    const text = markdown(cfg, facts, { load: startLoad, loadAfter: loadavg(), minutes: (performance.now() - runStarted) / 60_000 }, seed, schemaMs, dbSize, results, notes);
    writeFileSync(cfg.resultsPath, text);
    console.log('\n' + text);
    log(`results written to ${cfg.resultsPath}`);
  } finally {
    child?.disconnect();
    if (app) await app.close();
    if (!cfg.keep) await admin.query(`DROP DATABASE IF EXISTS \`${cfg.database}\``);
    if (cfg.tuneDb) {
      await setServerSettings(admin, original);
      log(`MariaDB settings restored (buffer pool ${mib(original.bufferPool)}, log file ${mib(original.logFile)}, flush_log_at_trx_commit ${original.flushLogAtTrxCommit})`);
    }
    await admin.end();
  }
  process.exitCode = exitCode;
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exitCode = 1;
});
