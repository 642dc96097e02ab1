import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadSettings } from './settings';

const KEY = randomBytes(32).toString('hex');
const SECRET = randomBytes(32).toString('hex');
const MYSQL = { DATABASE_URL: 'mysql://u:p@db:3306/cc', JWT_SECRET: SECRET, FIELD_ENCRYPTION_KEY: KEY };

/** The config problems loadSettings reports for an environment (none: an empty list). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.problems;
  }
}

describe('configuration (api.md "Configuration": bad config = one clear line per problem)', () => {
  it('defaults to the embedded database with demo seed and demo admin', () => {
    const s = loadSettings({ SQLITE_PATH: ':memory:' });
    expect(s).toMatchObject({ port: 3000, database: { kind: 'sqlite', path: ':memory:' }, production: false, migrate: 'auto', demoSeed: true, countyTimeZone: 'Asia/Shanghai' });
    expect(s.admin).not.toBeNull();
    expect(s.jwtSecret.length).toBeGreaterThanOrEqual(32);
    // X-Forwarded-For is only believed when the operator says a proxy sets it
    expect(s).toMatchObject({ trustProxy: false, rateLimitPerMinute: 1200, signInRateLimitPerMinute: 30 });
  });

  it('on MySQL requires JWT_SECRET and the field key, and turns the demo seed off', () => {
    const s = loadSettings(MYSQL);
    expect(s.database).toEqual({ kind: 'mysql', url: 'mysql://u:p@db:3306/cc', flavor: 'auto' });
    expect(s.demoSeed).toBe(false);
    expect(s.admin).toBeNull();
    expect(s.production).toBe(true);
  });

  it('lists every problem at once', () => {
    try {
      loadSettings({ PORT: 'abc', DATABASE_URL: 'postgres://x/y', DB_MIGRATE: 'sometimes', TZ_COUNTY: 'Mars/Base', LOG_LEVEL: 'loud', ADMIN_USERNAME: 'a' });
      throw new Error('expected ConfigError');
    } catch (e) {
      const problems = (e as ConfigError).problems;
      expect(problems.map((p) => p.split(':')[0])).toEqual(
        expect.arrayContaining(['PORT', 'DATABASE_URL', 'DB_MIGRATE', 'JWT_SECRET', 'ADMIN_USERNAME and ADMIN_PASSWORD', 'TZ_COUNTY', 'LOG_LEVEL', 'FIELD_ENCRYPTION_KEY']),
      );
      for (const p of problems) expect(p).not.toContain('\n');
    }
  });

  it('picks the MariaDB dialect for mariadb:// URLs', () => {
    const s = loadSettings({ ...MYSQL, DATABASE_URL: 'mariadb://u@db/cc' });
    expect(s.database).toMatchObject({ flavor: 'mariadb' });
  });
});

describe('HOST (issue #9: the API listened on every interface)', () => {
  it('listens on loopback unless told otherwise', () => {
    expect(loadSettings({ SQLITE_PATH: ':memory:' }).host).toBe('127.0.0.1');
  });

  it('takes an IPv4 or IPv6 address or a host name', () => {
    for (const host of ['0.0.0.0', '10.1.2.3', '::', '::1', 'localhost', 'api.county-hospital.internal']) {
      expect(loadSettings({ SQLITE_PATH: ':memory:', HOST: host }).host).toBe(host);
    }
  });

  it('refuses anything else with one config line', () => {
    for (const host of ['http://0.0.0.0', '0.0.0.0:3000', 'bad host', '-api', 'a..b', '999.1.1.1', '10.0.0']) {
      const problems = problemsOf({ SQLITE_PATH: ':memory:', HOST: host });
      expect(problems).toEqual([expect.stringMatching(/^HOST: must be an IP address or a host name/)]);
    }
  });
});

describe('DATABASE_PASSWORD (issue #9: a password with / # ? % broke the URL)', () => {
  it('is kept apart from the URL, as is, and replaces the URL password', () => {
    const s = loadSettings({ ...MYSQL, DATABASE_URL: 'mysql://countycare@mysql:3306/countycare', DATABASE_PASSWORD: 'p@ss/w#rd?%' });
    expect(s.database).toEqual({ kind: 'mysql', url: 'mysql://countycare@mysql:3306/countycare', password: 'p@ss/w#rd?%', flavor: 'auto' });
  });

  it('means nothing without DATABASE_URL', () => {
    expect(problemsOf({ SQLITE_PATH: ':memory:', DATABASE_PASSWORD: 'x' })).toEqual([expect.stringMatching(/^DATABASE_PASSWORD: /)]);
  });
});

describe('production secrets (issue #9: DATABASE_URL set means production)', () => {
  const fieldOf = (problems: string[]) => problems.map((p) => p.split(':')[0]);

  it('accepts values from `openssl rand -hex 32`', () => {
    for (let i = 0; i < 50; i++) {
      expect(problemsOf({ ...MYSQL, JWT_SECRET: randomBytes(32).toString('hex'), FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex') })).toEqual([]);
    }
    expect(problemsOf({ ...MYSQL, JWT_SECRET: randomBytes(32).toString('base64') })).toEqual([]);
  });

  it('refuses the placeholders .env.example ships or shipped with, one config line each', () => {
    const problems = problemsOf({
      ...MYSQL,
      JWT_SECRET: 'at-least-32-characters-of-random-text',
      FIELD_ENCRYPTION_KEY: 'CHANGE-ME-openssl-rand-hex-32',
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'Change#Me2026',
      DATABASE_PASSWORD: 'change-me',
    });
    expect(fieldOf(problems).sort()).toEqual(['ADMIN_PASSWORD', 'DATABASE_PASSWORD', 'FIELD_ENCRYPTION_KEY', 'JWT_SECRET']);
    for (const p of problems) expect(p).toMatch(/placeholder/);
    expect(fieldOf(problemsOf({ ...MYSQL, JWT_SECRET: 'CHANGE-ME-openssl-rand-hex-32' }))).toEqual(['JWT_SECRET']);
    expect(fieldOf(problemsOf({ ...MYSQL, DATABASE_URL: 'mysql://countycare:change-me-too@db/cc' }))).toEqual(['DATABASE_URL']);
  });

  it('refuses a JWT secret that is short, repeated or made of too few characters', () => {
    const cases: Record<string, RegExp> = {
      ['x'.repeat(31)]: /at least 32 characters/,
      ['x'.repeat(40)]: /repeated/,
      ['test-secret-test-secret-test-secret-42']: /8 different characters/,
      ['ci-secret-ci-secret-ci-secret-ci-secret']: /7 different characters/,
      ['abcdefghij'.repeat(4)]: /repeated/,
    };
    for (const [secret, reason] of Object.entries(cases)) {
      const problems = problemsOf({ ...MYSQL, JWT_SECRET: secret });
      expect(problems).toEqual([expect.stringMatching(reason)]);
      expect(problems[0]).toMatch(/^JWT_SECRET: .*openssl rand -hex 32/);
    }
  });

  it('refuses a field key of one repeated byte or block', () => {
    for (const key of ['0'.repeat(64), 'ff'.repeat(32), '00112233445566778899aabbccddeeff'.repeat(2), '0'.repeat(63) + '1']) {
      expect(problemsOf({ ...MYSQL, FIELD_ENCRYPTION_KEY: key })).toEqual([expect.stringMatching(/^FIELD_ENCRYPTION_KEY: (is one short|is not random)/)]);
    }
  });

  it('leaves the embedded default alone: it generates random secrets itself', () => {
    const a = loadSettings({ SQLITE_PATH: ':memory:' });
    const b = loadSettings({ SQLITE_PATH: ':memory:' });
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(a.fieldKey.equals(b.fieldKey)).toBe(false);
    expect(problemsOf({ SQLITE_PATH: ':memory:', FIELD_ENCRYPTION_KEY: '0'.repeat(64), ADMIN_USERNAME: 'a', ADMIN_PASSWORD: 'Change#Me2026' })).toEqual([]);
  });
});

describe('the embedded database key file (issue #9: one key per database, not per folder)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cc-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const keyOf = (file: string) => loadSettings({ SQLITE_PATH: join(dir, file) }).fieldKey.toString('hex');

  it('is named after the database file, private, and stable across starts', () => {
    const key = keyOf('countycare.sqlite');
    expect(readFileSync(join(dir, 'countycare.sqlite.key'), 'utf8')).toBe(key);
    expect(statSync(join(dir, 'countycare.sqlite.key')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'countycare.sqlite'), '');
    expect(keyOf('countycare.sqlite')).toBe(key);
  });

  it('gives two databases in one folder two keys', () => {
    expect(keyOf('a.sqlite')).not.toBe(keyOf('b.sqlite'));
    expect(existsSync(join(dir, 'field-encryption.key'))).toBe(false);
  });

  it('upgrade: an existing database adopts the old shared key file by copy, so it stays readable', () => {
    const old = randomBytes(32).toString('hex');
    writeFileSync(join(dir, 'field-encryption.key'), old);
    writeFileSync(join(dir, 'countycare.sqlite'), '');
    writeFileSync(join(dir, 'other.sqlite'), '');
    expect(keyOf('countycare.sqlite')).toBe(old);
    expect(readFileSync(join(dir, 'countycare.sqlite.key'), 'utf8')).toBe(old);
    // the old file stays for any other database of the folder that used it
    expect(keyOf('other.sqlite')).toBe(old);
    // a new database does not take the old key
    expect(keyOf('new.sqlite')).not.toBe(old);
  });

  it('refuses an existing database whose key file is missing, instead of making a key that cannot read it', () => {
    writeFileSync(join(dir, 'countycare.sqlite'), '');
    expect(problemsOf({ SQLITE_PATH: join(dir, 'countycare.sqlite') })).toEqual([
      expect.stringMatching(/^SQLITE_PATH: .*countycare\.sqlite exists but its key file countycare\.sqlite\.key does not/),
    ]);
    expect(existsSync(join(dir, 'countycare.sqlite.key'))).toBe(false);
  });
});
