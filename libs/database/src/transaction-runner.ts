import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder, ObjectLiteral } from 'typeorm';

/** Work to run after each open transaction commits, by its entity manager. */
const AFTER_COMMIT = new WeakMap<EntityManager, Array<() => void>>();

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
    const committed = async () => {
      const after: Array<() => void> = [];
      const result = await this.dataSource.transaction((em) => {
        AFTER_COMMIT.set(em, after);
        return work(em);
      });
      for (const fn of after) fn();
      return result;
    };
    if (!this.isSqlite) return committed();
    const result = this.tail.then(committed);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs `fn` once the transaction of `em` has committed (at once when `em`
   * is no transaction of ours): for what must follow the data, never precede
   * it, such as dropping a cached session after its revocation is visible.
   */
  afterCommit(em: EntityManager, fn: () => void): void {
    const after = AFTER_COMMIT.get(em);
    if (after) after.push(fn);
    else fn();
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
