import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '@countycare/database';
import { addAuditMonths, auditMonthOf } from '@countycare/domain';
import { convertLegacyTables } from './audit-legacy';
import { Query, Row } from './audit-sql';
import { mysqlAuditDdl, partitionClause, SQLITE_AUDIT_DDL } from './audit-tables';

/**
 * The fixed statements of the audit lib on either database, on the primary:
 * single statements, and transactions (READ COMMITTED on MySQL, where the
 * sealer's locking read must wait for rows still being committed, but not
 * block new ones behind gap locks; the mutex on SQLite).
 */
@Injectable()
export class AuditDb {
  constructor(readonly tx: TransactionRunner) {}

  get isSqlite(): boolean {
    return this.tx.isSqlite;
  }

  async rows(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.tx.dataSource.query(sql, [...params])) as Row[];
  }

  async transaction<T>(work: (query: Query) => Promise<T>): Promise<T> {
    if (this.isSqlite) return this.tx.run((em) => work(async (sql, params = []) => (await em.query(sql, [...params])) as Row[]));
    const runner = this.tx.dataSource.createQueryRunner('master');
    await runner.connect();
    try {
      await runner.startTransaction('READ COMMITTED');
      try {
        const result = await work(async (sql, params = []) => (await runner.query(sql, [...params])) as Row[]);
        await runner.commitTransaction();
        return result;
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * Runs `work` while holding a named server lock (MySQL `GET_LOCK`, on a
   * connection of its own), or not at all when another process holds it: two
   * workers never archive at once. The embedded file has one worker.
   */
  async exclusively<T>(name: string, work: () => Promise<T[]>): Promise<T[]> {
    if (this.isSqlite) return work();
    const runner = this.tx.dataSource.createQueryRunner('master');
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT GET_LOCK(?, 0) AS locked', [name])) as Array<{ locked: number }>;
      if (Number(locked) !== 1) return [];
      try {
        return await work();
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [name]);
      }
    } finally {
      await runner.release();
    }
  }

  /**
   * The embedded file's audit tables, created as the module starts (MySQL
   * has them from the migrations). A file written by a release before issue
   * #10 still has the one-row-per-resident tables: they are converted once,
   * in one transaction, keeping every event and seal as it was sealed.
   */
  async ensureSchema(): Promise<void> {
    if (!this.isSqlite) {
      if (this.tx.dataSource.options.synchronize) await this.createForSynchronizedTests();
      return;
    }
    await this.tx.run(async (em) => {
      const columns = (await em.query("SELECT name FROM pragma_table_info('audit_events')")) as Array<{ name: string }>;
      const legacy = columns.some((c) => c.name === 'resident_id');
      if (legacy) {
        for (const index of ['ix_audit_resident', 'ix_audit_actor', 'ix_audit_county', 'uq_audit_seal_event']) await em.query(`DROP INDEX IF EXISTS ${index}`);
        await em.query('ALTER TABLE audit_events RENAME TO audit_events_legacy');
        await em.query('ALTER TABLE audit_seals RENAME TO audit_seals_legacy');
      }
      for (const ddl of SQLITE_AUDIT_DDL) await em.query(ddl);
      if (legacy) {
        await convertLegacyTables((sql, params = []) => em.query(sql, [...params]));
        await em.query('DROP TABLE audit_events_legacy');
        await em.query('DROP TABLE audit_seals_legacy');
      }
    });
  }

  /** TEST_SCHEMA=sync builds MySQL from the entities, which the audit tables are not: they come from their DDL then. */
  private async createForSynchronizedTests(): Promise<void> {
    const [{ n }] = (await this.tx.dataSource.query(
      "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'audit_events'",
    )) as Array<{ n: number }>;
    if (Number(n) > 0) return;
    const month = auditMonthOf(Date.now());
    const partitions = [0, 1, 2, 3].map((i) => partitionClause(addAuditMonths(month, i)));
    for (const ddl of mysqlAuditDdl(partitions)) await this.tx.dataSource.query(ddl);
  }
}
