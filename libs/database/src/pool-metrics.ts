import type { PoolStats } from '@countycare/common';
import type { DataSource } from 'typeorm';

/** What mysql2 keeps on a pool; private fields, read at scrape time only, so a mysql2 upgrade that renames them shows as absent gauges, not errors. */
interface Mysql2Pool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

interface MysqlDriverPools {
  pool?: Mysql2Pool;
  /** With replication TypeORM opens a pool cluster: one pool per node, MASTER and SLAVE0, SLAVE1, … */
  poolCluster?: { _nodes?: Record<string, { pool?: Mysql2Pool }> };
}

/**
 * The MySQL/MariaDB pools behind a DataSource, for the pool gauges. The embedded SQLite database has one
 * connection and no pool: nothing to report.
 */
export function poolStats(dataSource: DataSource): PoolStats[] {
  const type = dataSource.options.type;
  if (type !== 'mysql' && type !== 'mariadb') return [];
  const driver = dataSource.driver as unknown as MysqlDriverPools;
  const stats: PoolStats[] = [];
  const add = (name: string, pool: Mysql2Pool | undefined) => {
    if (!pool?._allConnections) return;
    stats.push({
      pool: name,
      all: pool._allConnections.length,
      free: pool._freeConnections?.length ?? 0,
      queued: pool._connectionQueue?.length ?? 0,
      limit: pool.config?.connectionLimit ?? 0,
    });
  };
  add('primary', driver.pool);
  for (const [id, node] of Object.entries(driver.poolCluster?._nodes ?? {})) add(id === 'MASTER' ? 'primary' : id.toLowerCase(), node.pool);
  return stats;
}
