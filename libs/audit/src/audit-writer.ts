import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { isDatabaseUnavailable, Metrics } from '@countycare/common';
import { Sql, TransactionRunner } from '@countycare/database';
import { createPool, Pool, PoolConnection } from 'mysql2/promise';
import type { EntityManager } from 'typeorm';
import { nextEventId, uuidBytes } from './audit-codec';
import { AuditDb } from './audit-db';
import { AuditEvent, AuditEventDraft } from './audit-event';
import { EVENT_COLUMN_LIST, EVENT_COLUMNS, eventRow } from './audit-tables';

/** Events per multi-row INSERT; a caller's events are never split across two. */
export const MAX_BATCH_EVENTS = 1000;
/** Subject rows per INSERT (a full list page names 200 residents). */
export const MAX_BATCH_SUBJECTS = 20_000;

interface Pending {
  drafts: AuditEventDraft[];
  subjects: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const EVENT_INSERT = `INSERT INTO audit_events (${EVENT_COLUMN_LIST}) VALUES ?`;
const SUBJECT_INSERT = 'INSERT INTO audit_event_subjects (event_id, resident_id) VALUES ?';
/** Both tables in one round trip and one commit: an event is never stored without its subject rows, nor those without it. */
const BATCH_WITH_SUBJECTS = `START TRANSACTION; ${EVENT_INSERT}; ${SUBJECT_INSERT}; COMMIT`;

/** Statement text of n rows of `width` placeholders, for SQLite (better-sqlite3 binds flat lists only). */
const sqliteInserts = new Map<string, string>();
function sqliteInsert(head: string, width: number, rows: number): string {
  const key = `${head}|${rows}`;
  let sql = sqliteInserts.get(key);
  if (!sql) {
    const row = `(${new Array(width).fill('?').join(', ')})`;
    sql = `${head} VALUES ${new Array(rows).fill(row).join(', ')}`;
    if (sqliteInserts.size > 256) sqliteInserts.clear();
    sqliteInserts.set(key, sql);
  }
  return sql;
}

/** Ids are minted as the statement is cut, in ascending order, so an event's id is never older than the moment its INSERT leaves. */
function mint(drafts: AuditEventDraft[]): AuditEvent[] {
  return drafts.map((d) => ({ id: nextEventId(), ...d }));
}

function subjectRows(events: AuditEvent[]): Buffer[][] {
  return events.flatMap((e) => {
    const id = uuidBytes(e.id);
    return e.residentIds.map((r) => [id, uuidBytes(r)]);
  });
}

/**
 * Group commit of the audit events written outside a caller's transaction
 * (reads, sign-ins; domain.md §7.5 "Durability"). Each caller's promise
 * settles only once its events are committed, or rejects, so a request is
 * never answered unaudited. When no INSERT is in flight a caller's events
 * leave at once (on SQLite at the end of the event loop's turn); while one
 * is (MySQL: at most two, on a pool of their own; SQLite: one, queued behind
 * TransactionRunner's mutex and cut only once it holds it), callers queue
 * and everything queued leaves in the next batch: one multi-row INSERT into
 * audit_events and one into audit_event_subjects, in one transaction and
 * (MySQL) one round trip. Fixed SQL with `?` placeholders and precomputed
 * column conversion; no query builder.
 */
@Injectable()
export class AuditWriter implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('AuditWriter');
  private readonly queue: Pending[] = [];
  private readonly maxInFlight: number;
  private inFlight = 0;
  /** Flushes started that have not cut their batch yet: while one waits, new callers join it rather than start another. */
  private uncut = 0;
  private pool: Pool | null = null;
  private drained: (() => void) | null = null;

  private readonly tx: TransactionRunner;

  constructor(db: AuditDb, private readonly metrics: Metrics, private readonly sql: Sql) {
    this.tx = db.tx;
    this.maxInFlight = db.isSqlite ? 1 : 2;
  }

  /** Resolves once `drafts` are committed. */
  write(drafts: AuditEventDraft[]): Promise<void> {
    if (drafts.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ drafts, subjects: drafts.reduce((n, d) => n + d.residentIds.length, 0), resolve, reject });
      this.pump();
    });
  }

  /** Inside the caller's transaction: committed (or rolled back) with the change it audits. */
  async writeIn(em: EntityManager, drafts: AuditEventDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    await this.insert(mint(drafts), (sql, params) => this.sql.rowsIn(em, sql, params));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => (this.drained = resolve));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
    this.pool = null;
  }

  private pump(): void {
    if (this.inFlight < this.maxInFlight && this.queue.length > 0 && this.uncut === 0) {
      this.inFlight++;
      this.uncut++;
      const flush = () => void this.flush().finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.pump();
        else if (this.inFlight === 0) this.drained?.();
      });
      // better-sqlite3 commits synchronously: nothing could queue while "in flight". The batch leaves instead once
      // this turn of the event loop has run the requests whose input arrived with it (setImmediate: no timer, no wait).
      if (this.tx.isSqlite) setImmediate(flush);
      else flush();
    }
  }

  /** Takes what is queued now, up to the caps, at least one caller. */
  private cut(): Pending[] {
    this.uncut = Math.max(0, this.uncut - 1);
    let events = 0;
    let subjects = 0;
    let n = 0;
    while (n < this.queue.length) {
      const next = this.queue[n];
      if (n > 0 && (events + next.drafts.length > MAX_BATCH_EVENTS || subjects + next.subjects > MAX_BATCH_SUBJECTS)) break;
      events += next.drafts.length;
      subjects += next.subjects;
      n++;
    }
    return this.queue.splice(0, n);
  }

  private async flush(): Promise<void> {
    let batch: Pending[] = [];
    let started = 0;
    let events = 0;
    try {
      await this.commit(() => {
        batch = this.cut();
        started = performance.now();
        const minted = mint(batch.flatMap((p) => p.drafts));
        events = minted.length;
        return minted;
      });
      this.metrics.auditBatch(events, performance.now() - started);
      for (const p of batch) p.resolve();
    } catch (error) {
      // No connection (or no transaction) to be had: what is queued fails now rather than spin on a database that is away.
      if (batch.length === 0) batch = this.cut();
      if (batch.length > 1 && !isDatabaseUnavailable(error)) {
        // One caller's bad row (a value too long for its column) must not fail everyone it was batched with.
        for (const p of batch) await this.commit(() => mint(p.drafts)).then(p.resolve, p.reject);
      } else {
        if (batch.length > 1) this.logger.warn({ err: error, callers: batch.length }, 'audit batch failed');
        for (const p of batch) p.reject(error);
      }
    }
  }

  /** One batch in its own transaction; `take` runs once the writer may write (on SQLite: holding the mutex). */
  private async commit(take: () => AuditEvent[]): Promise<void> {
    if (this.tx.isSqlite) {
      await this.tx.run((em) => this.insert(take(), (sql, params) => em.query(sql, params)));
      return;
    }
    const connection = await this.connection();
    const events = take();
    if (events.length === 0) {
      connection.release();
      return;
    }
    const subjects = subjectRows(events);
    try {
      if (subjects.length === 0) await connection.query(EVENT_INSERT, [events.map(eventRow)]);
      else await connection.query(BATCH_WITH_SUBJECTS, [events.map(eventRow), subjects]);
      connection.release();
    } catch (error) {
      // A failed statement leaves its transaction open: the connection goes, and the server rolls it back.
      connection.destroy();
      throw error;
    }
  }

  private async insert(events: AuditEvent[], query: (sql: string, params: unknown[]) => Promise<unknown>): Promise<void> {
    if (events.length === 0) return;
    const subjects = subjectRows(events);
    if (this.tx.isSqlite) {
      // SQLite binds at most 32,766 values per statement.
      for (let i = 0; i < events.length; i += MAX_BATCH_EVENTS) {
        const part = events.slice(i, i + MAX_BATCH_EVENTS);
        await query(sqliteInsert(`INSERT INTO audit_events (${EVENT_COLUMN_LIST})`, EVENT_COLUMNS.length, part.length), part.flatMap(eventRow));
      }
      for (let i = 0; i < subjects.length; i += 10_000) {
        const part = subjects.slice(i, i + 10_000);
        await query(sqliteInsert('INSERT INTO audit_event_subjects (event_id, resident_id)', 2, part.length), part.flat());
      }
      return;
    }
    await query(EVENT_INSERT, [events.map(eventRow)]);
    if (subjects.length > 0) await query(SUBJECT_INSERT, [subjects]);
  }

  /**
   * A connection of the writer's own pool: two connections (one per batch in
   * flight) to the primary the DataSource uses, allowed several statements
   * per round trip. Only the fixed statements above run on it, their values
   * escaped by the driver.
   */
  private async connection(): Promise<PoolConnection> {
    if (!this.pool) {
      const o = this.tx.dataSource.options as unknown as {
        host?: string; port?: number; username?: string; password?: string; database?: string; socketPath?: string; ssl?: unknown;
      };
      this.pool = createPool({
        host: o.host, port: o.port, user: o.username, password: o.password, database: o.database, socketPath: o.socketPath,
        ssl: o.ssl as never, charset: 'utf8mb4_unicode_ci', timezone: 'Z', multipleStatements: true,
        connectionLimit: this.maxInFlight, maxIdle: this.maxInFlight, idleTimeout: 60_000, connectTimeout: 10_000,
      });
    }
    return this.pool.getConnection();
  }
}
