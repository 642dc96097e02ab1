import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';

/**
 * Runs a unit of work in one transaction. On the embedded SQLite file all
 * requests share one connection, where two overlapping transactions break
 * each other, so there they queue behind a promise mutex; MySQL gets real
 * concurrent transactions and row locks.
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  readonly isSqlite: boolean;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.isSqlite = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!this.isSqlite) return this.dataSource.transaction(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * One write statement that needs no transaction of its own (an audit row
   * for a read, a notification): auto-committed on MySQL, which saves the
   * BEGIN/COMMIT round trips; still queued behind the mutex on SQLite.
   */
  single<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.isSqlite ? this.run(work) : work(this.dataSource.manager);
  }

  /** `SELECT … FOR UPDATE` where the driver has row locks; the SQLite mutex already serializes writers. */
  forUpdate<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    return this.isSqlite ? qb : qb.setLock('pessimistic_write');
  }
}
