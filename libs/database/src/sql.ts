import { Injectable } from '@nestjs/common';
import { EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { DateUtils } from 'typeorm/util/DateUtils';
import { compileRowMapper } from './row-mapper';
import { TransactionRunner } from './transaction-runner';

/** A row as the driver returns it: column (or alias) → raw value. */
type SqlRow = Record<string, unknown>;

/** A mysql2 pool, pool namespace or connection, callback style, as TypeORM creates them. */
interface MysqlPool {
  query(sql: string, values: readonly unknown[], callback: (error: Error | null, rows: unknown) => void): unknown;
}
type MysqlConnection = MysqlPool;

/** better-sqlite3's database and statements, as TypeORM opens them. */
interface SqliteStatement {
  reader: boolean;
  all(...params: unknown[]): SqlRow[];
  run(...params: unknown[]): unknown;
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
}

/** better-sqlite3 binds numbers, strings, buffers and null only: booleans and instants as TypeORM stores them. */
/** Column types both drivers hydrate as the driver read them (prepareHydratedValue converts nothing): skipped per row. */
const AS_READ = new Set<unknown>(['varchar', 'char', 'text', 'int', 'integer', 'smallint', 'bigint', 'tinyint', 'decimal', 'float', 'double', String]);

const sqliteValue = (v: unknown): unknown =>
  (typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Date ? DateUtils.mixedDateToUtcDatetimeString(v) : v);

/** How many distinct fixed statements keep their prepared SQLite statement. */
const MAX_PREPARED = 500;

/**
 * Fixed, reviewed SQL for the hot paths (issue #10): the statement text is a
 * constant, `?` placeholders on both databases, rows straight from the
 * driver's pool (MySQL) or a cached prepared statement (SQLite), and entity
 * hydration by a column map computed once per entity and prefix, with the
 * driver's own value conversion, so a row read here equals the one TypeORM's
 * query builder would give at a fraction of its cost. Everything that is not
 * a hot path keeps using the repositories.
 */
@Injectable()
export class Sql {
  private readonly prepared = new Map<string, SqliteStatement>();
  private preparedOn: SqliteDatabase | undefined;
  private readonly mappers = new Map<string, (row: SqlRow) => unknown>();

  constructor(private readonly tx: TransactionRunner) {}

  /** The rows of one statement, on the primary, outside any transaction (reads, and auto-committed writes on MySQL). */
  rows<T = SqlRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const driver = this.tx.dataSource.driver as unknown as { pool?: MysqlPool; poolCluster?: { of(pattern: string): MysqlPool } };
    if (this.tx.isSqlite) return Promise.resolve(this.sqlite(sql, params) as T[]);
    const pool = driver.pool ?? driver.poolCluster?.of('MASTER');
    if (!pool) return this.tx.dataSource.query(sql, [...params]);
    return new Promise((resolve, reject) => {
      pool.query(sql, params, (error, rows) => (error ? reject(error) : resolve(rows as T[])));
    });
  }

  /**
   * The rows of one statement inside a transaction, on its connection. On
   * MySQL straight to the transaction's mysql2 connection, as `rows` goes to
   * the pool: TypeORM's query() wraps the connection in a new promise API and
   * broadcasts before and after every statement, a third of the cost of a
   * write path's statement. Logged and failing as TypeORM's own (the logger
   * sees the query runner, errors are QueryFailedError).
   */
  rowsIn<T = SqlRow>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
    if (this.tx.isSqlite) return em.query(sql, params.map(sqliteValue));
    const runner = em.queryRunner as (QueryRunner & { databaseConnection?: MysqlConnection }) | undefined;
    const connection = runner && !runner.isReleased ? runner.databaseConnection : undefined;
    if (!connection) return em.query(sql, [...params]);
    this.tx.dataSource.logger.logQuery(sql, [...params], runner);
    return new Promise((resolve, reject) => {
      connection.query(sql, params, (error, rows) => (error ? reject(new QueryFailedError(sql, [...params], error)) : resolve(rows as T[])));
    });
  }

  /**
   * Inserts entities in one multi-row statement with a fixed column list:
   * the columns set on the first row (the others must set the same ones),
   * each value converted as TypeORM converts it for this driver. Generated
   * columns are left to the database.
   */
  async insert<T extends object>(em: EntityManager, entity: new () => T, rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return;
    const metadata = this.tx.dataSource.getMetadata(entity);
    const driver = this.tx.dataSource.driver;
    const columns = metadata.columns.filter((c) => c.isInsert && !c.generatedType && c.getEntityValue(rows[0] as object) !== undefined);
    const params: unknown[] = [];
    for (const row of rows) for (const c of columns) params.push(driver.preparePersistentValue(c.getEntityValue(row as object), c));
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    await this.rowsIn(
      em,
      `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')}`,
      params,
    );
  }

  /**
   * Turns a row into an entity: the columns of `entity` read from
   * `${prefix}${column name}` (so joined tables can be aliased apart), each
   * converted as TypeORM converts it for this driver (dates, booleans, JSON).
   */
  mapper<T>(entity: new () => T, prefix = ''): (row: SqlRow) => T {
    const key = `${entity.name}:${prefix}`;
    let map = this.mappers.get(key) as ((row: SqlRow) => T) | undefined;
    if (!map) {
      const driver = this.tx.dataSource.driver;
      map = compileRowMapper<T>(entity.prototype, this.tx.dataSource.getMetadata(entity).columns.map((c: ColumnMetadata) => ({
        from: `${prefix}${c.databaseName}`, to: c.propertyName,
        convert: !c.transformer && AS_READ.has(c.type) ? null : (raw: unknown) => driver.prepareHydratedValue(raw, c),
      })));
      this.mappers.set(key, map);
    }
    return map;
  }

  /** A column list `t.a AS pa, t.b AS pb …` selecting every column of `entity` for `mapper(entity, prefix)`. */
  columns(entity: Function, alias: string, prefix = ''): string {
    return this.tx.dataSource.getMetadata(entity).columns
      .map((c: ColumnMetadata) => `${alias}.${c.databaseName} AS ${prefix}${c.databaseName}`).join(', ');
  }

  private sqlite(sql: string, params: readonly unknown[]): SqlRow[] {
    const db = (this.tx.dataSource.driver as unknown as { databaseConnection: SqliteDatabase }).databaseConnection;
    // a data source initialised again (after the file failed) has a new handle: the old one's statements died with it
    if (db !== this.preparedOn) {
      this.prepared.clear();
      this.preparedOn = db;
    }
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      if (this.prepared.size >= MAX_PREPARED) this.prepared.delete(this.prepared.keys().next().value as string);
      this.prepared.set(sql, statement);
    }
    const values = params.map(sqliteValue);
    if (statement.reader) return statement.all(...values);
    statement.run(...values);
    return [];
  }
}
