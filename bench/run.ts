/**
 * `npm run bench`: the CountyCare backend under load at one county's scale
 * (design.md "Data"), on MariaDB/MySQL, through the real HTTP stack, next to
 * its floor (issue #10).
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
 *  3. starts the API twice on that database: in this process (buildApp, as
 *     main.ts; it serves the sign-ins and the requests whose SQL is captured)
 *     and as a child process (the built main.js, API_WORKERS from
 *     BENCH_API_WORKERS; the one under load, so its CPU is its own), plus the
 *     floor server (bench/floor-server.ts) and the load generator
 *     (bench/load-generator.ts), each a process of its own;
 *  4. for each scenario: a sample of its requests sent once to warm up and
 *     once with their SQL captured (bench/sql-capture.ts: every statement
 *     sent through mysql2), counted and EXPLAINed (full scans and filesorts
 *     flagged), the captures turned into the floor's plans; then
 *     BENCH_ROUNDS rounds of API / floor, interleaved A/B/A/B, each 50
 *     connections, 3 s warm-up, 15 s measured (the API's first round starts
 *     with 200 requests one at a time: its latency); the size of the audit
 *     tables before and after each API round; more than 1 % non-2xx answers
 *     fails the run;
 *  5. with BENCH_COMPARE_WORKERS=1, selected scenarios again with 1 and 2
 *     API workers, interleaved;
 *  6. writes bench/results.md and bench/results.json and prints the first;
 *     drops the database.
 *
 * Environment:
 *   BENCH_DATABASE_URL     mysql://root@127.0.0.1:3306/countycare_bench (this database is dropped and recreated)
 *   BENCH_SCALE            1.0 = the design's county; scales every row count
 *   BENCH_SERVICE_RECORDS  service records to seed (default 1,000,000 × scale; the design's year is 5,000,000)
 *   BENCH_DURATION         measured seconds per round (15); BENCH_WARMUP (3); BENCH_CONNECTIONS (50)
 *   BENCH_ROUNDS           API / floor rounds per scenario, interleaved (2)
 *   BENCH_FLOOR=0          no floor (the API alone)
 *   BENCH_FLOOR_VARIANTS   requests per scenario captured and replayed by the floor (50)
 *   BENCH_PROBE            requests sent one at a time before the load, for the endpoint's own latency (200)
 *   BENCH_CLIENTS          client addresses the load comes from, as X-Forwarded-For (1000; see bench/README.md)
 *   BENCH_SCENARIOS        a regular expression: run only the scenarios whose name matches
 *   BENCH_API_WORKERS      API_WORKERS of the API under load (1)
 *   BENCH_COMPARE_WORKERS=1  also measure BENCH_COMPARE_SCENARIOS with 1 and 2 API workers
 *   BENCH_API_MAIN         the API's entry (dist/bench/apps/api/src/main.js, built with the bench)
 *   BENCH_API_NODE_OPTIONS node flags of the API under load, on its command line (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof)
 *   BENCH_API_ENV_<NAME>   NAME=value for both API instances (e.g. a switch being tried)
 *   BENCH_TUNE_DB=1        SET GLOBAL innodb_buffer_pool_size=2G, innodb_flush_log_at_trx_commit=2 for the run, restored after
 *   BENCH_SCHEMA=sync      build the schema from the entities instead of the migrations (while a migration is pending)
 *   BENCH_KEEP=1           keep the database afterwards
 *   BENCH_RESULTS          where to write the results (bench/results.md); BENCH_RESULTS_JSON (bench/results.json)
 *   BENCH_DUMP_SQL         a file: each scenario's first captured request as JSON (its statements, the floor's plan)
 */
import 'reflect-metadata';
import { AuthService } from '@countycare/auth';
import { SESSION_LIMITS } from '@countycare/domain';
import { AppSettings, encodeCursor, loadSettings } from '@countycare/common';
import { dataSourceOptions, detectFlavor, Flavor } from '@countycare/database';
import { SCHEMA } from '@countycare/schema';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Connection, createConnection, createPool } from 'mysql2/promise';
import { DataSource, DataSourceOptions, Logger } from 'typeorm';
import { buildApp } from '../apps/api/src/bootstrap';
import type { FloorDb } from './floor-server';
import type { LoadJob, LoadSummary, RequestVariant } from './load-generator';
import { ApiProcess, ask, cpuMs, findPid, forkScript, startApi, treeCpuMs } from './processes';
import { ScenarioPools, seedCounty, SeedResult } from './seed';
import { buildPlan, CapturedStatement, FloorPlan, SqlCapture, statementsIn } from './sql-capture';

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
  resultsJsonPath: string;
  rounds: number;
  floor: boolean;
  floorVariants: number;
  apiWorkers: number;
  compareWorkers: boolean;
  compareFilter: RegExp;
  apiMain: string;
  apiNodeOptions: string | undefined;
  /** BENCH_API_ENV_<NAME>=value: NAME=value for both API instances. */
  apiEnv: Record<string, string>;
  /** BENCH_DUMP_SQL: a JSON file with each scenario's first captured request (statements and floor plan). */
  dumpSql: string | null;
}

/** The scenarios BENCH_COMPARE_WORKERS measures with 1 and 2 API workers unless BENCH_COMPARE_SCENARIOS says otherwise. */
const COMPARE_DEFAULT = '^(GET /me|GET /contracts/:id|GET /worklists/follow-ups\\?due=overdue|GET /referral-desk/queue|POST /contracts/:id/services)$';

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
    resultsJsonPath: resolve(env.BENCH_RESULTS_JSON ?? 'bench/results.json'),
    rounds: num('BENCH_ROUNDS', 2, 1, 20),
    floor: env.BENCH_FLOOR !== '0',
    floorVariants: num('BENCH_FLOOR_VARIANTS', 50, 1, 2000),
    apiWorkers: num('BENCH_API_WORKERS', 1, 1, 64),
    compareWorkers: env.BENCH_COMPARE_WORKERS === '1',
    compareFilter: new RegExp(env.BENCH_COMPARE_SCENARIOS || COMPARE_DEFAULT),
    apiMain: resolve(env.BENCH_API_MAIN ?? join(__dirname, '../apps/api/src/main.js')),
    apiNodeOptions: env.BENCH_API_NODE_OPTIONS || undefined,
    dumpSql: env.BENCH_DUMP_SQL ? resolve(env.BENCH_DUMP_SQL) : null,
    apiEnv: Object.fromEntries(Object.entries(env)
      .filter(([k, v]) => k.startsWith('BENCH_API_ENV_') && k.length > 'BENCH_API_ENV_'.length && v !== undefined)
      .map(([k, v]) => [k.slice('BENCH_API_ENV_'.length), v as string])),
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

/**
 * The pid of the server we are connected to: from its pid file when this
 * machine can read it (other mariadbd processes may run, e.g. a replica pair
 * of the tests), else the first mariadbd/mysqld process.
 */
async function serverPid(admin: Connection): Promise<number | null> {
  try {
    const [rows] = await admin.query('SELECT @@pid_file AS f');
    const pid = Number(readFileSync(String((rows as Array<{ f: string }>)[0].f), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && cpuMs(pid) !== null) return pid;
  } catch {
    // not readable from here (another machine or user)
  }
  return findPid('mariadbd') ?? findPid('mysqld');
}

// ---- scenarios

interface Scenario {
  name: string;
  as: string;
  kind: 'read' | 'write';
  variants: RequestVariant[];
}

/** One load run against one server, with the CPU its processes used over the measured part. */
interface Round {
  summary: LoadSummary;
  /** CPU ms over the measured part: the server's process tree (the API and its workers, or the floor), MariaDB, the load generator. */
  cpu: { server: number | null; db: number | null; load: number | null };
  /** ms between the two CPU samples (≈ the measured seconds). */
  elapsedMs: number;
}

interface ScenarioResult {
  scenario: Scenario;
  /** SQL statements one request ran (transaction statements included): the median over the captured requests. */
  statements: number | null;
  statementsRange: [number, number] | null;
  /** Statements in the text of those queries (a multi-statement query, e.g. an audit group commit, counts each): median. */
  sqlStatements: number | null;
  /** Statements sent to mysql2's pool without TypeORM (the hot paths' fixed SQL), at most over the captured requests. */
  rawStatements: number;
  /** The API rounds combined (medians of rps and latency, sums of counts). */
  summary: LoadSummary | null;
  apiRounds: Round[];
  floorRounds: Round[];
  /** Captured requests the floor replays. */
  floorVariants: number;
  floorError?: string;
  /** Growth of the audit tables over the API rounds, and the requests the API answered meanwhile. */
  audit: { bytes: number; rows: number; requests: number } | null;
  explain: ExplainRow[];
  error?: string;
}

/** 1 vs 2 API workers on one scenario (BENCH_COMPARE_WORKERS=1). */
interface WorkersResult {
  scenario: Scenario;
  byWorkers: Array<{ workers: number; processes: number; rounds: Round[] }>;
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
      // the green channel alone (issue #12): the priority rank is an index column, so still one range
      name: 'GET /referral-desk/queue?urgency=emergent', as: 'desk', kind: 'read',
      variants: [{ method: 'GET', path: '/api/v1/referral-desk/queue?urgency=emergent', token: t('desk') }],
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

async function explainScenario(ds: DataSource, statements: CapturedStatement[]): Promise<ExplainRow[]> {
  const out: ExplainRow[] = [];
  const seen = new Set<string>();
  for (const st of statements) {
    if (!/^\s*(SELECT|UPDATE)\b/i.test(st.sql) || seen.has(st.sql)) continue;
    seen.add(st.sql);
    const query = st.template;
    const plan = (await ds.query(`EXPLAIN ${query}`, st.values)) as Array<Record<string, string | number | null>>;
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

/** Runs one job on the load generator; `onMeasuring` is called when its warm-up is over and the measured run starts. */
function runLoad(child: ChildProcess, job: LoadJob, onMeasuring: () => void): Promise<LoadSummary> {
  return new Promise((resolvePromise, reject) => {
    const onMessage = (msg: { type: string; ok?: boolean; summary?: LoadSummary; error?: string }) => {
      if (msg.type === 'measuring') {
        onMeasuring();
        return;
      }
      if (msg.type !== 'done') return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (msg.ok) resolvePromise(msg.summary!);
      else reject(new Error(msg.error));
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`load generator exited (${code})`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
    child.send(job);
  });
}

const median = (xs: number[]): number => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length === 0 ? NaN : v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** Several rounds as one summary: medians of the rates and percentiles, sums of the counts, the first round's probe. */
function combine(rounds: Round[]): LoadSummary | null {
  if (!rounds.length) return null;
  const ss = rounds.map((r) => r.summary);
  const statusCodes: Record<string, number> = {};
  for (const s of ss) for (const [k, v] of Object.entries(s.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
  return {
    single: ss.find((s) => s.single)?.single ?? null,
    warmupTotal: ss.reduce((a, s) => a + s.warmupTotal, 0),
    seconds: ss.reduce((a, s) => a + s.seconds, 0),
    requestsPerSecond: median(ss.map((s) => s.requestsPerSecond)),
    p50: median(ss.map((s) => s.p50)),
    p90: median(ss.map((s) => s.p90)),
    p99: median(ss.map((s) => s.p99)),
    max: Math.max(...ss.map((s) => s.max)),
    total: ss.reduce((a, s) => a + s.total, 0),
    non2xx: ss.reduce((a, s) => a + s.non2xx, 0),
    errors: ss.reduce((a, s) => a + s.errors, 0),
    timeouts: ss.reduce((a, s) => a + s.timeouts, 0),
    statusCodes,
    failures: ss.flatMap((s) => s.failures).slice(0, 5),
  };
}

/** CPU ms per answered request of one kind of process over the rounds' measured parts (the median of the rounds'). */
function cpuPerRequest(rounds: Round[], which: keyof Round['cpu']): number | null {
  const per = rounds.map((r) => (r.cpu[which] === null || r.summary.total === 0 ? null : r.cpu[which]! / r.summary.total));
  return per.some((x) => x === null) || !per.length ? null : median(per as number[]);
}

/** Share of one core (100 = one core) a process used over the rounds' measured parts. */
function cpuShare(rounds: Round[], which: keyof Round['cpu']): number | null {
  const per = rounds.map((r) => (r.cpu[which] === null ? null : (100 * r.cpu[which]!) / r.elapsedMs));
  return per.some((x) => x === null) || !per.length ? null : median(per as number[]);
}

// ---- audit storage

interface AuditSize {
  bytes: number;
  rows: number;
  tables: Record<string, { bytes: number; rows: number }>;
}

/** data_length + index_length of every table of the database, after ANALYZE TABLE (InnoDB's statistics are otherwise stale). */
async function tableBytes(ds: DataSource, database: string): Promise<Map<string, number>> {
  const names = ((await ds.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ?', [database])) as Array<{ t: string }>).map((r) => r.t);
  if (names.length) await ds.query(`ANALYZE TABLE ${names.map((n) => `\`${n}\``).join(', ')}`);
  const rows = (await ds.query(
    'SELECT table_name AS t, data_length + index_length AS b FROM information_schema.tables WHERE table_schema = ?', [database],
  )) as Array<{ t: string; b: string }>;
  return new Map(rows.map((r) => [r.t, Number(r.b)]));
}

/** data_length + index_length and rows of every table whose name starts with `audit`, after ANALYZE TABLE (so the sizes are current). */
async function auditSize(admin: Connection, database: string): Promise<AuditSize> {
  const [list] = await admin.query(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' AND table_name LIKE 'audit%'", [database],
  );
  const names = (list as Array<{ t: string }>).map((r) => r.t);
  const out: AuditSize = { bytes: 0, rows: 0, tables: {} };
  if (!names.length) return out;
  for (const t of names) await admin.query(`ANALYZE TABLE \`${database}\`.\`${t}\``);
  const [sizes] = await admin.query(
    "SELECT table_name AS t, data_length + index_length AS b FROM information_schema.tables WHERE table_schema = ? AND table_name IN (?)", [database, names],
  );
  for (const r of sizes as Array<{ t: string; b: string | number }>) {
    const [[{ n }]] = (await admin.query(`SELECT COUNT(*) AS n FROM \`${database}\`.\`${r.t}\``)) as unknown as [[{ n: string | number }]];
    out.tables[r.t] = { bytes: Number(r.b), rows: Number(n) };
    out.bytes += Number(r.b);
    out.rows += Number(n);
  }
  return out;
}

// ---- results

const round = (x: number | null | undefined, digits = 0): number | null =>
  x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** One scenario's line of results.json and of the summary table of results.md. */
interface SummaryRow {
  name: string;
  as: string;
  kind: 'read' | 'write';
  /** The API under load, medians over its rounds. */
  rps: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  /** The floor server on the same statements, median over its rounds; ratio = rps / floorRps. */
  floorRps: number | null;
  ratio: number | null;
  /** CPU of the API's processes (all workers) per answered request over the measured parts. */
  apiCpuMsPerReq: number | null;
  /** SQL statements per request, i.e. queries sent = round-trips (median over the captured requests). */
  statements: number | null;
  /** Statements in their text (a multi-statement query counts each). */
  sqlStatements: number | null;
  /** Growth of data_length + index_length of the audit* tables per request the API answered in its rounds, and audit rows per request. */
  auditBytesPerReq: number | null;
  auditRowsPerReq: number | null;
  /** The growth itself (bytes, rows) and the requests it is divided by: InnoDB reserves whole extents (1-4 MiB per index), so growth much below that is not resolved. */
  audit: { bytes: number; rows: number; requests: number } | null;
  floorCpuMsPerReq: number | null;
  dbCpuMsPerReq: number | null;
  floorDbCpuMsPerReq: number | null;
  singleP50Ms: number | null;
  singleP99Ms: number | null;
  requests: number | null;
  non2xx: number | null;
  floorNon2xx: number | null;
  floorVariants: number;
  statementsRange: [number, number] | null;
  rawStatements: number;
  rounds: Array<{ api: RoundJson | null; floor: RoundJson | null }>;
  error: string | null;
  floorError: string | null;
}

interface RoundJson {
  rps: number | null;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  cpuMsPerReq: number | null;
  dbCpuMsPerReq: number | null;
}

function roundJson(r: Round | undefined): RoundJson | null {
  if (!r) return null;
  const s = r.summary;
  return {
    rps: round(s.requestsPerSecond), p50Ms: s.p50, p99Ms: s.p99, requests: s.total, non2xx: s.non2xx,
    cpuMsPerReq: round(cpuPerRequest([r], 'server'), 3), dbCpuMsPerReq: round(cpuPerRequest([r], 'db'), 3),
  };
}

function summaryRow(r: ScenarioResult): SummaryRow {
  const s = r.summary;
  const floor = combine(r.floorRounds);
  const rps = s ? s.requestsPerSecond : null;
  const floorRps = floor ? floor.requestsPerSecond : null;
  const rounds = Array.from({ length: Math.max(r.apiRounds.length, r.floorRounds.length) }, (_, i) => ({ api: roundJson(r.apiRounds[i]), floor: roundJson(r.floorRounds[i]) }));
  return {
    name: r.scenario.name, as: r.scenario.as, kind: r.scenario.kind,
    rps: round(rps), p50Ms: s ? round(s.p50, 1) : null, p99Ms: s ? round(s.p99, 1) : null,
    floorRps: round(floorRps), ratio: rps !== null && floorRps ? round(rps / floorRps, 2) : null,
    apiCpuMsPerReq: round(cpuPerRequest(r.apiRounds, 'server'), 3),
    statements: r.statements,
    sqlStatements: r.sqlStatements,
    auditBytesPerReq: r.audit && r.audit.requests ? round(r.audit.bytes / r.audit.requests) : null,
    auditRowsPerReq: r.audit && r.audit.requests ? round(r.audit.rows / r.audit.requests, 2) : null,
    audit: r.audit,
    floorCpuMsPerReq: round(cpuPerRequest(r.floorRounds, 'server'), 3),
    dbCpuMsPerReq: round(cpuPerRequest(r.apiRounds, 'db'), 3),
    floorDbCpuMsPerReq: round(cpuPerRequest(r.floorRounds, 'db'), 3),
    singleP50Ms: s?.single?.p50 ?? null, singleP99Ms: s?.single?.p99 ?? null,
    requests: s?.total ?? null, non2xx: s?.non2xx ?? null, floorNon2xx: floor?.non2xx ?? null,
    floorVariants: r.floorVariants, statementsRange: r.statementsRange, rawStatements: r.rawStatements,
    rounds, error: r.error ?? null, floorError: r.floorError ?? null,
  };
}

interface WorkersJson {
  name: string;
  byWorkers: Array<{ workers: number; processes: number; rps: number | null; p50Ms: number | null; p99Ms: number | null; apiCpuMsPerReq: number | null; rounds: RoundJson[] }>;
  /** rps with 2 workers / rps with 1. */
  speedup: number | null;
  error: string | null;
}

function workersJson(w: WorkersResult): WorkersJson {
  const byWorkers = w.byWorkers.map((b) => {
    const s = combine(b.rounds);
    return {
      workers: b.workers, processes: b.processes, rps: round(s?.requestsPerSecond), p50Ms: s ? round(s.p50, 1) : null, p99Ms: s ? round(s.p99, 1) : null,
      apiCpuMsPerReq: round(cpuPerRequest(b.rounds, 'server'), 3), rounds: b.rounds.map((r) => roundJson(r)!),
    };
  });
  const one = byWorkers.find((b) => b.workers === 1)?.rps;
  const two = byWorkers.find((b) => b.workers === 2)?.rps;
  return { name: w.scenario.name, byWorkers, speedup: one && two ? round(two / one, 2) : null, error: w.error ?? null };
}

interface RunFacts {
  date: string;
  load: number[];
  loadAfter: number[];
  minutes: number;
  apiProcesses: number;
  audit: { rows: number; bytes: number; requests: number; tables: Record<string, { bytes: number; rows: number }> };
}

function resultsJson(cfg: Config, facts: ServerFacts, run: RunFacts, results: ScenarioResult[], workers: WorkersResult[] | null, notes: string[]) {
  const cpu = cpus();
  return {
    date: run.date,
    scale: cfg.scale,
    connections: cfg.connections,
    warmupSeconds: cfg.warmup,
    durationSeconds: cfg.duration,
    rounds: cfg.rounds,
    floor: cfg.floor,
    apiWorkers: cfg.apiWorkers,
    apiProcesses: run.apiProcesses,
    machine: { cpus: cpu.length, model: cpu[0]?.model ?? null, memGiB: round(totalmem() / 1024 ** 3, 1), kernel: release(), node: process.version },
    loadAverage: { start: run.load.map((l) => round(l, 2)), end: run.loadAfter.map((l) => round(l, 2)) },
    mariadb: { version: facts.version, bufferPoolMiB: Math.round(facts.bufferPool / 1024 ** 2), logFileMiB: Math.round(facts.logFile / 1024 ** 2), flushLogAtTrxCommit: facts.flushLogAtTrxCommit },
    minutes: round(run.minutes, 1),
    scenarios: results.map(summaryRow),
    audit: { rowsWritten: run.audit.rows, bytesWritten: run.audit.bytes, apiRequests: run.audit.requests, tables: run.audit.tables },
    workers: workers ? workers.map(workersJson) : null,
    notes,
  };
}

function markdown(cfg: Config, facts: ServerFacts, run: RunFacts, seed: SeedResult, schemaMs: number,
  dbSize: string, tableSizes: Map<string, number>, results: ScenarioResult[], workers: WorkersResult[] | null, notes: string[]): string {
  const cpu = cpus();
  const lines: string[] = [];
  const dash = (v: number | null | undefined, suffix = '') => (v === null || v === undefined ? '–' : `${v.toLocaleString('en-US')}${suffix}`);
  lines.push('# CountyCare benchmark results', '');
  lines.push(`- Date: ${run.date.replace('T', ' ').slice(0, 16)} UTC`);
  lines.push(`- Machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.version}; load average ${run.load.map((l) => l.toFixed(2)).join(' / ')} at the start, ${run.loadAfter.map((l) => l.toFixed(2)).join(' / ')} at the end (other work on the machine shows here)`);
  lines.push(`- MariaDB ${facts.version}: innodb_buffer_pool_size ${mib(facts.bufferPool)}, innodb_log_file_size ${mib(facts.logFile)}, innodb_flush_log_at_trx_commit=${facts.flushLogAtTrxCommit}`);
  lines.push(`- MariaDB, the API (its built main.js as a child process, API_WORKERS=${cfg.apiWorkers}: ${run.apiProcesses} process${run.apiProcesses > 1 ? 'es' : ''}), ` +
    `${cfg.floor ? 'the floor server, ' : ''}the load generator (autocannon) and the benchmark share the same cores: the numbers are what one small box does, not the API alone.`);
  lines.push(`- Scale ${cfg.scale} (service records ${cfg.serviceRecords.toLocaleString('en-US')}); ${cfg.connections} connections from ${cfg.clients} client addresses, ${cfg.warmup} s warm-up, ${cfg.duration} s measured per round, ` +
    `${cfg.rounds} round${cfg.rounds > 1 ? 's' : ''} per scenario${cfg.floor ? ' of API and floor, interleaved' : ''}; schema from ${cfg.schema === 'sync' ? 'the entities (BENCH_SCHEMA=sync)' : 'the migrations'}; whole run ${run.minutes.toFixed(1)} min`);
  lines.push('');
  lines.push('## Summary (bench/results.json)', '');
  lines.push('| scenario | req/s | p50 ms | p99 ms | floor req/s | ratio | API CPU ms / req | floor CPU ms / req | SQL / request | audit bytes / req | audit rows / req |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const j = summaryRow(r);
    const floorCell = r.floorError ? `FAILED` : dash(j.floorRps);
    lines.push(`| ${j.name} | ${dash(j.rps)} | ${dash(j.p50Ms)} | ${dash(j.p99Ms)} | ${floorCell} | ${j.ratio === null ? '–' : j.ratio.toFixed(2)} | ` +
      `${j.apiCpuMsPerReq === null ? '–' : j.apiCpuMsPerReq.toFixed(2)} | ${j.floorCpuMsPerReq === null ? '–' : j.floorCpuMsPerReq.toFixed(2)} | ` +
      `${dash(j.statements)}${j.sqlStatements !== null && j.sqlStatements !== j.statements ? ` (${j.sqlStatements})` : ''} | ` +
      `${dash(j.auditBytesPerReq)} | ${j.auditRowsPerReq === null ? '–' : j.auditRowsPerReq.toFixed(2)} |`);
  }
  lines.push('', `req/s, p50, p99: the API at ${cfg.connections} connections, the median of its ${cfg.rounds} round${cfg.rounds > 1 ? 's' : ''}. ` +
    (cfg.floor
      ? `floor req/s: a bare node:http + mysql2 server (bench/floor-server.ts) sending the same statements the API sent for the same request ` +
        `(up to ${cfg.floorVariants} requests per scenario captured and replayed), measured in rounds interleaved with the API's; ratio = req/s / floor req/s. `
      : 'No floor (BENCH_FLOOR=0). ') +
    'SQL / request: queries sent (round-trips); in parentheses the statements in their text when a query carries several. ' +
    'CPU ms / req: the process tree\'s user + system CPU over the measured seconds per answered request (the API: all its workers). ' +
    'audit bytes / req: growth of data_length + index_length of the tables named audit* (after ANALYZE TABLE) over the API\'s rounds, per request the API answered in them (probe and warm-up included); InnoDB allocates in pages and extents, so small runs read coarse.');
  const failedFloor = results.filter((r) => r.floorError);
  if (failedFloor.length) {
    lines.push('', 'Floor failures:', '');
    for (const r of failedFloor) lines.push(`- ${r.scenario.name}: ${r.floorError}`);
  }
  if (workers && workers.length) {
    lines.push('', '## 1 vs 2 API workers (BENCH_COMPARE_WORKERS=1)', '');
    lines.push('| scenario | workers | processes | req/s | p50 ms | p99 ms | API CPU ms / req | ×1 worker |', '|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const w of workers) {
      const j = workersJson(w);
      const one = j.byWorkers.find((b) => b.workers === 1)?.rps ?? null;
      for (const b of j.byWorkers) {
        lines.push(`| ${j.name} | ${b.workers} | ${b.processes} | ${dash(b.rps)} | ${dash(b.p50Ms)} | ${dash(b.p99Ms)} | ${b.apiCpuMsPerReq === null ? '–' : b.apiCpuMsPerReq.toFixed(2)} | ` +
          `${one && b.rps ? (b.rps / one).toFixed(2) : '–'} |`);
      }
      if (j.error) lines.push(`| ${j.name} | FAILED: ${j.error.slice(0, 80)} | | | | | | |`);
    }
    lines.push('', `Measured after the scenarios above, ${cfg.rounds} round${cfg.rounds > 1 ? 's' : ''} per worker count, interleaved, no floor; processes = the API process and its cluster workers.`);
  }
  lines.push('', '## Scenarios', '');
  lines.push(`| scenario | as | SQL / request | 1 conn. p50 / p99 ms | req/s | p50 ms | p99 ms | max ms | requests | non-2xx | CPU: API / MariaDB / load gen | verdict |`);
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
  for (const r of results) {
    const s = r.summary;
    const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v)} %`);
    const verdict = r.error ? `FAILED: ${r.error.slice(0, 80)}` : verdictOf(s!);
    lines.push(s
      ? `| ${r.scenario.name} | ${r.scenario.as} | ${r.statements ?? '–'} | ${s.single ? `${s.single.p50} / ${s.single.p99}` : '–'} | ${Math.round(s.requestsPerSecond)} | ${s.p50} | ${s.p99} | ${s.max} | ` +
        `${s.total} | ${s.non2xx} | ${pct(cpuShare(r.apiRounds, 'server'))} / ${pct(cpuShare(r.apiRounds, 'db'))} / ${pct(cpuShare(r.apiRounds, 'load'))} | ${verdict} |`
      : `| ${r.scenario.name} | ${r.scenario.as} | ${r.statements ?? '–'} | – | – | – | – | – | – | – | – | ${verdict} |`);
  }
  lines.push('', `SQL / request: statements one request ran (auth, reads, the audit INSERT and transaction statements), every statement sent through mysql2. 1 conn.: ${cfg.probe} requests ` +
    `sent one at a time before the load (the endpoint's own latency; over ${P99_BUDGET_MS} ms at p99 is flagged). The other latency columns are ` +
    `under ${cfg.connections} connections, where they are mostly queueing on a saturated machine; req/s, p50 and p99 are medians over the API's rounds, requests and non-2xx their sums. ` +
    'CPU is the share of one core each process used over the measured seconds (the API: all its processes); 200 % would be both cores.');
  lines.push('', '## Seed', '');
  lines.push(`Schema ${secs(schemaMs)}; seed ${secs(seed.seedMs)} in all; database size after the run ${dbSize}. Tables are written concurrently ` +
    '(a contract, its packages, plan windows and service records in one pass), so their times overlap.', '');
  lines.push('| table | rows | statements | time from first to last statement | rows/s | data + indexes after the run |', '|---|---:|---:|---:|---:|---:|');
  const size = (bytes: number | undefined) => (bytes === undefined ? '–' : `${(bytes / 1024 ** 2).toFixed(1)} MiB`);
  for (const t of seed.timings) {
    lines.push(`| ${t.table} | ${t.rows.toLocaleString('en-US')} | ${t.statements} | ${secs(t.spanMs)} | ${t.spanMs > 0 ? Math.round(t.rows / (t.spanMs / 1000)).toLocaleString('en-US') : '–'} | ${size(tableSizes.get(t.table))} |`);
  }
  const seeded = new Set(seed.timings.map((t) => t.table));
  const others = [...tableSizes].filter(([t, b]) => !seeded.has(t) && b > 16 * 1024 ** 2).sort((a, b) => b[1] - a[1]);
  if (others.length) lines.push('', `Other tables over 16 MiB after the run: ${others.map(([t, b]) => `${t} ${size(b)}`).join(', ')}.`);
  lines.push('', '## EXPLAIN of the SQL each scenario runs', '');
  lines.push('One request per scenario, SQL captured as sent through mysql2; INSERTs and transaction statements left out. Flags: FULL SCAN (type ALL, over 100 rows), FULL INDEX SCAN (over 1,000), FILESORT and TEMPORARY (over 50 rows).', '');
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

/** More than 1 % non-2xx, a non-2xx answer on one connection, or no answer at all (the server is gone). */
function failedShare(s: LoadSummary): boolean {
  return s.total === 0 || s.non2xx / s.total > MAX_NON_2XX_SHARE || (s.single?.non2xx ?? 0) > 0;
}

function verdictOf(s: LoadSummary): string {
  if (s.total === 0) return `**FAILED: no answer (${s.errors} socket errors)**`;
  if (failedShare(s)) return `**FAILED: ${((100 * s.non2xx) / Math.max(1, s.total)).toFixed(1)} % non-2xx**`;
  const notes = [
    ...(s.single && s.single.p99 > P99_BUDGET_MS ? [`**p99 > ${P99_BUDGET_MS} ms on 1 connection**`] : []),
    ...(s.errors > 0 ? [`${s.errors} socket errors`] : []),
  ];
  return ['ok', ...notes].join(', ');
}

// ---- the run

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `count` distinct variants at random (all of them when there are fewer). */
function sample<T>(list: readonly T[], count: number): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

async function main(): Promise<void> {
  const cfg = readConfig(process.env);
  const serverUri = `${cfg.url.protocol}//${cfg.url.username}${cfg.url.password ? ':' + cfg.url.password : ''}@${cfg.url.host}/`.replace(/^mariadb:/, 'mysql:');
  const admin = await createConnection({ uri: serverUri });
  const original = await serverFacts(admin);
  const runStarted = performance.now();
  const runDate = new Date().toISOString();
  const startLoad = loadavg();
  let app: NestFastifyApplication | null = null;
  let loadGen: ChildProcess | null = null;
  let floorServer: ChildProcess | null = null;
  const apis: ApiProcess[] = [];
  const results: ScenarioResult[] = [];
  let workers: WorkersResult[] | null = null;
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
    // the environment of both API instances (the in-process one reads it through loadSettings, the child as its env)
    const apiEnv: Record<string, string> = {
      DATABASE_URL: cfg.url.toString(), JWT_SECRET, FIELD_ENCRYPTION_KEY: FIELD_KEY,
      DEMO_SEED: 'false', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000', TRUST_PROXY: 'true', DB_MIGRATE: 'auto',
      ...cfg.apiEnv,
    };
    const settings: AppSettings = {
      ...loadSettings({ ...apiEnv, API_WORKERS: '1' }),
      synchronizeForTests: cfg.schema === 'sync',
    };
    const flavor: Flavor = await detectFlavor(settings.database);
    const schemaStarted = performance.now();
    const dsOptions = dataSourceOptions(settings.database, flavor, SCHEMA);
    const ds = await new DataSource(dsOptions).initialize();
    let schemaMs: number;
    let seed: SeedResult;
    try {
      if (cfg.schema === 'sync') {
        await ds.synchronize();
        // the API child starts with DB_MIGRATE=auto: it must find no migration pending on the entities' schema
        await ds.runMigrations({ transaction: 'each', fake: true });
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

    // 3. the API in this process (sign-ins, captured requests), the API under load as a child, the floor, the load generator
    app = await buildApp(settings, flavor, { logger: false, docsUi: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const localUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    log(`in-process API on ${localUrl} (sign-ins and SQL capture)`);
    const tokens: string[] = [];
    /** The user behind each token, to sign in again before the tokens expire (a full run outlasts them). */
    const tokenUsers: string[] = [];
    const tokenIndex = new Map<string, number>();
    for (const [who, username] of Object.entries(seed.users)) {
      tokenUsers.push(username);
      const res = await fetch(`${localUrl}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${res.status} ${await res.text()}`);
      tokenIndex.set(who, tokens.push(`Bearer ${((await res.json()) as { accessToken: string }).accessToken}`) - 1);
    }
    // the round writes spread over the nurses of several teams, as on a real morning (the login route's rate limit is per client, so in process)
    const auth = app.get(AuthService);
    const roundTokens: Array<{ token: number; sickbedIds: string[] }> = [];
    for (const target of seed.pools.roundTargets) {
      tokenUsers.push(target.username);
      const { tokens: pair } = await auth.login(target.username, PASSWORD, { requestId: 'bench', ip: '127.0.0.1' });
      roundTokens.push({ token: tokens.push(`Bearer ${pair.accessToken}`) - 1, sickbedIds: target.sickbedIds });
    }
    log(`signed in: ${[...tokenIndex.keys()].join(', ')} and ${roundTokens.length} nurses`);
    let signedInAt = Date.now();
    /** Everyone signs in again once half of an access token's life has passed: each measurement takes the tokens as they are then. */
    const renewTokens = async () => {
      if (Date.now() - signedInAt < (SESSION_LIMITS.accessTokenSeconds * 1000) / 2) return;
      for (let i = 0; i < tokenUsers.length; i++) {
        const { tokens: pair } = await auth.login(tokenUsers[i], PASSWORD, { requestId: 'bench', ip: '127.0.0.1' });
        tokens[i] = `Bearer ${pair.accessToken}`;
      }
      signedInAt = Date.now();
      log(`signed in again (access tokens last ${SESSION_LIMITS.accessTokenSeconds / 60} min)`);
    };

    const api = await startApi(cfg.apiMain, apiEnv, cfg.apiWorkers, cfg.apiNodeOptions);
    apis.push(api);
    log(`API under load: pid ${api.pid}, API_WORKERS=${cfg.apiWorkers}, ${api.processes} process${api.processes > 1 ? 'es' : ''}, on ${api.baseUrl}`);
    if (cfg.apiWorkers > 1 && api.processes === 1) notes.push(`BENCH_API_WORKERS=${cfg.apiWorkers} started one process: its cluster workers did not come up within 10 s (see the API's log above).`);

    const apiDs = app.get(DataSource);
    const capture = new SqlCapture('Z');
    (apiDs as { logger: Logger }).logger = capture;
    const poolSize = (dsOptions as DataSourceOptions & { poolSize?: number }).poolSize ?? 10;
    if (cfg.floor) {
      const db = dsOptions as DataSourceOptions & { host: string; port: number; username: string; password?: string; database: string };
      const floorDb: FloorDb = { host: db.host, port: db.port, user: db.username, password: db.password, database: db.database };
      floorServer = forkScript(join(__dirname, 'floor-server.js'));
      const { port } = await ask<{ port: number }>(floorServer, { type: 'start', db: floorDb, poolSize }, 'listening');
      log(`floor server: pid ${floorServer.pid}, pool of ${poolSize}, on http://127.0.0.1:${port}`);
      (floorServer as ChildProcess & { baseUrl?: string }).baseUrl = `http://127.0.0.1:${port}`;
    }
    const floorUrl = (floorServer as (ChildProcess & { baseUrl?: string }) | null)?.baseUrl ?? '';

    const scenarios = buildScenarios(seed.pools, tokenIndex, roundTokens).filter((s) => !cfg.filter || cfg.filter.test(s.name));
    loadGen = forkScript(join(__dirname, 'load-generator.js'));
    const dbPid = await serverPid(admin);
    log(`MariaDB server: pid ${dbPid ?? 'unknown (its CPU is not reported)'}`);
    const lg = loadGen;
    /** One load job against one server (its process tree's CPU sampled around the measured part). */
    const measure = async (target: { baseUrl: string; pid: number }, variants: RequestVariant[], probe: number, seconds = cfg.duration): Promise<Round> => {
      const sampleCpu = () => ({ server: treeCpuMs(target.pid), db: dbPid ? cpuMs(dbPid) : null, load: cpuMs(lg.pid!), at: performance.now() });
      let before: ReturnType<typeof sampleCpu> | null = null;
      const summary = await runLoad(lg, {
        baseUrl: target.baseUrl, connections: cfg.connections, warmupSeconds: cfg.warmup, durationSeconds: seconds, tokens, variants,
        clients: cfg.clients, probeRequests: probe,
      }, () => { before = sampleCpu(); });
      const after = sampleCpu();
      const b = before ?? after;
      const delta = (x: number | null, y: number | null) => (x === null || y === null ? null : y - x);
      return { summary, cpu: { server: delta(b.server, after.server), db: delta(b.db, after.db), load: delta(b.load, after.load) }, elapsedMs: after.at - b.at };
    };
    const fill = (v: RequestVariant, unique: string) =>
      v.body?.replace(/__UNIQUE__/g, unique).replace(/__NOW__/g, new Date(Date.now() - 60_000).toISOString());
    const sendLocal = async (v: RequestVariant, body: string | undefined) => {
      const res = await fetch(localUrl + v.path, {
        method: v.method, headers: { authorization: tokens[v.token], ...(body ? { 'content-type': 'application/json' } : {}) }, body,
      });
      const text = await res.text();
      if (res.status < 200 || res.status > 299) throw new Error(`check request ${v.method} ${v.path}: HTTP ${res.status} ${text.slice(0, 300)}`);
      return { status: res.status, text };
    };
    const auditTotal = { rows: 0, bytes: 0, requests: 0, tables: {} as Record<string, { bytes: number; rows: number }> };
    let checks = 0;
    const dumps: Array<{ scenario: string; request: string; statements: CapturedStatement[]; plan: FloorPlan }> = [];

    for (const scenario of scenarios) {
      await renewTokens();
      const result: ScenarioResult = {
        scenario, statements: null, statementsRange: null, sqlStatements: null, rawStatements: 0, summary: null, apiRounds: [], floorRounds: [], floorVariants: 0, audit: null, explain: [],
      };
      results.push(result);
      try {
        // 4a. a sample of the requests, once to warm the in-process instance (its caches as under load), once captured
        const chosen = sample(scenario.variants, cfg.floor ? cfg.floorVariants : 1);
        for (const v of chosen) await sendLocal(v, fill(v, `warm${checks++}`));
        const plans: FloorPlan[] = [];
        const counts: number[] = [];
        const inText: number[] = [];
        let firstStatements: CapturedStatement[] | null = null;
        for (const v of chosen) {
          const body = fill(v, `check${checks++}`);
          capture.start();
          const startedMs = Date.now();
          const answer = await sendLocal(v, body).finally(() => capture.stop());
          const endedMs = Date.now();
          const statements = capture.statements;
          firstStatements ??= statements;
          counts.push(statements.length);
          inText.push(statements.reduce((n, st) => n + statementsIn(st.template), 0));
          result.rawStatements = Math.max(result.rawStatements, statements.filter((st) => st.runner === undefined).length);
          plans.push(buildPlan({
            key: `${v.method} ${v.path}\n${tokens[v.token]}`, status: answer.status, body: answer.text ? JSON.parse(answer.text) : null,
            statements, bodyTemplate: v.body, sentBody: body, startedMs, endedMs,
          }));
        }
        result.statements = Math.round(median(counts));
        result.statementsRange = [Math.min(...counts), Math.max(...counts)];
        result.sqlStatements = Math.round(median(inText));
        result.explain = await explainScenario(apiDs, firstStatements ?? []);
        if (cfg.dumpSql) {
          dumps.push({ scenario: scenario.name, request: `${chosen[0].method} ${chosen[0].path}`, statements: firstStatements ?? [], plan: plans[0] });
          writeFileSync(cfg.dumpSql, JSON.stringify(dumps, null, 2) + '\n');
        }
        if (cfg.floor) {
          const ready = await ask<{ count: number }>(floorServer!, { type: 'plans', plans }, 'ready');
          result.floorVariants = ready.count;
        }
        const floorVariants = chosen;

        log(`${scenario.name} (${scenario.variants.length} request variants; ${result.statements} statements per request` +
          `${cfg.floor ? `; floor: ${result.floorVariants} captured requests` : ''}) …`);
        // 4b. API / floor, interleaved
        const audit = { bytes: 0, rows: 0, requests: 0 };
        for (let r = 0; r < cfg.rounds; r++) {
          const a0 = await auditSize(admin, cfg.database);
          const apiRound = await measure(api, scenario.variants, r === 0 ? cfg.probe : 0);
          // requests still in flight when autocannon stopped finish before the sizes are read and the next load starts
          await sleep(1500);
          const a1 = await auditSize(admin, cfg.database);
          result.apiRounds.push(apiRound);
          const s = apiRound.summary;
          const answered = (s.single?.total ?? 0) + s.warmupTotal + s.total;
          audit.bytes += a1.bytes - a0.bytes;
          audit.rows += a1.rows - a0.rows;
          audit.requests += answered;
          for (const [t, v] of Object.entries(a1.tables)) {
            const was = a0.tables[t] ?? { bytes: 0, rows: 0 };
            const acc = (auditTotal.tables[t] ??= { bytes: 0, rows: 0 });
            acc.bytes += v.bytes - was.bytes;
            acc.rows += v.rows - was.rows;
          }
          log(`  API   round ${r + 1}: ${Math.round(s.requestsPerSecond)} req/s, p50 ${s.p50} ms, p99 ${s.p99} ms, non-2xx ${s.non2xx}/${s.total}, errors ${s.errors}` +
            `${s.single ? `; 1 connection: p50 ${s.single.p50} ms, p99 ${s.single.p99} ms` : ''}; CPU ${round(cpuPerRequest([apiRound], 'server'), 2) ?? '–'} ms/req`);
          if (failedShare(s)) {
            exitCode = 1;
            console.error(`FAILED ${scenario.name}: ${s.non2xx} of ${s.total} answers were not 2xx (${JSON.stringify(s.statusCodes)})`);
            for (const f of s.failures) console.error(`  ${f.status} ${f.path}: ${f.body}`);
          } else if (s.non2xx > 0) {
            // under the failure threshold, but a non-2xx answer always says why (issue #10: 39 unexplained ones)
            log(`  API   round ${r + 1}: the non-2xx answers by status ${JSON.stringify(s.statusCodes)}; the first: ` +
              s.failures.map((f) => `${f.status} ${f.path}: ${f.body.slice(0, 200)}`).join(' | '));
          }
          if (cfg.floor && !result.floorError) {
            const floorRound = await measure({ baseUrl: floorUrl, pid: floorServer!.pid! }, floorVariants, 0);
            await sleep(500);
            result.floorRounds.push(floorRound);
            const f = floorRound.summary;
            log(`  floor round ${r + 1}: ${Math.round(f.requestsPerSecond)} req/s, p50 ${f.p50} ms, p99 ${f.p99} ms, non-2xx ${f.non2xx}/${f.total}; ` +
              `CPU ${round(cpuPerRequest([floorRound], 'server'), 2) ?? '–'} ms/req`);
            if (failedShare(f)) {
              const stats = await ask<{ errors: number; firstError: string | null }>(floorServer!, { type: 'stats' }, 'stats');
              result.floorError = `${f.non2xx} of ${f.total} floor answers were not 2xx: ${stats.firstError ?? f.failures[0]?.body ?? '?'}`;
              exitCode = 1;
              console.error(`FAILED ${scenario.name} (floor): ${result.floorError}`);
            }
          }
        }
        result.audit = audit;
        auditTotal.bytes += audit.bytes;
        auditTotal.rows += audit.rows;
        auditTotal.requests += audit.requests;
        result.summary = combine(result.apiRounds);
      } catch (e) {
        exitCode = 1;
        result.error = (e as Error).message;
        console.error(`FAILED ${scenario.name}: ${result.error}`);
        result.summary = combine(result.apiRounds);
      }
    }

    // 5. 1 vs 2 API workers
    if (cfg.compareWorkers) {
      workers = [];
      const byCount = new Map<number, ApiProcess>([[cfg.apiWorkers, api]]);
      for (const n of [1, 2]) {
        if (byCount.has(n)) continue;
        const other = await startApi(cfg.apiMain, apiEnv, n, cfg.apiNodeOptions);
        apis.push(other);
        byCount.set(n, other);
        log(`API with API_WORKERS=${n}: pid ${other.pid}, ${other.processes} process${other.processes > 1 ? 'es' : ''}, on ${other.baseUrl}`);
      }
      if (byCount.get(2)!.processes <= 1) notes.push('BENCH_COMPARE_WORKERS: API_WORKERS=2 started one process (its cluster workers did not come up within 10 s): the "2 workers" rows are one process.');
      for (const r of results) {
        if (r.error || !cfg.compareFilter.test(r.scenario.name)) continue;
        const w: WorkersResult = { scenario: r.scenario, byWorkers: [1, 2].map((n) => ({ workers: n, processes: byCount.get(n)!.processes, rounds: [] })) };
        workers.push(w);
        log(`${r.scenario.name}: 1 vs 2 API workers …`);
        try {
          // the API started for the comparison has not served this scenario yet: an unmeasured load first, so its JIT and caches are as warm as the other's
          await renewTokens();
          for (const a of apis) if (a !== api) await measure(a, r.scenario.variants, 0, Math.max(3, cfg.warmup));
          for (let round_ = 0; round_ < cfg.rounds; round_++) {
            await renewTokens();
            for (const b of w.byWorkers) {
              const m = await measure(byCount.get(b.workers)!, r.scenario.variants, 0);
              await sleep(1500);
              b.rounds.push(m);
              const s = m.summary;
              log(`  ${b.workers} worker${b.workers > 1 ? 's' : ''} round ${round_ + 1}: ${Math.round(s.requestsPerSecond)} req/s, p50 ${s.p50} ms, p99 ${s.p99} ms, ` +
                `non-2xx ${s.non2xx}/${s.total}; CPU ${round(cpuPerRequest([m], 'server'), 2) ?? '–'} ms/req`);
              if (failedShare(s)) {
                exitCode = 1;
                w.error = `${b.workers} workers: ${s.non2xx} of ${s.total} answers were not 2xx`;
              }
            }
          }
        } catch (e) {
          exitCode = 1;
          w.error = (e as Error).message;
        }
      }
    }

    const tableSizes = await tableBytes(apiDs, cfg.database);
    const dbSize = `${([...tableSizes.values()].reduce((a, b) => a + b, 0) / 1024 ** 3).toFixed(2)} GiB`;
    const [{ audits }] = (await apiDs.query('SELECT COUNT(*) AS audits FROM audit_events')) as Array<{ audits: string }>;
    notes.push(`Audit rows written while the API was under load: ${auditTotal.rows.toLocaleString('en-US')} for ${auditTotal.requests.toLocaleString('en-US')} requests, ` +
      `${(auditTotal.bytes / 1024 ** 2).toFixed(1)} MiB (${Object.entries(auditTotal.tables).map(([t, v]) => `${t}: ${v.rows.toLocaleString('en-US')} rows, ${(v.bytes / 1024 ** 2).toFixed(1)} MiB`).join('; ')}). ` +
      `audit_events holds ${Number(audits).toLocaleString('en-US')} rows at the end (the floor's replayed INSERTs and the captured requests included).`);
    const raw = results.filter((r) => r.rawStatements > 0);
    if (raw.length) notes.push(`Statements per request sent to mysql2's pool without TypeORM (fixed SQL): ${raw.map((r) => `${r.scenario.name} ${r.rawStatements}`).join(', ')}.`);
    notes.push(`Row counts: ${Object.entries(seed.counts).map(([k, v]) => `${k} ${Number(v).toLocaleString('en-US')}`).join(', ')}.`);
    const runFacts: RunFacts = {
      date: runDate, load: startLoad, loadAfter: loadavg(), minutes: (performance.now() - runStarted) / 60_000, apiProcesses: api.processes, audit: auditTotal,
    };
    const text = markdown(cfg, facts, runFacts, seed, schemaMs, dbSize, tableSizes, results, workers, notes);
    writeFileSync(cfg.resultsPath, text);
    writeFileSync(cfg.resultsJsonPath, JSON.stringify(resultsJson(cfg, facts, runFacts, results, workers, notes), null, 2) + '\n');
    console.log('\n' + text);
    log(`results written to ${cfg.resultsPath} and ${cfg.resultsJsonPath}`);
  } finally {
    loadGen?.disconnect();
    floorServer?.disconnect();
    for (const a of apis) await a.stop();
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

// a signal ends the run through process.exit, so the API children are stopped (processes.ts); the database stays
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exitCode = 1;
});
