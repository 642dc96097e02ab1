import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_SETTINGS, AppSettings, isDatabaseUnavailable, StartupError } from '@countycare/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { Sql } from '../sql';
import { GtidPosition, hasApplied, parseGtidPosition } from './gtid-position';
import { WriteMarks } from './write-marks';

/** Whose read it is: a user's reads after their own write stay on the primary. */
export interface Reader {
  userId: string;
}

/**
 * The server a read runs on, in the three shapes reads take. On the primary
 * `manager` is the data source's own and `queryRunner` is undefined (each
 * statement takes a pooled connection, as everywhere else); on a replica
 * both are bound to one connection of that replica.
 */
export interface ReadServer {
  /** The replica's host:port, or null for the primary. */
  readonly replica: string | null;
  /** Query builders and raw SQL: `on.manager.getRepository(X).createQueryBuilder('x')`, `on.manager.query(sql, params)`. */
  readonly manager: EntityManager;
  /** For an injected repository: `repository.createQueryBuilder('x', on.queryRunner)`. */
  readonly queryRunner: QueryRunner | undefined;
  /** The driver's raw rows of one fixed statement (`?` placeholders), as `Sql.rows` returns them on the primary. */
  rows<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface ReplicaStatus {
  /** host:port of DATABASE_REPLICA_URLS */
  replica: string;
  /** serving: takes reads; lagging: further behind than REPLICA_MAX_LAG_MS; unreachable: its last check failed; unknown: not checked yet. */
  state: 'serving' | 'lagging' | 'unreachable' | 'unknown';
  /** How far behind the primary it was at the last check (0: it had applied everything the primary had then). */
  lagMs: number | null;
}

/** mysql2's callback-style connection and pool cluster, as TypeORM's MysqlDriver holds them. */
interface PooledConnection {
  query(sql: string, values: readonly unknown[], callback: (error: Error | null, rows: unknown) => void): unknown;
  release(): void;
  /** The socket: destroying it fails the statement in flight at once (mysql2's destroy() would wait for its answer). */
  stream?: { destroy(): void };
  listeners(event: string): unknown[];
  on(event: string, listener: (error: Error) => void): unknown;
}
interface PoolCluster {
  of(pattern: string): { getConnection(callback: (error: Error | null, connection: PooledConnection) => void): void };
}

interface Replica {
  name: string;
  /** The pool cluster node TypeORM made of it: SLAVE0, SLAVE1… in DATABASE_REPLICA_URLS order. */
  node: string;
  reachable: boolean;
  /** The latest primary sample (its time) this replica had applied; undefined before the first. */
  caughtUpTo: number | undefined;
  lagMs: number | null;
  state: ReplicaStatus['state'];
  checking: boolean;
  /** Connections of reads running on it: cut when it is found unreachable, so those reads move to the primary. */
  reading: Set<PooledConnection>;
  /** Reads still waiting for a connection to it (a connect that hangs in a partition): failed at once when it is found unreachable. */
  waiting: Set<(error: Error) => void>;
}

/** A primary position and the moment just before it was read: every transaction committed by then is in it. */
interface Sample {
  at: number;
  position: GtidPosition;
}

/** A check that hangs (a replica that accepts connections but does not answer) counts as failed after this long. */
const CHECK_TIMEOUT_MS = 1_000;

/**
 * Where a list, worklist or indicator read goes: a read replica when one is
 * fit for this reader, else the primary (architecture.md "Outgrowing one
 * machine").
 *
 * - A replica is fit while it is reachable and at most REPLICA_MAX_LAG_MS
 *   behind. Every REPLICA_LAG_CHECK_MS this process reads the primary's
 *   @@gtid_binlog_pos, then each replica's @@gtid_slave_pos; a replica's lag
 *   is the time since the newest primary position it has applied. This
 *   measures what was applied, so it is right when replication is stopped,
 *   when the replica's relay log is behind (Seconds_Behind_Master then says
 *   0) and when clocks differ; and any account may read those variables.
 * - Read-your-writes: after a user's own write (ReadYourWritesInterceptor,
 *   WriteMarks) their reads stay on the primary until a replica has applied
 *   a primary position read after that write, usually the next check.
 * - A replica that fails mid-read is marked unreachable and the read runs
 *   again on the primary: `work` must only read.
 * - Without DATABASE_REPLICA_URLS everything runs on the primary, with no
 *   check, no mark and no extra statement.
 *
 * MariaDB only: MySQL's GTIDs are sets of server UUID ranges, which this does
 * not compare; a MySQL primary with replicas configured refuses to start.
 */
@Injectable()
export class ReplicaReads implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReplicaReads');
  private readonly replicas: Replica[];
  private readonly maxLagMs: number;
  private readonly checkMs: number;
  private readonly marks: WriteMarks | null;
  private readonly ambient = new AsyncLocalStorage<Reader>();
  private samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private next = 0;
  private readonly primary: ReadServer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_SETTINGS) settings: AppSettings,
    private readonly sql: Sql,
  ) {
    const urls = settings.database.kind === 'mysql' ? settings.database.replicaUrls ?? [] : [];
    this.replicas = urls.map((url, i) => {
      const u = new URL(url);
      return {
        name: `${u.hostname}:${u.port || 3306}`, node: `SLAVE${i}`,
        reachable: false, caughtUpTo: undefined, lagMs: null, state: 'unknown', checking: false, reading: new Set(), waiting: new Set(),
      };
    });
    this.maxLagMs = settings.replicaReads.maxLagMs;
    this.checkMs = settings.replicaReads.checkMs;
    this.marks = this.replicas.length > 0 ? WriteMarks.connect(this.maxLagMs + this.checkMs, settings.redis) : null;
    this.primary = {
      replica: null, manager: dataSource.manager, queryRunner: undefined,
      rows: (statement, params = []) => this.sql.rows(statement, params),
    };
  }

  /** Whether any replica is configured: without one every read is on the primary and nothing is tracked. */
  get enabled(): boolean {
    return this.replicas.length > 0;
  }

  /**
   * Runs a read on a replica fit for `reader` (null: a read of no user's,
   * e.g. a job), else on the primary. When the replica fails the read (down,
   * or a statement it refuses), `work` runs again on the primary: it must
   * not write, and should build its queries inside, on `on`.
   */
  async read<T>(reader: Reader | null, work: (on: ReadServer) => Promise<T>): Promise<T> {
    if (this.replicas.length === 0) return work(this.primary);
    const replica = await this.choose(reader);
    if (!replica) return work(this.primary);
    let connection: PooledConnection;
    try {
      connection = await this.acquire(replica);
    } catch (error) {
      this.unreachable(replica, error as Error);
      return work(this.primary);
    }
    replica.reading.add(connection);
    const runner = this.dataSource.createQueryRunner('slave') as QueryRunner & { databaseConnection: PooledConnection };
    runner.databaseConnection = connection;
    const server: ReadServer = {
      replica: replica.name, manager: runner.manager, queryRunner: runner,
      rows: (statement, params = []) => query(connection, statement, params),
    };
    try {
      return await work(server);
    } catch (error) {
      // A statement the replica refused (say, a column a migration added that it has not applied yet) is tried on
      // the primary too; a failure of ours (a bad cursor: 400) is not a database's.
      // One lost connection (say, closed by the server after wait_timeout) says little of the others: the checks decide.
      if (!fromDatabase(error)) throw error;
      this.logger.debug(`read on replica ${replica.name} failed, trying the primary: ${(error as Error).message}`);
      return work(this.primary);
    } finally {
      replica.reading.delete(connection);
      await runner.release();
    }
  }

  /**
   * Runs `fn` with `reader` as the reader of the reads inside it that name
   * none themselves (ReportingSql.read: the indicator queries take no actor).
   */
  as<T>(reader: Reader, fn: () => Promise<T>): Promise<T> {
    return this.replicas.length === 0 ? fn() : this.ambient.run(reader, fn);
  }

  /** The reader `as` set around the current call, if any. */
  currentReader(): Reader | null {
    return this.replicas.length === 0 ? null : this.ambient.getStore() ?? null;
  }

  /** Records that `userId` has just written (their transaction committed): their reads stay on the primary until a replica has it. */
  async noteWrite(userId: string): Promise<void> {
    await this.marks?.note(userId, Date.now());
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({ replica: r.name, state: r.state, lagMs: r.lagMs }));
  }

  /** Checks once now and waits for it: what a test calls instead of sleeping a check interval. */
  async checkNow(): Promise<void> {
    await (this.checking ?? (this.checking = this.check().finally(() => (this.checking = undefined))));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.replicas.length === 0) return;
    if (this.dataSource.options.type !== 'mariadb') {
      throw new StartupError('DATABASE_REPLICA_URLS: read replicas are followed by their GTID position, which this release '
        + 'reads on MariaDB only; the primary of DATABASE_URL is MySQL');
    }
    const [row] = await this.dataSource.query('SELECT @@log_bin AS log_bin');
    if (Number(row.log_bin) !== 1) {
      throw new StartupError('DATABASE_REPLICA_URLS: the primary of DATABASE_URL writes no binary log (log_bin is off), '
        + 'so no replica can follow it; start it with --log-bin and a --server-id');
    }
    await this.marks?.ready();
    await this.checkNow();
    this.timer = setInterval(() => void this.checkNow(), this.checkMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    // a check waiting on a primary that does not answer must not hold up the shutdown
    await Promise.race([this.checking, new Promise((resolve) => setTimeout(resolve, CHECK_TIMEOUT_MS).unref())]);
    await this.marks?.close();
  }

  private async choose(reader: Reader | null): Promise<Replica | null> {
    const now = Date.now();
    const fit = this.replicas.filter((r) => r.reachable && r.caughtUpTo !== undefined && now - r.caughtUpTo <= this.maxLagMs);
    if (fit.length === 0) return null;
    let candidates = fit;
    if (reader) {
      const wrote = await this.marks!.last(reader.userId, now);
      if (wrote === null) return null;
      // strictly later: a sample read in the same millisecond as the commit may predate it
      if (wrote > 0) candidates = fit.filter((r) => r.caughtUpTo! > wrote);
    }
    if (candidates.length === 0) return null;
    return candidates[this.next++ % candidates.length];
  }

  /**
   * A connection for a read: as `connection`, but given up (and released
   * whenever it does come) once a check finds the replica unreachable, rather
   * than waiting out mysql2's connect timeout (10 s) on a replica that accepts
   * no more connections.
   */
  private acquire(replica: Replica): Promise<PooledConnection> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const giveUp = (error: Error) => {
        replica.waiting.delete(giveUp);
        if (settled) return;
        settled = true;
        reject(error);
      };
      replica.waiting.add(giveUp);
      this.connection(replica).then((connection) => {
        replica.waiting.delete(giveUp);
        if (settled) return connection.release();
        settled = true;
        resolve(connection);
      }, giveUp);
    });
  }

  private connection(replica: Replica): Promise<PooledConnection> {
    const cluster = (this.dataSource.driver as unknown as { poolCluster?: PoolCluster }).poolCluster;
    if (!cluster) return Promise.reject(new Error('no replication pool cluster'));
    return new Promise((resolve, reject) => {
      cluster.of(replica.node).getConnection((error, connection) => {
        if (error) return reject(error);
        // as TypeORM does for its own connections: an error event without a listener would end the process
        if (connection.listeners('error').length === 0) connection.on('error', (e) => this.logger.debug(`replica ${replica.name}: ${e.message}`));
        resolve(connection);
      });
    });
  }

  private async check(): Promise<void> {
    const at = Date.now();
    let position: GtidPosition;
    try {
      const [row] = await this.dataSource.query('SELECT @@gtid_binlog_pos AS pos');
      position = parseGtidPosition(String(row.pos ?? ''));
    } catch (error) {
      // Without a fresh primary position no replica's lag grows less stale: each drops out at the lag bound.
      this.logger.debug(`cannot read the primary's position: ${(error as Error).message}`);
      return;
    }
    this.samples.push({ at, position });
    const oldest = at - this.maxLagMs - 2 * this.checkMs;
    while (this.samples.length > 1 && this.samples[0].at < oldest) this.samples.shift();
    this.marks?.prune(at);
    await Promise.all(this.replicas.filter((r) => !r.checking).map((r) => this.checkReplica(r)));
  }

  private async checkReplica(replica: Replica): Promise<void> {
    // The next check of this replica waits until this one has settled, even past its timeout: one at a time, not
    // one more stuck connection or queued request per interval while the replica does not answer.
    replica.checking = true;
    const attempt = this.appliedPosition(replica).finally(() => (replica.checking = false));
    let timer: NodeJS.Timeout | undefined;
    try {
      const applied = await Promise.race([
        attempt,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
        }),
      ]);
      const newest = [...this.samples].reverse().find((s) => hasApplied(applied, s.position));
      if (newest && (replica.caughtUpTo ?? 0) < newest.at) replica.caughtUpTo = newest.at;
      replica.reachable = true;
      const last = this.samples[this.samples.length - 1];
      replica.lagMs = replica.caughtUpTo === undefined ? null : Math.max(0, last.at - replica.caughtUpTo);
      this.report(replica, replica.caughtUpTo !== undefined && Date.now() - replica.caughtUpTo <= this.maxLagMs ? 'serving' : 'lagging');
    } catch (error) {
      this.unreachable(replica, error as Error);
      // What still waits on it (reads, this check), as on a replica that stopped answering in a network partition,
      // fails at once: the reads run again on the primary.
      for (const connection of replica.reading) connection.stream?.destroy();
      replica.reading.clear();
      for (const giveUp of [...replica.waiting]) giveUp(error as Error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async appliedPosition(replica: Replica): Promise<GtidPosition> {
    const connection = await this.connection(replica);
    replica.reading.add(connection);
    try {
      const rows = await query<{ pos: string | null }>(connection, 'SELECT @@gtid_slave_pos AS pos', []);
      return parseGtidPosition(String(rows[0]?.pos ?? ''));
    } finally {
      replica.reading.delete(connection);
      connection.release();
    }
  }

  /** No more reads go there until a check succeeds. */
  private unreachable(replica: Replica, error: Error): void {
    replica.reachable = false;
    this.report(replica, 'unreachable', error.message);
  }

  /** One line per change of state, not per read or check. */
  private report(replica: Replica, state: ReplicaStatus['state'], reason?: string): void {
    if (replica.state === state) return;
    const was = replica.state;
    replica.state = state;
    if (state === 'serving') {
      this.logger.log(was === 'unknown'
        ? `read replica ${replica.name} serves reads (within ${this.maxLagMs} ms of the primary)`
        : `read replica ${replica.name} is back within ${this.maxLagMs} ms of the primary: serving reads again`);
    } else if (state === 'lagging') {
      const behind = replica.caughtUpTo === undefined ? 'has not applied any recent primary position' : `is ${Date.now() - replica.caughtUpTo} ms behind the primary`;
      this.logger.warn(`read replica ${replica.name} ${behind} (bound REPLICA_MAX_LAG_MS=${this.maxLagMs}): its reads go to the primary`);
    } else {
      this.logger.warn(`read replica ${replica.name} is unreachable (${reason}): its reads go to the primary`);
    }
  }
}

function fromDatabase(error: unknown): boolean {
  if (error instanceof QueryFailedError || isDatabaseUnavailable(error)) return true;
  const e = error as { errno?: unknown; sqlState?: unknown } | null;
  return typeof e?.errno === 'number' && typeof e.sqlState === 'string';
}

function query<T>(connection: PooledConnection, sql: string, params: readonly unknown[]): Promise<T[]> {
  return new Promise((resolve, reject) => {
    connection.query(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[])));
  });
}
