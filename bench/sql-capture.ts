/**
 * What one request sends to the database, captured in the benchmark's process
 * (its in-process API instance serves the captured requests), and turned into
 * a plan the floor server (bench/floor-server.ts) replays.
 *
 * Two sources, both only while a capture is open:
 *  - mysql2's connection, at the entry of query() and execute() (wrapped in
 *    this process only, for the capture; the API under load runs unwrapped
 *    in its own process): every statement any code sends through mysql2 --
 *    TypeORM's, and the hot paths' fixed SQL sent straight to the pool
 *    (libs/database sql.ts) -- with its `?` placeholders and values. This is
 *    the list that counts.
 *  - TypeORM's logger: which query runner sent a statement (the statements of
 *    one runner, a transaction's among them, share one pool connection; a
 *    statement sent to the pool itself takes any free connection).
 */
import * as mysql2 from 'mysql2';
import { Logger, QueryRunner } from 'typeorm';

const formatSql = mysql2.format;

export interface CapturedStatement {
  /** As the server received it (the values formatted in). */
  sql: string;
  /** With its placeholders, and the values. */
  template: string;
  values: unknown[];
  via: 'query' | 'execute';
  /** Sent through TypeORM: its query runner (a small number); undefined: sent to the pool directly, not through TypeORM. */
  runner?: number;
  /** The connection's thread id on the server. */
  threadId?: number;
}

type Wire = { template: string; values: unknown[]; via: 'query' | 'execute'; threadId?: number };

/** What query(sql, values, cb) / execute(sql, values, cb) were given: a string, an options object, or a Query command (from pool.query). */
function describe(via: 'query' | 'execute', sql: unknown, values: unknown, threadId?: number): Wire {
  if (sql && typeof sql === 'object') {
    const o = sql as { sql?: unknown; values?: unknown };
    return { template: String(o.sql), values: Array.isArray(values) ? values : Array.isArray(o.values) ? o.values : [], via, threadId };
  }
  return { template: String(sql), values: Array.isArray(values) ? values : [], via, threadId };
}

const Base = Object.getPrototypeOf((mysql2 as unknown as { Connection: { prototype: object } }).Connection.prototype) as {
  query: (...args: unknown[]) => unknown;
  execute: (...args: unknown[]) => unknown;
};

export class SqlCapture implements Logger {
  private wire: Wire[] = [];
  private logged: Array<{ query: string; parameters?: unknown[]; runner: QueryRunner | undefined }> = [];
  private open = false;
  private readonly originals = { query: Base.query, execute: Base.execute };
  /** The last capture's statements (after stop()). */
  statements: CapturedStatement[] = [];

  constructor(private readonly timezone = 'Z') {
    const self = this;
    const { query, execute } = this.originals;
    Base.query = function (this: { threadId?: number }, ...args: unknown[]) {
      if (self.open) self.wire.push(describe('query', args[0], args[1], this.threadId));
      return query.apply(this, args);
    };
    Base.execute = function (this: { threadId?: number }, ...args: unknown[]) {
      if (self.open) self.wire.push(describe('execute', args[0], args[1], this.threadId));
      return execute.apply(this, args);
    };
  }

  dispose(): void {
    Base.query = this.originals.query;
    Base.execute = this.originals.execute;
  }

  start(): void {
    this.wire = [];
    this.logged = [];
    this.open = true;
  }

  /** Ends the capture; its statements, in the order they were sent, are in `statements`. */
  stop(): CapturedStatement[] {
    this.open = false;
    const runners = new Map<QueryRunner, number>();
    const out: CapturedStatement[] = [];
    let next = 0;
    for (const w of this.wire) {
      const statement: CapturedStatement = {
        sql: w.via === 'query' ? formatSql(w.template, w.values as never[], false, this.timezone) : w.template,
        template: w.template, values: w.values, via: w.via, threadId: w.threadId,
      };
      // TypeORM logs right before it sends, so its entry is at or shortly after `next`
      for (let i = next; i < Math.min(this.logged.length, next + 8); i++) {
        const l = this.logged[i];
        const params = Array.isArray(l.parameters) ? l.parameters : [];
        if (l.query !== w.template || (params !== w.values && JSON.stringify(params) !== JSON.stringify(w.values))) continue;
        if (l.runner) {
          if (!runners.has(l.runner)) runners.set(l.runner, runners.size);
          statement.runner = runners.get(l.runner);
        }
        next = i + 1;
        break;
      }
      out.push(statement);
    }
    this.statements = out;
    return out;
  }

  logQuery(query: string, parameters?: unknown[], queryRunner?: QueryRunner) {
    if (this.open) this.logged.push({ query, parameters, runner: queryRunner });
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}

// ---- plans for the floor server

/** A parameter as the floor server rebuilds it (JSON-safe: plans travel over IPC). */
export type PlanValue =
  | { v: string | number | boolean | null }
  | { date: string }
  | { buf: string }
  | { json: unknown }
  /** An array (a multi-row `VALUES ?`), its elements encoded alike. */
  | { arr: PlanValue[] }
  /** A string in which the plan's tokens are replaced per request. */
  | { tpl: string }
  /** A binary UUID the API generated (a token's id as 16 bytes). */
  | { idBuf: string }
  /** The request's own instant (a `new Date()` the API made while serving it), or as a string the API formatted. */
  | { now: true }
  | { nowText: 'mysql' | 'iso' }
  /** A date the request body carries (e.g. deliveredAt), at this JSON path. */
  | { bodyDate: string[] };

export type PlanToken =
  /** An id the API generated while serving the request (UUIDv7 of the request's milliseconds, as text or 16 bytes): a fresh newId() per request. */
  | { text: string; kind: 'id' }
  /** A value the load generator makes unique per request (clientId): the request body's value at `path`. */
  | { text: string; kind: 'body'; path: string[] };

export interface PlanStep {
  /** With its placeholders: mysql2 formats the values in, as it does for the API. */
  sql: string;
  values: PlanValue[];
  via: 'query' | 'execute';
  /** Statements of one TypeORM query runner share one pool connection, held from its first statement to its last; null: the pool's (any free connection, as pool.query). */
  runner: number | null;
  /** The last statement of its runner: release the connection after it. */
  release: boolean;
}

export interface FloorPlan {
  /** `${method} ${path}\n${authorization}`: how the floor server finds the plan of a request. */
  key: string;
  status: number;
  /** The API's answer to the captured request, re-serialised per request. */
  body: unknown;
  steps: PlanStep[];
  tokens: PlanToken[];
}

const UUID7 = /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/gi;
const MYSQL_DATETIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?$/;
const ISO_DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/;

function uuid7Ms(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

/** A 16-byte UUIDv7 as its canonical text, or null. */
function binaryUuid7(b: Buffer): string | null {
  if (b.length !== 16 || b[6] >> 4 !== 7 || b[8] >> 6 !== 2) return null;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Statements in one query's text (`a; b; c` sent as one round-trip counts 3), semicolons in quotes aside. */
export function statementsIn(sql: string): number {
  let n = 0;
  let current = '';
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === ';') {
      if (current.trim()) n += 1;
      current = '';
      continue;
    }
    current += ch;
  }
  return n + (current.trim() ? 1 : 0);
}

/** String leaves of a JSON value with their paths. */
function leaves(value: unknown, path: string[] = [], out: Array<{ path: string[]; value: string }> = []) {
  if (typeof value === 'string') out.push({ path, value });
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, [...path, k], out);
  return out;
}

/**
 * The floor server's plan for one captured request.
 *
 * Parameters are replayed as captured, except what must differ per request
 * for the statements to do the same work (and not fail on a unique key):
 *  - UUIDv7 ids whose timestamp falls within the request (the API generated
 *    them while serving it: the new row's id, the audit event's) become fresh
 *    ids, the same fresh id wherever the captured one appears;
 *  - the body's per-request values (the `__UNIQUE__` clientId, the `__NOW__`
 *    instants) become the request body's;
 *  - Dates within the request (created_at, the audit event's `at`) become the
 *    request's own instant.
 * Everything else (ids from the path, a session id, a contract's package
 * ids, a row's version read by an earlier SELECT) is replayed as captured.
 */
export function buildPlan(input: {
  key: string;
  status: number;
  body: unknown;
  statements: CapturedStatement[];
  /** The variant's body template (with `__UNIQUE__` / `__NOW__`) and the body the captured request sent. */
  bodyTemplate?: string;
  sentBody?: string;
  startedMs: number;
  endedMs: number;
}): FloorPlan {
  const tokens = new Map<string, PlanToken>();
  const from = input.startedMs - 2;
  const to = input.endedMs + 2;
  const bodyFields: Array<{ path: string[]; sent: string; isDate: boolean }> = [];
  if (input.bodyTemplate && input.sentBody) {
    const sent = leaves(JSON.parse(input.sentBody));
    for (const t of leaves(JSON.parse(input.bodyTemplate))) {
      if (!/__UNIQUE__|__NOW__/.test(t.value)) continue;
      const s = sent.find((x) => x.path.join('.') === t.path.join('.'));
      if (s) bodyFields.push({ path: t.path, sent: s.value, isDate: t.value === '__NOW__' });
    }
  }
  const dateFields = bodyFields.filter((f) => f.isDate).map((f) => ({ ...f, ms: Date.parse(f.sent) }));
  for (const f of bodyFields) if (!f.isDate) tokens.set(f.sent, { text: f.sent, kind: 'body', path: f.path });
  for (const f of dateFields) tokens.set(f.sent, { text: f.sent, kind: 'body', path: f.path });
  const noteId = (id: string) => {
    const ms = uuid7Ms(id);
    if (ms >= from && ms <= to) tokens.set(id.toLowerCase(), { text: id.toLowerCase(), kind: 'id' });
  };
  const visit = (v: unknown): void => {
    if (typeof v === 'string') for (const id of v.match(UUID7) ?? []) noteId(id);
    else if (Buffer.isBuffer(v)) {
      const id = binaryUuid7(v);
      if (id) noteId(id);
    } else if (Array.isArray(v)) v.forEach(visit);
  };
  for (const s of input.statements) s.values.forEach(visit);
  const inWindow = (ms: number) => ms >= from && ms <= to;
  const hasToken = (text: string) => [...tokens.keys()].some((t) => text.includes(t));

  const encode = (value: unknown): PlanValue => {
    if (value instanceof Date) {
      const ms = value.getTime();
      const field = dateFields.find((f) => f.ms === ms);
      if (field) return { bodyDate: field.path };
      if (ms >= from && ms <= to) return { now: true };
      return { date: value.toISOString() };
    }
    if (Buffer.isBuffer(value)) {
      const id = binaryUuid7(value);
      return id && tokens.has(id) ? { idBuf: id } : { buf: value.toString('base64') };
    }
    if (Array.isArray(value)) return { arr: value.map(encode) };
    if (typeof value === 'string') {
      // an instant of the request the API formatted itself (a multi-row INSERT's `at`)
      if (MYSQL_DATETIME.test(value) && inWindow(Date.parse(value.replace(' ', 'T') + 'Z'))) return { nowText: 'mysql' };
      if (ISO_DATETIME.test(value) && inWindow(Date.parse(value)) && !dateFields.some((f) => f.sent === value)) return { nowText: 'iso' };
      return hasToken(value) ? { tpl: value } : { v: value };
    }
    if (value === null || value === undefined) return { v: null };
    if (typeof value === 'number' || typeof value === 'boolean') return { v: value };
    return { json: value };
  };

  const steps: PlanStep[] = input.statements.map((s) => ({
    sql: s.template, values: s.values.map(encode), via: s.via, runner: s.runner ?? null, release: false,
  }));
  // a runner's connection is released after its last statement
  const last = new Map<number, number>();
  steps.forEach((s, i) => { if (s.runner !== null) last.set(s.runner, i); });
  for (const i of last.values()) steps[i].release = true;
  return { key: input.key, status: input.status, body: input.body, steps, tokens: [...tokens.values()] };
}
