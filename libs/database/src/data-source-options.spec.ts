import { dataSourceOptions, mysqlConnectionOptions, replicaConnectionOptions } from './data-source-options';

const SCHEMA = { entities: [], migrations: [] };

describe('MySQL connection options (issue #9: DATABASE_PASSWORD, used as is)', () => {
  it('takes the password from DATABASE_PASSWORD verbatim, characters a URL cannot carry included', () => {
    const options = mysqlConnectionOptions({ kind: 'mysql', url: 'mysql://countycare@mysql:3306/countycare', password: 'p@ss/w#rd?%', flavor: 'auto' });
    expect(options).toEqual({ host: 'mysql', port: 3306, username: 'countycare', password: 'p@ss/w#rd?%', database: 'countycare' });
  });

  it('lets DATABASE_PASSWORD win over a password in the URL', () => {
    expect(mysqlConnectionOptions({ kind: 'mysql', url: 'mysql://u:old@db/cc', password: 'new', flavor: 'auto' }).password).toBe('new');
  });

  it('decodes a percent-encoded URL password, and has none when the URL has none', () => {
    expect(mysqlConnectionOptions({ kind: 'mysql', url: 'mysql://u:p%40ss%2Fw%23rd%3F%25@db:3307/cc', flavor: 'auto' }))
      .toEqual({ host: 'db', port: 3307, username: 'u', password: 'p@ss/w#rd?%', database: 'cc' });
    expect(mysqlConnectionOptions({ kind: 'mysql', url: 'mysql://root@127.0.0.1/cc', flavor: 'auto' }).password).toBeUndefined();
    expect(mysqlConnectionOptions({ kind: 'mysql', url: 'mariadb://root@[::1]:3306/cc', flavor: 'mariadb' }).host).toBe('::1');
  });

  it('hands TypeORM separate fields, so the URL cannot override the password', () => {
    const options = dataSourceOptions({ kind: 'mysql', url: 'mysql://countycare@mysql:3306/countycare', password: 'p@ss/w#rd?%', flavor: 'auto' }, 'mysql', SCHEMA);
    expect(options).toMatchObject({ type: 'mysql', host: 'mysql', username: 'countycare', password: 'p@ss/w#rd?%', database: 'countycare' });
    expect(options).not.toHaveProperty('url');
  });
});

describe('read replicas (issue #10: DATABASE_REPLICA_URLS)', () => {
  const primary = { kind: 'mysql' as const, url: 'mysql://countycare@db:3306/countycare', password: 'p@ss/w#rd?%', flavor: 'auto' as const };

  it('gives a replica URL the primary\'s user, password (DATABASE_PASSWORD) and database when it names none', () => {
    expect(replicaConnectionOptions(primary, 'mysql://db-r1')).toEqual({
      host: 'db-r1', port: 3306, username: 'countycare', password: 'p@ss/w#rd?%', database: 'countycare',
    });
    expect(replicaConnectionOptions(primary, 'mysql://reader:own%2Fpw@db-r2:3307/copy')).toEqual({
      host: 'db-r2', port: 3307, username: 'reader', password: 'own/pw', database: 'copy',
    });
  });

  it('turns on TypeORM replication that sends nothing to a replica unless asked, and never drops the primary', () => {
    const options = dataSourceOptions({ ...primary, replicaUrls: ['mysql://db-r1', 'mysql://db-r2:3307'] }, 'mariadb', SCHEMA) as unknown as {
      replication: { master: object; slaves: Array<{ host: string }>; defaultMode: string; canRetry: boolean; removeNodeErrorCount: number };
    };
    expect(options.replication.master).toEqual(mysqlConnectionOptions(primary));
    expect(options.replication.slaves.map((s) => s.host)).toEqual(['db-r1', 'db-r2']);
    expect(options.replication).toMatchObject({ defaultMode: 'master', canRetry: false, removeNodeErrorCount: Number.MAX_SAFE_INTEGER });
    expect(dataSourceOptions(primary, 'mariadb', SCHEMA)).not.toHaveProperty('replication');
  });
});
