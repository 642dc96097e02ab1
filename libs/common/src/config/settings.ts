import { isValidTimeZone } from '@countycare/domain';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
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

  const host = value('HOST') ?? '127.0.0.1';
  if (!isIP(host) && (!HOSTNAME.test(host) || /^[\d.]+$/.test(host))) {
    problems.push(`HOST: must be an IP address or a host name (e.g. 127.0.0.1, 0.0.0.0, ::), got "${host}"`);
  }
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
  const fastPasswordHashing = env.NODE_ENV === 'test';

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    host, port, database, production, migrate, demoSeed, jwtSecret: jwtSecret!, admin, countyTimeZone, logLevel,
    rateLimitPerMinute, signInRateLimitPerMinute, trustProxy, fastPasswordHashing, fieldKey: fieldKey!,
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
