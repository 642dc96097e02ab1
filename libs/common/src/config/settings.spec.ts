import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadSettings } from './settings';

const KEY = randomBytes(32).toString('hex');
const SECRET = randomBytes(32).toString('hex');
const MYSQL = { DATABASE_URL: 'mysql://u:p@db:3306/cc', JWT_SECRET: SECRET, FIELD_ENCRYPTION_KEY: KEY };
const EMBEDDED = { SQLITE_PATH: ':memory:' };

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

describe('REDIS_URL (issue #10: rate limits shared by the replicas)', () => {
  it('is off by default: each process counts in memory', () => {
    expect(loadSettings({ SQLITE_PATH: ':memory:' }).redis).toBeNull();
  });

  it('takes redis:// and rediss:// (TLS) URLs, with a key prefix', () => {
    expect(loadSettings({ ...MYSQL, REDIS_URL: 'redis://redis:6379' }).redis).toEqual({ url: 'redis://redis:6379', keyPrefix: 'countycare:' });
    expect(loadSettings({ ...MYSQL, REDIS_URL: 'rediss://:s3cret@cache.internal:6380/2', REDIS_KEY_PREFIX: 'county-330781:' }).redis)
      .toEqual({ url: 'rediss://:s3cret@cache.internal:6380/2', keyPrefix: 'county-330781:' });
  });

  it('refuses anything else with one config line that does not repeat the URL', () => {
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ REDIS_URL: 'http://redis:6379' }, /^REDIS_URL: scheme must be redis:\/\/ or rediss:\/\//],
      [{ REDIS_URL: 'redis:6379' }, /^REDIS_URL: names no host/],
      [{ REDIS_URL: 'not a url' }, /^REDIS_URL: not a URL/],
      [{ REDIS_URL: 'redis://:pw@redis:6379/cache' }, /^REDIS_URL: the path may only be a database number/],
      [{ REDIS_URL: 'redis://:CHANGE-ME-openssl-rand-hex-32@redis:6379' }, /^REDIS_URL: the password is a placeholder/],
      [{ REDIS_URL: 'redis://redis:6379', REDIS_KEY_PREFIX: 'has space' }, /^REDIS_KEY_PREFIX: /],
      [{ REDIS_KEY_PREFIX: 'cc:' }, /^REDIS_KEY_PREFIX: only used with REDIS_URL/],
    ];
    for (const [env, problem] of cases) {
      const problems = problemsOf({ ...MYSQL, ...env });
      expect(problems).toEqual([expect.stringMatching(problem)]);
      expect(problems[0]).not.toContain(':pw@');
    }
  });
});

describe('DATABASE_REPLICA_URLS (issue #10: lists, worklists and indicators on read replicas)', () => {
  const ONE_WORKER = { ...MYSQL, API_WORKERS: '1' };

  it('is off by default, with a 2 s lag bound checked twice a second', () => {
    const s = loadSettings(ONE_WORKER);
    expect(s.database).not.toHaveProperty('replicaUrls');
    expect(s.replicaReads).toEqual({ maxLagMs: 2000, checkMs: 500 });
  });

  it('takes comma-separated mysql:// and mariadb:// URLs, in order, and the lag settings', () => {
    const s = loadSettings({
      ...ONE_WORKER, DATABASE_REPLICA_URLS: ' mysql://db-r1:3306 , mariadb://ro:secret@db-r2:3307/cc', REPLICA_MAX_LAG_MS: '5000', REPLICA_LAG_CHECK_MS: '250',
    });
    expect(s.database).toMatchObject({ kind: 'mysql', replicaUrls: ['mysql://db-r1:3306', 'mariadb://ro:secret@db-r2:3307/cc'] });
    expect(s.replicaReads).toEqual({ maxLagMs: 5000, checkMs: 250 });
  });

  it('is refused on the embedded SQLite database, with a line that says why', () => {
    expect(problemsOf({ SQLITE_PATH: ':memory:', DATABASE_REPLICA_URLS: 'mysql://db-r1:3306/cc' })).toEqual([
      'DATABASE_REPLICA_URLS: read replicas need a MySQL/MariaDB primary in DATABASE_URL; the embedded SQLite database has none',
    ]);
  });

  it('refuses bad entries by position and host, never repeating a URL that may hold a password', () => {
    const problems = problemsOf({
      ...ONE_WORKER, DATABASE_REPLICA_URLS: 'mysql://u:hunter2@db:3306,postgres://u:hunter2@pg/cc,not a url,mysql://db-r1,mysql://db-r1:3306',
    });
    expect(problems).toEqual([
      'DATABASE_REPLICA_URLS: entry 1 (db:3306) is the primary of DATABASE_URL itself',
      'DATABASE_REPLICA_URLS: entry 2: scheme must be mysql:// or mariadb://, got postgres://',
      "DATABASE_REPLICA_URLS: entry 3: not a URL; expected mysql://host:3306 (user, password and database default to DATABASE_URL's)",
      'DATABASE_REPLICA_URLS: entry 5 (db-r1:3306) repeats an earlier entry',
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('needs REDIS_URL with several API workers: a user\'s next read may reach another worker, which must know of their write', () => {
    expect(problemsOf({ ...MYSQL, API_WORKERS: '2', DATABASE_REPLICA_URLS: 'mysql://db-r1' })).toEqual([
      expect.stringMatching(/^DATABASE_REPLICA_URLS: with API_WORKERS=2 .*set REDIS_URL .*or API_WORKERS=1$/),
    ]);
    expect(problemsOf({ ...MYSQL, API_WORKERS: '2', REDIS_URL: 'redis://cache:6379', DATABASE_REPLICA_URLS: 'mysql://db-r1' })).toEqual([]);
  });

  it('refuses a lag check slower than half the lag bound, and bounds out of range', () => {
    expect(problemsOf({ ...ONE_WORKER, REPLICA_MAX_LAG_MS: '1000', REPLICA_LAG_CHECK_MS: '600' })).toEqual([
      'REPLICA_LAG_CHECK_MS: must be at most half of REPLICA_MAX_LAG_MS (1000), or a replica that is current would look late between two checks',
    ]);
    expect(problemsOf({ ...ONE_WORKER, REPLICA_MAX_LAG_MS: '50' })).toEqual(['REPLICA_MAX_LAG_MS: must be an integer from 100 to 3600000, got "50"']);
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

describe('API_WORKERS (issue #10: cluster mode)', () => {
  it('defaults to one process per core on MySQL, and to 1 on the embedded database', () => {
    expect(loadSettings(MYSQL).apiWorkers).toBe(Math.min(availableParallelism(), 64));
    expect(loadSettings(EMBEDDED).apiWorkers).toBe(1);
    expect(loadSettings({ ...MYSQL, API_WORKERS: '3' }).apiWorkers).toBe(3);
    expect(loadSettings({ ...EMBEDDED, API_WORKERS: '1' }).apiWorkers).toBe(1);
  });

  it('refuses more than one on the embedded SQLite database, with one clear line', () => {
    expect(problemsOf({ ...EMBEDDED, API_WORKERS: '2' })).toEqual([
      'API_WORKERS: the embedded SQLite database serves one process; set DATABASE_URL to run 2 API workers',
    ]);
  });

  it('takes 1 to 64', () => {
    for (const bad of ['0', '65', 'two', '1.5']) {
      expect(problemsOf({ ...MYSQL, API_WORKERS: bad })).toEqual([`API_WORKERS: must be an integer from 1 to 64, got "${bad}"`]);
    }
  });
});

describe('METRICS_PORT, METRICS_HOST, WORKER_METRICS_PORT (issue #10: /metrics apart from the API)', () => {
  it('serves no metrics unless a port is given', () => {
    const s = loadSettings(EMBEDDED);
    expect(s.metrics).toBeNull();
    expect(s.workerMetrics).toBeNull();
  });

  it('binds to HOST unless METRICS_HOST says otherwise', () => {
    expect(loadSettings({ ...EMBEDDED, METRICS_PORT: '9464' }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadSettings({ ...EMBEDDED, HOST: '0.0.0.0', WORKER_METRICS_PORT: '9465' }).workerMetrics).toEqual({ host: '0.0.0.0', port: 9465 });
    const s = loadSettings({ ...EMBEDDED, HOST: '0.0.0.0', METRICS_HOST: '10.0.0.5', METRICS_PORT: '9464', WORKER_METRICS_PORT: '9465' });
    expect(s.metrics).toEqual({ host: '10.0.0.5', port: 9464 });
    expect(s.workerMetrics).toEqual({ host: '10.0.0.5', port: 9465 });
  });

  it('never shares the API port, and refuses bad values with one line each', () => {
    expect(problemsOf({ ...EMBEDDED, PORT: '3000', METRICS_PORT: '3000' })).toEqual([
      "METRICS_PORT: must differ from PORT (3000); the metrics are never served on the API's port",
    ]);
    expect(problemsOf({ ...EMBEDDED, METRICS_PORT: '70000', WORKER_METRICS_PORT: 'x', METRICS_HOST: 'bad host' })).toEqual([
      'METRICS_HOST: must be an IP address or a host name (e.g. 127.0.0.1, 0.0.0.0, ::), got "bad host"',
      'METRICS_PORT: must be an integer from 1 to 65535, got "70000"',
      'WORKER_METRICS_PORT: must be an integer from 1 to 65535, got "x"',
    ]);
    expect(problemsOf({ ...EMBEDDED, METRICS_HOST: '127.0.0.1' })).toEqual(['METRICS_HOST: only used with METRICS_PORT or WORKER_METRICS_PORT, and neither is set']);
  });
});
