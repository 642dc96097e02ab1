/**
 * The floor of bench/run.ts (issue #10): a bare node:http + mysql2 server, a
 * process of its own, that answers a scenario's requests by sending exactly
 * the statements the API sent for the same request (captured by run.ts; see
 * bench/sql-capture.ts for what is replayed as captured and what is made
 * fresh per request), over one pool, with the API's connection pattern (the
 * statements of one TypeORM query runner, a transaction's among them, on one
 * pooled connection), and answers with the API's JSON body for that request.
 * No framework, no ORM, no validation, no auth beyond the session statement
 * the API sent: what those statements cost over HTTP on this machine, and so
 * the most the API could reach with them.
 *
 * Protocol (IPC with run.ts):
 *   → { type: 'start', db, poolSize }        ← { type: 'listening', port }
 *   → { type: 'plans', plans: FloorPlan[] }  ← { type: 'ready', count }      (replaces the plans, resets the counters)
 *   → { type: 'stats' }                      ← { type: 'stats', requests, errors, firstError }
 *   disconnect: closes and exits.
 */
import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPool, Pool, PoolConnection } from 'mysql2/promise';
import type { FloorPlan, PlanToken, PlanValue } from './sql-capture';

export interface FloorDb {
  host: string;
  port: number;
  user: string;
  password?: string;
  database: string;
}

type Slot =
  | { kind: 'value'; value: unknown }
  | { kind: 'arr'; items: Slot[] }
  | { kind: 'tpl'; text: string }
  | { kind: 'idBuf'; id: string }
  | { kind: 'now' }
  | { kind: 'nowText'; format: 'mysql' | 'iso' }
  | { kind: 'bodyDate'; path: string[] };

interface Prepared {
  status: number;
  body: unknown;
  steps: Array<{ sql: string; slots: Slot[]; via: 'query' | 'execute'; runner: number | null; release: boolean }>;
  tokens: Map<string, PlanToken>;
  pattern: RegExp | null;
}

const TIMEZONE = 'Z';
let pool: Pool | null = null;
let plans = new Map<string, Prepared>();
let requests = 0;
let errors = 0;
let firstError: string | null = null;

/** The API's id format (libs/common ids.ts): UUIDv7. */
function newId(now: number): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function decode(v: PlanValue): Slot {
  if ('v' in v) return { kind: 'value', value: v.v };
  if ('date' in v) return { kind: 'value', value: new Date(v.date) };
  if ('buf' in v) return { kind: 'value', value: Buffer.from(v.buf, 'base64') };
  if ('json' in v) return { kind: 'value', value: v.json };
  if ('arr' in v) return { kind: 'arr', items: v.arr.map(decode) };
  if ('tpl' in v) return { kind: 'tpl', text: v.tpl };
  if ('idBuf' in v) return { kind: 'idBuf', id: v.idBuf };
  if ('now' in v) return { kind: 'now' };
  if ('nowText' in v) return { kind: 'nowText', format: v.nowText };
  return { kind: 'bodyDate', path: v.bodyDate };
}

function prepare(plan: FloorPlan): Prepared {
  const tokens = new Map(plan.tokens.map((t) => [t.text, t]));
  const escaped = [...tokens.keys()].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return {
    status: plan.status,
    body: plan.body,
    steps: plan.steps.map((s) => ({ sql: s.sql, slots: s.values.map(decode), via: s.via, runner: s.runner, release: s.release })),
    tokens,
    pattern: escaped.length ? new RegExp(escaped.join('|'), 'gi') : null,
  };
}

function at(body: unknown, path: string[]): unknown {
  let v = body;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

async function serve(plan: Prepared, body: unknown): Promise<void> {
  const now = new Date();
  const fresh = new Map<string, string>();
  const replace = (text: string) => plan.pattern
    ? text.replace(plan.pattern, (m) => {
      const key = m.toLowerCase();
      let r = fresh.get(key) ?? fresh.get(m);
      if (r !== undefined) return r;
      const t = plan.tokens.get(m) ?? plan.tokens.get(key)!;
      r = t.kind === 'id' ? newId(now.getTime()) : String(at(body, t.path) ?? m);
      fresh.set(key, r);
      return r;
    })
    : text;
  const value: (s: Slot) => unknown = (s) => {
    switch (s.kind) {
      case 'value': return s.value;
      case 'arr': return s.items.map(value);
      case 'tpl': return replace(s.text);
      case 'idBuf': return Buffer.from(replace(s.id).replace(/-/g, ''), 'hex');
      case 'now': return now;
      case 'nowText': return s.format === 'iso' ? now.toISOString() : now.toISOString().slice(0, 23).replace('T', ' ');
      case 'bodyDate': return new Date(String(at(body, s.path)));
    }
  };
  const held = new Map<number, PoolConnection>();
  try {
    for (const step of plan.steps) {
      let target: Pool | PoolConnection = pool!;
      if (step.runner !== null) {
        let c = held.get(step.runner);
        if (!c) held.set(step.runner, (c = await pool!.getConnection()));
        target = c;
      }
      const values = step.slots.map(value) as never[];
      await (step.via === 'execute' ? target.execute(step.sql, values) : target.query(step.sql, values));
      if (step.release && step.runner !== null) {
        held.get(step.runner)!.release();
        held.delete(step.runner);
      }
    }
  } finally {
    // after an error: a runner left inside a transaction rolls back before its connection goes back
    for (const c of held.values()) {
      await c.query('ROLLBACK').catch(() => undefined);
      c.release();
    }
  }
}

function answer(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function onRequest(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    requests += 1;
    const plan = plans.get(`${req.method} ${req.url}\n${req.headers.authorization ?? ''}`);
    if (!plan) {
      errors += 1;
      firstError ??= `no plan for ${req.method} ${req.url}`;
      answer(res, 404, { title: 'no plan for this request' });
      return;
    }
    let body: unknown = undefined;
    try {
      if (chunks.length) body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      answer(res, 400, { title: 'body is not JSON' });
      return;
    }
    serve(plan, body).then(
      () => answer(res, plan.status, plan.body),
      (e: Error) => {
        errors += 1;
        firstError ??= e.message;
        answer(res, 500, { title: e.message });
      },
    );
  });
}

type Message =
  | { type: 'start'; db: FloorDb; poolSize: number }
  | { type: 'plans'; plans: FloorPlan[] }
  | { type: 'stats' };

process.on('message', (msg: Message) => {
  if (msg.type === 'start') {
    pool = createPool({
      ...msg.db, connectionLimit: msg.poolSize, charset: 'utf8mb4_unicode_ci', timezone: TIMEZONE,
      supportBigNumbers: true, bigNumberStrings: false, decimalNumbers: true,
      // the API may send several statements as one round-trip (its audit group commit does)
      multipleStatements: true,
      // no stack trace captured per query: the floor is the least these statements cost
      trace: false,
    });
    const server = createServer(onRequest);
    server.keepAliveTimeout = 30_000;
    server.listen(0, '127.0.0.1', () => process.send!({ type: 'listening', port: (server.address() as AddressInfo).port }));
  } else if (msg.type === 'plans') {
    plans = new Map(msg.plans.map((p) => [p.key, prepare(p)]));
    requests = 0;
    errors = 0;
    firstError = null;
    process.send!({ type: 'ready', count: plans.size });
  } else if (msg.type === 'stats') {
    process.send!({ type: 'stats', requests, errors, firstError });
  }
});
process.on('disconnect', () => {
  void (pool ? pool.end() : Promise.resolve()).finally(() => process.exit(0));
});
