import { dataSourceOptions, mysqlConnectionOptions } from './data-source-options';

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
