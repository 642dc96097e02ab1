import type { DatabaseSettings } from '@countycare/common';
import { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { createConnection } from 'mysql2/promise';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Flavor = 'sqlite' | 'mysql' | 'mariadb';

/**
 * Which server a mysql:// URL points at. TypeORM must be told 'mariadb' for
 * MariaDB (its 'mysql' dialect emits generated-column DDL MariaDB rejects),
 * so unless configured we ask the server.
 */
export async function detectFlavor(settings: DatabaseSettings): Promise<Flavor> {
  if (settings.kind === 'sqlite') return 'sqlite';
  if (settings.flavor !== 'auto') return settings.flavor;
  const { username, ...target } = mysqlConnectionOptions(settings);
  const connection = await createConnection({ ...target, user: username, connectTimeout: 10_000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS v');
    return /mariadb/i.test((rows as Array<{ v: string }>)[0].v) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

export interface MysqlConnectionOptions {
  host: string;
  port: number;
  username: string;
  password: string | undefined;
  database: string;
}

/**
 * The server, account and database of DATABASE_URL as separate fields, the
 * password replaced by DATABASE_PASSWORD when set. Separate fields because
 * both drivers let a URL's (possibly empty) password win over a given one,
 * and a password with `/ # ? %` cannot go into a URL unencoded.
 */
export function mysqlConnectionOptions(settings: Extract<DatabaseSettings, { kind: 'mysql' }>): MysqlConnectionOptions {
  const url = new URL(settings.url);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 3306,
    username: decodeURIComponent(url.username),
    password: settings.password ?? (url.password ? decodeURIComponent(url.password) : undefined),
    database: decodeURIComponent(url.pathname.slice(1)),
  };
}

/**
 * One of DATABASE_REPLICA_URLS as separate fields: what the URL leaves out
 * (user, password, database) is the primary's, DATABASE_PASSWORD included,
 * since a replica holds the primary's accounts and databases.
 */
export function replicaConnectionOptions(settings: Extract<DatabaseSettings, { kind: 'mysql' }>, replicaUrl: string): MysqlConnectionOptions {
  const primary = mysqlConnectionOptions(settings);
  const url = new URL(replicaUrl);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : 3306,
    username: url.username ? decodeURIComponent(url.username) : primary.username,
    password: url.password ? decodeURIComponent(url.password) : primary.password,
    database: url.pathname.length > 1 ? decodeURIComponent(url.pathname.slice(1)) : primary.database,
  };
}

/** better-sqlite3's connection, as far as an embedded upgrade needs it. */
export interface EmbeddedDatabase {
  pragma(p: string): unknown;
  prepare(sql: string): { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
}

export interface SchemaParts {
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  /**
   * The embedded file's data changes of a release (its schema follows the
   * entities by synchronize): run on connecting, before the synchronize, so
   * each can tell an older file by its shape. The MySQL migrations do the same.
   */
  embeddedUpgrades?: ReadonlyArray<(db: EmbeddedDatabase) => void>;
}

/**
 * DataSource options for the embedded SQLite default or MySQL/MariaDB.
 * Instants are stored in UTC on both. MySQL schemas only change through
 * migrations; the embedded file may be synchronized from the entities.
 */
export function dataSourceOptions(
  settings: DatabaseSettings,
  flavor: Flavor,
  schema: SchemaParts,
  overrides: { migrationsRun?: boolean; synchronize?: boolean; logging?: boolean; poolSize?: number } = {},
): DataSourceOptions {
  if (settings.kind === 'sqlite') {
    if (settings.path !== ':memory:') mkdirSync(dirname(settings.path), { recursive: true });
    return {
      type: 'better-sqlite3',
      database: settings.path,
      entities: schema.entities,
      synchronize: overrides.synchronize ?? true,
      enableWAL: settings.path !== ':memory:',
      logging: overrides.logging ?? false,
      prepareDatabase: (db: EmbeddedDatabase) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
        for (const upgrade of schema.embeddedUpgrades ?? []) upgrade(db);
      },
    };
  }
  const replicas = settings.replicaUrls ?? [];
  return {
    type: flavor === 'mariadb' ? 'mariadb' : 'mysql',
    ...mysqlConnectionOptions(settings),
    ...(replicas.length > 0 && {
      replication: {
        master: mysqlConnectionOptions(settings),
        // SLAVE0, SLAVE1… in this order: ReplicaReads picks one by its position
        slaves: replicas.map((url) => replicaConnectionOptions(settings, url)),
        // Nothing reads from a replica unless ReplicaReads sends it there (TypeORM's default would send every SELECT).
        defaultMode: 'master' as const,
        // mysql2's pool cluster would retry another node on a failed connect and, after 5 failures, drop a node for
        // good, the primary included; ReplicaReads does the failing over, so each node behaves as a single pool does.
        canRetry: false,
        removeNodeErrorCount: Number.MAX_SAFE_INTEGER,
      },
    }),
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsRun: overrides.migrationsRun ?? false,
    migrationsTableName: 'schema_migrations',
    synchronize: overrides.synchronize ?? false,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    logging: overrides.logging ?? false,
    poolSize: overrides.poolSize ?? 10,
    // mysql2 captures a stack trace on every query to decorate its errors: 170 µs of CPU per statement (issue #10)
    trace: false,
    extra: { decimalNumbers: true },
  };
}
