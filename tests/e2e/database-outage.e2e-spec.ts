import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { PRINCIPAL_CACHE_MS } from '@countycare/auth';
import { ADMIN, startTestApp, TestApp } from '../fixtures/test-app';

/**
 * A TCP proxy in front of the database server: cutting it (every socket
 * destroyed, the port closed) is the server going away as the API sees it;
 * listening again on the same port is the server coming back.
 */
class DatabaseProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => { client.destroy(); upstream.destroy(); });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server!;
    this.server = null;
    const closed = new Promise((resolve) => server.close(resolve));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}

/** The part of a better-sqlite3 handle the test uses (the driver loads the library; it ships no types here). */
interface SqliteHandle {
  exec(sql: string): void;
  close(): void;
}
interface SqliteDriver {
  databaseConnection: SqliteHandle;
  sqlite: new (file: string) => SqliteHandle;
}

interface Outage {
  begin(): Promise<void>;
  end(): Promise<void>;
}

function expectUnavailable(res: Response, what: string): void {
  expect({ what, status: res.status }).toEqual({ what, status: 503 });
  expect(res.headers['retry-after']).toMatch(/^\d+$/);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 503 });
}

/**
 * A database that goes away and comes back: every route answers 503
 * problem+json with Retry-After meanwhile (never a 500), and the API serves
 * again by itself once the database is back, without a restart. On MariaDB
 * through a proxy that is cut and restored; on the embedded SQLite file by
 * closing and reopening its handle, and by another connection holding the
 * write lock past the busy timeout.
 */
describe('database outage: 503 with Retry-After, then recovery without a restart', () => {
  let t: TestApp;
  let outage: Outage;
  let sqliteFile: string | null = null;
  let cleanup: () => Promise<void> | void = () => undefined;
  let admin: string;
  let down = false;

  beforeAll(async () => {
    const serverUrl = process.env.DATABASE_URL;
    if (serverUrl) {
      const url = new URL(serverUrl);
      const proxy = new DatabaseProxy({ host: url.hostname, port: Number(url.port || 3306) });
      await proxy.open();
      url.hostname = '127.0.0.1';
      url.port = String(proxy.port);
      // startTestApp creates (and later drops) its database through DATABASE_URL: through the proxy too.
      process.env.DATABASE_URL = url.toString();
      try {
        t = await startTestApp();
      } finally {
        process.env.DATABASE_URL = serverUrl;
      }
      outage = { begin: () => proxy.cut(), end: () => proxy.open() };
      cleanup = () => proxy.cut();
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'countycare-outage-'));
      cleanup = () => rmSync(dir, { recursive: true, force: true });
      sqliteFile = join(dir, 'outage.sqlite');
      t = await startTestApp({ SQLITE_PATH: sqliteFile });
      outage = {
        // The handle dies under the running API, as on a failing disk or a file removed by hand.
        begin: async () => (t.dataSource.driver as unknown as SqliteDriver).databaseConnection.close(),
        // Re-initialising drops the dead handle's cached statements with it.
        end: async () => {
          await t.dataSource.destroy();
          await t.dataSource.initialize();
        },
      };
    }
    admin = await t.login(ADMIN.username, ADMIN.password);
    const { begin, end } = outage;
    outage = {
      begin: async () => { await begin(); down = true; },
      end: async () => { await end(); down = false; },
    };
  });
  afterAll(async () => {
    // A test that failed mid-outage must not keep the database away from the teardown (which drops it).
    if (down) await outage.end();
    await t.close();
    await cleanup();
  });

  const county = (code: string) => ({ code, name: `停电县${code}` });

  it('reads, writes, sign-in and readiness answer 503 while it is away; the same requests succeed once it is back', async () => {
    expect((await t.http.get('/api/v1/counties').set('authorization', admin)).status).toBe(200);

    await outage.begin();
    expectUnavailable(await t.http.get('/api/v1/counties').set('authorization', admin), 'list');
    // /me needs no query while the session's last check is fresh (PRINCIPAL_CACHE_MS); once it lapses, 503 too.
    await new Promise((resolve) => setTimeout(resolve, PRINCIPAL_CACHE_MS + 50));
    expectUnavailable(await t.http.get('/api/v1/me').set('authorization', admin), 'me');
    const write = await t.http.post('/api/v1/counties').set('authorization', admin).set('idempotency-key', 'outage-1').send(county('330791'));
    expectUnavailable(write, 'write');
    expect(write.body.code).toBe('database_unavailable');
    expectUnavailable(await t.http.post('/api/v1/auth/login').send({ username: 'someone', password: 'Whatever#2026' }), 'sign-in');
    expectUnavailable(await t.http.get('/health/ready'), 'readiness');
    expect((await t.http.get('/health')).status).toBe(200);

    await outage.end();
    expect((await t.http.get('/api/v1/counties').set('authorization', admin)).status).toBe(200);
    expect((await t.http.get('/health/ready')).status).toBe(200);
    // The write that met the outage left no claim behind: its retry is processed, and a second retry replays it.
    const retried = await t.http.post('/api/v1/counties').set('authorization', admin).set('idempotency-key', 'outage-1').send(county('330791'));
    expect(retried.status).toBe(201);
    const replayed = await t.http.post('/api/v1/counties').set('authorization', admin).set('idempotency-key', 'outage-1').send(county('330791'));
    expect({ status: replayed.status, id: replayed.body.id }).toEqual({ status: 201, id: retried.body.id });
  });

  it('an outage during a run of requests: each answer is 200 or 503, and the run ends in 200s', async () => {
    const statuses: number[] = [];
    const run = async (n: number) => {
      for (let i = 0; i < n; i++) statuses.push((await t.http.get('/api/v1/counties').set('authorization', admin)).status);
    };
    await run(3);
    await outage.begin();
    await run(3);
    await outage.end();
    await run(3);
    expect(statuses).toEqual([200, 200, 200, 503, 503, 503, 200, 200, 200]);
  });

  it('a database that cannot serve for a moment: SQLite locked by another writer past the busy timeout, MariaDB with every pooled connection dropped', async () => {
    if (!sqliteFile) {
      // The pool holds connections the server no longer knows: the next request must get a fresh one, not an error.
      expect((await t.http.get('/api/v1/counties').set('authorization', admin)).status).toBe(200);
      await outage.begin();
      await outage.end();
      expect((await t.http.get('/api/v1/counties').set('authorization', admin)).status).toBe(200);
      expect((await t.http.post('/api/v1/counties').set('authorization', admin).send(county('330792'))).status).toBe(201);
      return;
    }
    const other = new (t.dataSource.driver as unknown as SqliteDriver).sqlite(sqliteFile);
    try {
      // The API waits 5 s for a lock before giving up; a shorter wait keeps the test quick.
      await t.dataSource.query('PRAGMA busy_timeout = 200');
      other.exec('BEGIN EXCLUSIVE');
      const write = await t.http.post('/api/v1/counties').set('authorization', admin).send(county('330792'));
      expectUnavailable(write, 'locked write');
      expect(write.body.code).toBe('database_unavailable');
      expect((await t.http.get('/api/v1/me').set('authorization', admin)).status).toBe(200);
      other.exec('ROLLBACK');
      expect((await t.http.post('/api/v1/counties').set('authorization', admin).send(county('330792'))).status).toBe(201);
    } finally {
      other.close();
    }
  });
});
