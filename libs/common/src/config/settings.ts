import { isValidTimeZone } from '@countycare/domain';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type DatabaseSettings =
  | { kind: 'sqlite'; path: string }
  | { kind: 'mysql'; url: string; flavor: 'auto' | 'mysql' | 'mariadb' };

/** Everything the process reads from its environment, validated once at start (api.md "Configuration"). */
export interface AppSettings {
  port: number;
  database: DatabaseSettings;
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
  /** Cheap password hashing for test runs only. */
  fastPasswordHashing: boolean;
  /** 32-byte key for field encryption of ID and phone numbers and their blind indexes (domain.md §7.3). */
  fieldKey: Buffer;
  /** Test harness only (TEST_SCHEMA=sync): build a MySQL schema from the entities instead of the migrations. */
  synchronizeForTests?: boolean;
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
    }
  }
  const embedded = database.kind === 'sqlite';

  const migrate = (value('DB_MIGRATE') ?? 'auto') as AppSettings['migrate'];
  if (!['auto', 'off'].includes(migrate)) problems.push(`DB_MIGRATE: must be auto or off, got "${migrate}"`);

  const demoSeed = bool('DEMO_SEED', embedded);

  let jwtSecret = value('JWT_SECRET');
  if (jwtSecret === undefined) {
    if (embedded) jwtSecret = randomBytes(32).toString('hex');
    else problems.push('JWT_SECRET: required when DATABASE_URL is set (at least 32 characters)');
  } else if (jwtSecret.length < 32) {
    problems.push('JWT_SECRET: must be at least 32 characters');
  }

  const adminUser = value('ADMIN_USERNAME');
  const adminPassword = value('ADMIN_PASSWORD');
  let admin: AppSettings['admin'] = null;
  if (adminUser !== undefined || adminPassword !== undefined) {
    if (adminUser === undefined || adminPassword === undefined) {
      problems.push('ADMIN_USERNAME and ADMIN_PASSWORD: set both or neither');
    } else {
      admin = { username: adminUser, password: adminPassword };
    }
  } else if (embedded || demoSeed) {
    admin = DEMO_ADMIN;
  }

  const countyTimeZone = value('TZ_COUNTY') ?? 'Asia/Shanghai';
  if (!isValidTimeZone(countyTimeZone)) problems.push(`TZ_COUNTY: unknown time zone "${countyTimeZone}"`);

  const logLevel = value('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);

  const fieldKey = readFieldKey(value('FIELD_ENCRYPTION_KEY'), database, problems);

  const rateLimitPerMinute = int('RATE_LIMIT_PER_MINUTE', 1200, 1, 1_000_000);
  const signInRateLimitPerMinute = int('SIGN_IN_RATE_LIMIT_PER_MINUTE', 30, 1, 1_000_000);
  const trustProxy = bool('TRUST_PROXY', false);
  const fastPasswordHashing = env.NODE_ENV === 'test';

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port, database, migrate, demoSeed, jwtSecret: jwtSecret!, admin, countyTimeZone, logLevel,
    rateLimitPerMinute, signInRateLimitPerMinute, trustProxy, fastPasswordHashing, fieldKey: fieldKey!,
  };
}

/**
 * FIELD_ENCRYPTION_KEY: 64 hex characters (32 bytes). Required with MySQL; on
 * the embedded default a key file is created beside the database file, so the
 * data stays readable across restarts.
 */
function readFieldKey(raw: string | undefined, database: DatabaseSettings, problems: string[]): Buffer | undefined {
  if (raw !== undefined) {
    if (!/^[0-9a-fA-F]{64}$/.test(raw)) {
      problems.push('FIELD_ENCRYPTION_KEY: must be 64 hex characters (32 bytes), e.g. from `openssl rand -hex 32`');
      return undefined;
    }
    return Buffer.from(raw, 'hex');
  }
  if (database.kind !== 'sqlite') {
    problems.push('FIELD_ENCRYPTION_KEY: required when DATABASE_URL is set (64 hex characters)');
    return undefined;
  }
  if (database.path === ':memory:') return randomBytes(32);
  const file = join(dirname(database.path), 'field-encryption.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

export const APP_SETTINGS = Symbol('APP_SETTINGS');
