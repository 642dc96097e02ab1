import { isValidTimeZone } from '@countycare/domain';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { readOrCreateKeyFile } from './field-key-file';
import { isPlaceholder, notRandomReason } from './secret-rules';

export type DatabaseSettings =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'mysql';
      url: string;
      /** DATABASE_PASSWORD: replaces the URL's password, taken as is (no URL encoding). */
      password?: string;
      flavor: 'auto' | 'mysql' | 'mariadb';
      /**
       * DATABASE_REPLICA_URLS: read replicas of this server (TypeORM replication). Each URL without a user,
       * password or database takes the primary's (DATABASE_PASSWORD counts as the primary's password).
       */
      replicaUrls?: string[];
    };

/** Everything the process reads from its environment, validated once at start (api.md "Configuration"). */
export interface AppSettings {
  /** Address the API listens on: loopback unless the operator opens it (a container sets 0.0.0.0). */
  host: string;
  port: number;
  database: DatabaseSettings;
  /** DATABASE_URL is set: a real deployment. Known or guessable secrets are refused; the first admin must change the password. */
  production: boolean;
  migrate: 'auto' | 'off';
  demoSeed: boolean;
  jwtSecret: string;
  admin: { username: string; password: string } | null;
  countyTimeZone: string;
  logLevel: string;
  /** Requests per minute per client before 429. */
  rateLimitPerMinute: number;
  /** Sign-in and token-refresh attempts per minute per client address before 429 (password guessing). */
  signInRateLimitPerMinute: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run; otherwise clients could pick it). */
  trustProxy: boolean;
  /**
   * REDIS_URL: the rate-limit and sign-in-limit counters every API replica shares, under `keyPrefix`; null: each
   * process counts in memory (architecture.md "Outgrowing one machine").
   */
  redis: { url: string; keyPrefix: string } | null;
  /** API_WORKERS: API processes sharing the port (node:cluster); 1 serves from the starting process itself. */
  apiWorkers: number;
  /** METRICS_PORT (METRICS_HOST, default HOST): the API's Prometheus endpoint, never on the API's port; null: not served. */
  metrics: MetricsEndpoint | null;
  /** WORKER_METRICS_PORT (same host rule): the worker process's own Prometheus endpoint; null: not served. */
  workerMetrics: MetricsEndpoint | null;
  /**
   * Where lists, worklists and indicators may read (architecture.md "Outgrowing one machine"): a replica is skipped
   * once it is REPLICA_MAX_LAG_MS behind the primary, measured every REPLICA_LAG_CHECK_MS.
   */
  replicaReads: { maxLagMs: number; checkMs: number };
  /** AUDIT_ARCHIVE_DIR: where the worker writes the audit months it archives before dropping them (domain.md §7.5). */
  auditArchiveDir: string;
  /** WEB_ROOT: the built web app (`npm run build` writes dist/web) the API serves at `/`; null (WEB_ROOT=off): not served. */
  webRoot: string | null;
  /** Cheap password hashing for test runs only. */
  fastPasswordHashing: boolean;
  /** 32-byte key for field encryption of ID and phone numbers and their blind indexes (domain.md §7.3). */
  fieldKey: Buffer;
  /** Test harness only (TEST_SCHEMA=sync): build a MySQL schema from the entities instead of the migrations. */
  synchronizeForTests?: boolean;
}

export interface MetricsEndpoint {
  host: string;
  port: number;
}

/** A problem that stops the process at start; main prints its message, never a stack trace. */
export class StartupError extends Error {}

export class ConfigError extends StartupError {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
export const DEMO_ADMIN = { username: 'admin', password: 'CountyCare#2026' };

type Env = Record<string, string | undefined>;

/** Reads and checks the environment; throws ConfigError listing every problem at once. */
export function loadSettings(env: Env): AppSettings {
  const problems: string[] = [];
  const value = (key: string) => {
    const v = env[key];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const bool = (key: string, fallback: boolean) => {
    const v = value(key);
    if (v === undefined) return fallback;
    if (['true', '1', 'yes'].includes(v.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(v.toLowerCase())) return false;
    problems.push(`${key}: must be true or false, got "${v}"`);
    return fallback;
  };
  const int = (key: string, fallback: number, min: number, max: number) => {
    const v = value(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${key}: must be an integer from ${min} to ${max}, got "${v}"`);
      return fallback;
    }
    return n;
  };

  const host = value('HOST') ?? '127.0.0.1';
  const checkHost = (key: string, h: string) => {
    if (!isIP(h) && (!HOSTNAME.test(h) || /^[\d.]+$/.test(h))) {
      problems.push(`${key}: must be an IP address or a host name (e.g. 127.0.0.1, 0.0.0.0, ::), got "${h}"`);
    }
  };
  checkHost('HOST', host);
  const port = int('PORT', 3000, 1, 65535);

  let database: DatabaseSettings = { kind: 'sqlite', path: value('SQLITE_PATH') ?? './data/countycare.sqlite' };
  const url = value('DATABASE_URL');
  if (url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      problems.push('DATABASE_URL: not a URL; expected mysql://user:pass@host:3306/db');
    }
    if (parsed) {
      const scheme = parsed.protocol.replace(':', '');
      if (scheme !== 'mysql' && scheme !== 'mariadb') {
        problems.push(`DATABASE_URL: scheme must be mysql:// or mariadb://, got ${scheme}://`);
      } else if (parsed.pathname.length <= 1) {
        problems.push('DATABASE_URL: names no database; expected mysql://user:pass@host:3306/db');
      }
      const flavorSetting = value('DB_FLAVOR') ?? (scheme === 'mariadb' ? 'mariadb' : 'auto');
      if (!['auto', 'mysql', 'mariadb'].includes(flavorSetting)) {
        problems.push(`DB_FLAVOR: must be auto, mysql or mariadb, got "${flavorSetting}"`);
      }
      database = { kind: 'mysql', url, flavor: flavorSetting as 'auto' | 'mysql' | 'mariadb' };
      const password = env.DATABASE_PASSWORD;
      if (password !== undefined && password !== '') database.password = password;
      const effectivePassword = database.password ?? safeDecode(parsed.password);
      if (effectivePassword && isPlaceholder(effectivePassword)) {
        problems.push(`${database.password ? 'DATABASE_PASSWORD' : 'DATABASE_URL'}: the database password is a placeholder of .env.example; set the real one`);
      }
    }
  } else if (env.DATABASE_PASSWORD) {
    problems.push('DATABASE_PASSWORD: only used with DATABASE_URL, which is not set');
  }
  const embedded = database.kind === 'sqlite';
  const production = !embedded;

  const migrate = (value('DB_MIGRATE') ?? 'auto') as AppSettings['migrate'];
  if (!['auto', 'off'].includes(migrate)) problems.push(`DB_MIGRATE: must be auto or off, got "${migrate}"`);

  const demoSeed = bool('DEMO_SEED', embedded);

  let jwtSecret = value('JWT_SECRET');
  if (jwtSecret === undefined) {
    if (embedded) jwtSecret = randomBytes(32).toString('hex');
    else problems.push('JWT_SECRET: required when DATABASE_URL is set (at least 32 characters)');
  } else {
    const weak = jwtSecretProblem(jwtSecret, production);
    if (weak) problems.push(`JWT_SECRET: ${weak}; generate one with \`openssl rand -hex 32\``);
  }

  const adminUser = value('ADMIN_USERNAME');
  const adminPassword = value('ADMIN_PASSWORD');
  let admin: AppSettings['admin'] = null;
  if (adminUser !== undefined || adminPassword !== undefined) {
    if (adminUser === undefined || adminPassword === undefined) {
      problems.push('ADMIN_USERNAME and ADMIN_PASSWORD: set both or neither');
    } else {
      admin = { username: adminUser, password: adminPassword };
      if (production && isPlaceholder(adminPassword)) {
        problems.push('ADMIN_PASSWORD: is the placeholder of .env.example; choose a temporary password (changed at the first sign-in)');
      }
    }
  } else if (embedded || demoSeed) {
    admin = DEMO_ADMIN;
  }

  const countyTimeZone = value('TZ_COUNTY') ?? 'Asia/Shanghai';
  if (!isValidTimeZone(countyTimeZone)) problems.push(`TZ_COUNTY: unknown time zone "${countyTimeZone}"`);

  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const fieldKey = readFieldKey(value('FIELD_ENCRYPTION_KEY'), database, production, problems);

  const rateLimitPerMinute = int('RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000);
  const signInRateLimitPerMinute = int('SIGN_IN_RATE_LIMIT_PER_MINUTE', 30, 1, 1_000_000);
  const trustProxy = bool('TRUST_PROXY', false);

  // Each worker opens its own pool: API_WORKERS × 10 connections (README "Cluster mode").
  const apiWorkers = int('API_WORKERS', embedded ? 1 : Math.min(availableParallelism(), 64), 1, 64);
  if (embedded && apiWorkers > 1) {
    problems.push(`API_WORKERS: the embedded SQLite database serves one process; set DATABASE_URL to run ${apiWorkers} API workers`);
  }
  const metricsHost = value('METRICS_HOST');
  if (metricsHost !== undefined) checkHost('METRICS_HOST', metricsHost);
  const metricsEndpoint = (key: string): MetricsEndpoint | null => {
    if (value(key) === undefined) return null;
    const metricsPort = int(key, 0, 1, 65535);
    return metricsPort ? { host: metricsHost ?? host, port: metricsPort } : null;
  };
  const metrics = metricsEndpoint('METRICS_PORT');
  if (metrics?.port === port) problems.push(`METRICS_PORT: must differ from PORT (${port}); the metrics are never served on the API's port`);
  const workerMetrics = metricsEndpoint('WORKER_METRICS_PORT');
  if (metricsHost !== undefined && value('METRICS_PORT') === undefined && value('WORKER_METRICS_PORT') === undefined) {
    problems.push('METRICS_HOST: only used with METRICS_PORT or WORKER_METRICS_PORT, and neither is set');
  }
  const redis = readRedis(value('REDIS_URL'), value('REDIS_KEY_PREFIX'), production, problems);
  const replicaReads = readReplicas(value('DATABASE_REPLICA_URLS'), database, production, problems, int);
  if (database.kind === 'mysql' && database.replicaUrls && apiWorkers > 1 && !redis) {
    problems.push(`DATABASE_REPLICA_URLS: with API_WORKERS=${apiWorkers} a user's next read may reach another worker, which must know of `
      + 'their last write to keep that read on the primary: set REDIS_URL (where the API processes share it), or API_WORKERS=1');
  }
  const auditArchiveDir = value('AUDIT_ARCHIVE_DIR') ?? './data/audit-archive';
  const webRootValue = value('WEB_ROOT') ?? 'dist/web';
  const webRoot = webRootValue === 'off' ? null : resolve(webRootValue);
  const fastPasswordHashing = env.NODE_ENV === 'test';

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    apiWorkers, metrics, workerMetrics,
    host, port, database, production, migrate, demoSeed, jwtSecret: jwtSecret!, admin, countyTimeZone, logLevel,
    rateLimitPerMinute, signInRateLimitPerMinute, trustProxy, redis, replicaReads, auditArchiveDir, webRoot, fastPasswordHashing, fieldKey: fieldKey!,
  };
}

/** RFC 1123 host names: dot-separated labels of letters, digits and inner hyphens (all digits is a mistyped IP). */
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** 32+ characters everywhere; in production also no placeholder and nothing that looks typed by hand. */
function jwtSecretProblem(secret: string, production: boolean): string | undefined {
  if (production && isPlaceholder(secret)) return 'is the placeholder of .env.example';
  if (secret.length < 32) return 'must be at least 32 characters';
  return production ? notRandomReason(secret) : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * DATABASE_REPLICA_URLS (comma-separated mysql:// URLs), REPLICA_MAX_LAG_MS and REPLICA_LAG_CHECK_MS. Messages name
 * an entry by its position and host, never its URL, which may hold a password.
 */
function readReplicas(
  list: string | undefined,
  database: DatabaseSettings,
  production: boolean,
  problems: string[],
  int: (key: string, fallback: number, min: number, max: number) => number,
): AppSettings['replicaReads'] {
  const maxLagMs = int('REPLICA_MAX_LAG_MS', 2000, 100, 3_600_000);
  const checkMs = int('REPLICA_LAG_CHECK_MS', 500, 20, 60_000);
  if (checkMs > maxLagMs / 2) {
    problems.push(`REPLICA_LAG_CHECK_MS: must be at most half of REPLICA_MAX_LAG_MS (${maxLagMs}), or a replica that is current would look late between two checks`);
  }
  if (list === undefined) return { maxLagMs, checkMs };
  if (database.kind !== 'mysql') {
    problems.push('DATABASE_REPLICA_URLS: read replicas need a MySQL/MariaDB primary in DATABASE_URL; the embedded SQLite database has none');
    return { maxLagMs, checkMs };
  }
  const primary = new URL(database.url);
  const endpoint = (u: URL) => `${u.hostname}:${u.port || 3306}`;
  const urls: string[] = [];
  list.split(',').map((entry) => entry.trim()).forEach((entry, i) => {
    const name = `DATABASE_REPLICA_URLS: entry ${i + 1}`;
    let parsed: URL;
    try {
      parsed = new URL(entry);
    } catch {
      problems.push(`${name}: not a URL; expected mysql://host:3306 (user, password and database default to DATABASE_URL's)`);
      return;
    }
    if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
      problems.push(`${name}: scheme must be mysql:// or mariadb://, got ${parsed.protocol}//`);
    } else if (!parsed.hostname) {
      problems.push(`${name}: names no host; expected mysql://host:3306`);
    } else if (endpoint(parsed) === endpoint(primary)) {
      problems.push(`${name} (${endpoint(parsed)}) is the primary of DATABASE_URL itself`);
    } else if (urls.some((u) => endpoint(new URL(u)) === endpoint(parsed))) {
      problems.push(`${name} (${endpoint(parsed)}) repeats an earlier entry`);
    } else {
      urls.push(entry);
    }
    if (production && parsed.password && isPlaceholder(safeDecode(parsed.password))) {
      problems.push(`${name}: the password is a placeholder of .env.example; set the real one`);
    }
  });
  if (urls.length > 0) database.replicaUrls = urls;
  return { maxLagMs, checkMs };
}

const REDIS_KEY_PREFIX = /^[A-Za-z0-9_.:-]{1,64}$/;

/** REDIS_URL (redis:// or rediss:// for TLS) and REDIS_KEY_PREFIX; messages never repeat the URL, which may hold a password. */
function readRedis(url: string | undefined, keyPrefix: string | undefined, production: boolean, problems: string[]): AppSettings['redis'] {
  if (url === undefined) {
    if (keyPrefix !== undefined) problems.push('REDIS_KEY_PREFIX: only used with REDIS_URL, which is not set');
    return null;
  }
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    problems.push('REDIS_URL: not a URL; expected redis://host:6379 (or rediss:// for TLS)');
  }
  if (parsed) {
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
      problems.push(`REDIS_URL: scheme must be redis:// or rediss://, got ${parsed.protocol}//`);
    } else if (!parsed.hostname) {
      problems.push('REDIS_URL: names no host; expected redis://host:6379');
    } else if (!/^\/?(\d{1,2})?$/.test(parsed.pathname)) {
      problems.push('REDIS_URL: the path may only be a database number, e.g. redis://host:6379/0');
    }
    if (production && parsed.password && isPlaceholder(safeDecode(parsed.password))) {
      problems.push('REDIS_URL: the password is a placeholder of .env.example; set the real one');
    }
  }
  const prefix = keyPrefix ?? 'countycare:';
  if (!REDIS_KEY_PREFIX.test(prefix)) problems.push(`REDIS_KEY_PREFIX: 1 to 64 letters, digits or _ . : -, got "${prefix}"`);
  return { url, keyPrefix: prefix };
}

/**
 * FIELD_ENCRYPTION_KEY: 64 hex characters (32 bytes). Required with MySQL; on
 * the embedded default a key file named after the database file keeps the
 * data readable across restarts.
 */
function readFieldKey(raw: string | undefined, database: DatabaseSettings, production: boolean, problems: string[]): Buffer | undefined {
  if (raw !== undefined) {
    if (production && isPlaceholder(raw)) {
      problems.push('FIELD_ENCRYPTION_KEY: is the placeholder of .env.example; generate one with `openssl rand -hex 32`');
      return undefined;
    }
    if (!/^[0-9a-fA-F]{64}$/.test(raw)) {
      problems.push('FIELD_ENCRYPTION_KEY: must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`');
      return undefined;
    }
    const weak = production ? notRandomReason(raw.toLowerCase()) : undefined;
    if (weak) {
      problems.push(`FIELD_ENCRYPTION_KEY: ${weak}; generate one with \`openssl rand -hex 32\``);
      return undefined;
    }
    return Buffer.from(raw, 'hex');
  }
  if (database.kind !== 'sqlite') {
    problems.push('FIELD_ENCRYPTION_KEY: required when DATABASE_URL is set (64 hex characters)');
    return undefined;
  }
  if (database.path === ':memory:') return randomBytes(32);
  return readOrCreateKeyFile(database.path, problems);
}

export const APP_SETTINGS = Symbol('APP_SETTINGS');
