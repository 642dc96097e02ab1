import { ConfigError, loadSettings } from './settings';

const KEY = 'a'.repeat(64);

describe('configuration (api.md "Configuration": bad config = one clear line per problem)', () => {
  it('defaults to the embedded database with demo seed and demo admin', () => {
    const s = loadSettings({ SQLITE_PATH: ':memory:' });
    expect(s).toMatchObject({ port: 3000, database: { kind: 'sqlite', path: ':memory:' }, migrate: 'auto', demoSeed: true, countyTimeZone: 'Asia/Shanghai' });
    expect(s.admin).not.toBeNull();
    expect(s.jwtSecret.length).toBeGreaterThanOrEqual(32);
    // X-Forwarded-For is only believed when the operator says a proxy sets it
    expect(s).toMatchObject({ trustProxy: false, rateLimitPerMinute: 1200, signInRateLimitPerMinute: 30 });
  });

  it('on MySQL requires JWT_SECRET and the field key, and turns the demo seed off', () => {
    const s = loadSettings({ DATABASE_URL: 'mysql://u:p@db:3306/cc', JWT_SECRET: 'x'.repeat(32), FIELD_ENCRYPTION_KEY: KEY });
    expect(s.database).toEqual({ kind: 'mysql', url: 'mysql://u:p@db:3306/cc', flavor: 'auto' });
    expect(s.demoSeed).toBe(false);
    expect(s.admin).toBeNull();
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
    const s = loadSettings({ DATABASE_URL: 'mariadb://u@db/cc', JWT_SECRET: 'x'.repeat(32), FIELD_ENCRYPTION_KEY: KEY });
    expect(s.database).toMatchObject({ flavor: 'mariadb' });
  });
});
