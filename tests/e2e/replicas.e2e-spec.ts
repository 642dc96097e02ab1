import { calendarDateIn, LOCKOUT } from '@countycare/domain';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ApiProcess, ensureApiBuilt, sharedDatabase, SharedDatabase } from '../fixtures/api-processes';
import { expectProblem, makeIdNumber } from '../fixtures/builders';
import { deleteKeysUnder, keysUnder, TEST_REDIS_URL, testKeyPrefix, testRedis } from '../fixtures/redis';
import { TEST_PASSWORD } from '../fixtures/test-app';

const RATE_LIMIT = 10;
const SIGN_IN_LIMIT = 4;
const ADMIN_PASSWORD = 'Root#Admin2026';

/**
 * Two API replicas, as docker compose runs them behind nginx: two processes of
 * the built API on one database and one Redis (architecture.md "Outgrowing one
 * machine"). What one replica decides, the other must honour: the lockout, the
 * rate limits, an idempotency key, a revoked session, the one open contract.
 *
 * On MySQL/MariaDB (DATABASE_URL) a fresh database is migrated once and both
 * replicas start together with DB_MIGRATE=off, as compose's `migrate` service
 * does it. On the embedded default the two share one SQLite file (WAL), the
 * first one creating it; production runs replicas on MySQL only.
 *
 * Every request comes from a client address of its own (TRUST_PROXY, as behind
 * nginx) unless a case gives one, so only the rate-limit cases share a counter.
 */
describe('two API replicas on one database and one Redis', () => {
  const prefix = testKeyPrefix('replicas');
  const firstAdminPassword = `First#${randomBytes(8).toString('hex')}`;
  let db: SharedDatabase;
  let redis: Redis;
  let a: ApiProcess;
  let b: ApiProcess;
  let w: SeededCounty;

  beforeAll(async () => {
    const build = await ensureApiBuilt();
    if (build.built) console.log(`replicas: built the API first (nest build api, ${Math.round(build.ms / 1000)} s)${build.typeErrors ? `, with type errors:\n${build.typeErrors}` : ''}`);
    redis = await testRedis();
    db = await sharedDatabase('replicas');
    const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), FIELD_ENCRYPTION_KEY: randomBytes(32).toString('hex') };
    const env = {
      ...db.env,
      ...secrets,
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: firstAdminPassword,
      // cheap password hashing, as in the rest of the suite: the lockout case signs in wrongly on purpose
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DB_MIGRATE: 'off',
      DEMO_SEED: 'false',
      // one process per replica: the replicas are the point here, not cluster mode
      API_WORKERS: '1',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      SIGN_IN_RATE_LIMIT_PER_MINUTE: String(SIGN_IN_LIMIT),
      TRUST_PROXY: 'true',
    };
    await db.migrate(secrets);
    if (db.kind === 'mysql') {
      // both at once on the empty database: the first admin is created once
      [a, b] = await Promise.all([ApiProcess.start('A', env), ApiProcess.start('B', env)]);
      await Promise.all([a.ready(), b.ready()]);
    } else {
      a = await (await ApiProcess.start('A', env)).ready();
      b = await (await ApiProcess.start('B', env)).ready();
    }
    w = await seedCounty(a, firstAdminPassword);
  }, 300_000);

  afterAll(async () => {
    const codes = await Promise.all([a?.stop(), b?.stop()]);
    if (redis) {
      await deleteKeysUnder(redis, prefix);
      redis.disconnect();
    }
    await db?.drop();
    expect(codes).toEqual([0, 0]);
  });

  it('lockout: wrong passwords on either replica count together, and the lock holds on both', async () => {
    const replicas = [a, b];
    for (let attempt = 1; attempt <= LOCKOUT.maxFailures; attempt++) {
      const res = await login(replicas[attempt % 2], 'lockme', 'Wrong#Pass2026');
      if (attempt < LOCKOUT.maxFailures) expectProblem(res, 401, 'bad_credentials');
      else expectProblem(res, 423, 'account_locked');
    }
    for (const api of replicas) {
      const res = await login(api, 'lockme', TEST_PASSWORD);
      expectProblem(res, 423, 'account_locked');
      expect(res.body.lockedUntil).toEqual(expect.any(String));
    }
  });

  it('rate limit: requests from one address split across the replicas meet one shared limit', async () => {
    const from = '203.0.113.10';
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++) statuses.push((await call(i % 2 ? b : a, from).get('/api/v1/me')).status);
    expect(statuses).toEqual(Array(RATE_LIMIT).fill(401));
    for (const api of [a, b]) {
      const res = await call(api, from).get('/api/v1/me');
      expectProblem(res, 429, 'rate_limited');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    // another address is not affected
    expect((await call(b, '203.0.113.11').get('/api/v1/me')).status).toBe(401);
  });

  it('sign-in limit: attempts split across the replicas meet one shared limit', async () => {
    const from = '203.0.113.20';
    for (let i = 0; i < SIGN_IN_LIMIT; i++) expectProblem(await login(i % 2 ? b : a, 'nobody', 'x', from), 401, 'bad_credentials');
    for (const api of [a, b]) expectProblem(await login(api, 'nobody', 'x', from), 429, 'rate_limited');
    expect((await keysUnder(redis, prefix)).length).toBeGreaterThan(0);
  });

  it('idempotency: a key used on A replays on B, and one record exists', async () => {
    const gp = await token(a, 'gp.one');
    const body = { serviceItemCode: 'health_consult', deliveredAt: new Date().toISOString(), modality: 'face_to_face' };
    const first = await call(a).post(`/api/v1/contracts/${w.contractId}/services`).set('authorization', gp).set('idempotency-key', 'visit-1').send(body);
    expect(first.status).toBe(201);
    const retry = await call(b).post(`/api/v1/contracts/${w.contractId}/services`).set('authorization', gp).set('idempotency-key', 'visit-1').send(body);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.location).toBe(first.headers.location);

    // the same key sent to both at once: one record, the other answer a replay or "still running"
    const racing = await Promise.all([a, b].map((api) =>
      call(api).post(`/api/v1/contracts/${w.contractId}/services`).set('authorization', gp).set('idempotency-key', 'visit-2').send(body)));
    expect(racing.map((r) => r.status)).toContain(201);
    for (const r of racing) expect([201, 409]).toContain(r.status);

    const records = await call(b).get(`/api/v1/contracts/${w.contractId}/services`).set('authorization', gp);
    expect(records.status).toBe(200);
    expect(records.body.items.map((r: { id: string }) => r.id).sort()).toEqual(
      [first.body.id, racing.find((r) => r.status === 201)!.body.id].sort(),
    );
  });

  it('session revocation: a logout on A is refused on B within 1 s, its refresh token at once', async () => {
    const signedIn = await login(a, 'leaver', TEST_PASSWORD);
    expect(signedIn.status).toBe(200);
    const bearer = `Bearer ${signedIn.body.accessToken}`;
    await expectRefusedWithin1s(b, bearer, async () => {
      expect((await call(a).post('/api/v1/auth/logout').set('authorization', bearer)).status).toBe(204);
    });
    expectProblem(await call(b).post('/api/v1/auth/refresh').send({ refreshToken: signedIn.body.refreshToken }), 401);
  });

  it('session revocation: a password changed on A ends the other sessions on B within 1 s', async () => {
    const onA = await token(a, 'changer');
    const onB = await token(b, 'changer');
    await expectRefusedWithin1s(b, onB, async () => {
      const res = await call(a).post('/api/v1/auth/password').set('authorization', onA)
        .send({ currentPassword: TEST_PASSWORD, newPassword: 'Changed#Pass2026' });
      expect(res.status).toBe(204);
    });
    expect((await call(b).get('/api/v1/me').set('authorization', onA)).status).toBe(200);
  });

  it('a password an admin reset, once changed on A, is no longer asked for on B: no second of 403s', async () => {
    const reset = await call(a).post(`/api/v1/staff/${w.staff.resetme}/password`).set('authorization', w.admin).send({ newPassword: 'Reset#Temp2026' });
    expect(reset.status).toBe(204);
    const signedIn = await login(a, 'resetme', 'Reset#Temp2026');
    expect(signedIn.body.user.passwordChangeRequired).toBe(true);
    const bearer = `Bearer ${signedIn.body.accessToken}`;
    // B has checked the token while a change was required
    expectProblem(await call(b).get('/api/v1/worklists/follow-ups').set('authorization', bearer), 403, 'password_change_required');
    const changed = await call(a).post('/api/v1/auth/password').set('authorization', bearer)
      .send({ currentPassword: 'Reset#Temp2026', newPassword: 'Own#Choice2026' });
    expect(changed.status).toBe(204);
    expect((await call(b).get('/api/v1/worklists/follow-ups').set('authorization', bearer)).status).toBe(200);
    expect((await call(b).get('/api/v1/me').set('authorization', bearer)).body).toMatchObject({ passwordChangeRequired: false });
  });

  it('session revocation: an account disabled on A is refused on B within 1 s', async () => {
    const bearer = await token(b, 'disabled');
    await expectRefusedWithin1s(b, bearer, async () => {
      const res = await call(a).patch(`/api/v1/staff/${w.staff.disabled}`).set('authorization', w.admin).send({ status: 'disabled' });
      expect(res.status).toBe(200);
    });
  });

  it('one open contract: two signings for one resident, one on each replica at once, exactly one 201', async () => {
    const gp = await token(a, 'gp.one');
    for (const residentId of w.unsigned) {
      const body = { residentId, teamId: w.teamId, packageIds: [w.packageId], startDate: w.today, sharingConsent: true };
      const answers = await Promise.all([a, b].map((api) => call(api).post('/api/v1/contracts').set('authorization', gp).send(body)));
      expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
      expectProblem(answers.find((r) => r.status === 409)!, 409);
      const contracts = await call(b).get(`/api/v1/contracts?residentId=${residentId}`).set('authorization', gp);
      expect(contracts.body.items).toHaveLength(1);
    }
  });

  // ---- helpers

  /** `api` accepts the token now; after `act` it refuses it within 1 s (a principal cache may trust it that long) and keeps refusing. */
  async function expectRefusedWithin1s(api: ApiProcess, bearer: string, act: () => Promise<void>): Promise<void> {
    expect((await call(api).get('/api/v1/me').set('authorization', bearer)).status).toBe(200);
    await act();
    const done = Date.now();
    for (;;) {
      const sentAfter = Date.now() - done;
      const status = (await call(api).get('/api/v1/me').set('authorization', bearer)).status;
      if (status === 401) break;
      expect({ status, sentAfterMs: sentAfter <= 1_000 ? 'within 1 s' : sentAfter }).toEqual({ status: 200, sentAfterMs: 'within 1 s' });
      await new Promise((r) => setTimeout(r, 50));
    }
    for (let i = 0; i < 3; i++) expect((await call(api).get('/api/v1/me').set('authorization', bearer)).status).toBe(401);
  }

  const tokens = new Map<string, string>();
  async function token(api: ApiProcess, username: string): Promise<string> {
    const key = `${api.name}:${username}`;
    if (!tokens.has(key)) {
      const res = await login(api, username, TEST_PASSWORD);
      if (res.status !== 200) throw new Error(`login ${username} on ${api.name}: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(key, `Bearer ${res.body.accessToken}`);
    }
    return tokens.get(key)!;
  }
});

let addresses = 0;
/** A request to one replica from a client address (X-Forwarded-For): `from`, or a new one. */
function call(api: ApiProcess, from?: string) {
  addresses += 1;
  const xff = from ?? `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
  const agent = request(api.url);
  return {
    get: (path: string) => agent.get(path).set('x-forwarded-for', xff),
    post: (path: string) => agent.post(path).set('x-forwarded-for', xff),
    patch: (path: string) => agent.patch(path).set('x-forwarded-for', xff),
  };
}

function login(api: ApiProcess, username: string, password: string, from?: string) {
  return call(api, from).post('/api/v1/auth/login').send({ username, password });
}

interface SeededCounty {
  admin: string;
  teamId: string;
  packageId: string;
  today: string;
  /** A signed contract, for the idempotency case. */
  contractId: string;
  /** Residents without a contract, one per signing race. */
  unsigned: string[];
  staff: Record<string, string>;
}

/** A county, a township centre, a team, its GP and the staff the cases sign in as, a package and residents, through replica A. */
async function seedCounty(api: ApiProcess, firstAdminPassword: string): Promise<SeededCounty> {
  const created = async (bearer: string, path: string, body: object): Promise<string> => {
    const res = await call(api).post(`/api/v1/${path}`).set('authorization', bearer).send(body);
    if (res.status !== 201) throw new Error(`POST ${path} -> ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  };
  const first = await login(api, 'root', firstAdminPassword);
  if (first.status !== 200) throw new Error(`first admin: ${first.status} ${JSON.stringify(first.body)}`);
  const admin = `Bearer ${first.body.accessToken}`;
  // required in production (README "First sign-in"), harmless on the embedded default
  const changed = await call(api).post('/api/v1/auth/password').set('authorization', admin)
    .send({ currentPassword: firstAdminPassword, newPassword: ADMIN_PASSWORD });
  if (changed.status !== 204) throw new Error(`first admin password: ${changed.status} ${JSON.stringify(changed.body)}`);

  const countyId = await created(admin, 'counties', { code: '330781', name: '示范县' });
  const townId = await created(admin, 'institutions', { countyId, name: '城关镇卫生院', level: 'township_center' });
  const teamId = await created(admin, 'teams', { institutionId: townId, name: '城关1组' });
  const staff: Record<string, string> = {};
  staff.countyAdmin = await created(admin, 'staff', { username: 'cadmin', password: TEST_PASSWORD, displayName: '县管理员', role: 'county_admin', countyId });
  for (const username of ['gp.one', 'lockme', 'leaver', 'changer', 'disabled', 'resetme']) {
    staff[username] = await created(admin, 'staff', {
      username, password: TEST_PASSWORD, displayName: username, role: 'gp', institutionId: townId, teamId,
    });
  }
  const signedIn = await login(api, 'cadmin', TEST_PASSWORD);
  const countyAdmin = `Bearer ${signedIn.body.accessToken}`;
  const packageId = await created(countyAdmin, 'service-packages', {
    code: 'basic', name: '基础服务包', kind: 'basic', priceYuan: 0,
    items: [{ code: 'health_consult', name: '健康咨询', timesPerYear: 2, modality: 'any' }],
  });
  const residents: string[] = [];
  for (let i = 0; i < 4; i++) {
    residents.push(await created(countyAdmin, 'residents', { countyId, name: '测试居民', idNumber: makeIdNumber('330781', '1960-05-01', 11 + 2 * i) }));
  }
  const today = calendarDateIn(new Date(), 'Asia/Shanghai');
  const gp = `Bearer ${(await login(api, 'gp.one', TEST_PASSWORD)).body.accessToken}`;
  const contractId = await created(gp, 'contracts', { residentId: residents[0], teamId, packageIds: [packageId], startDate: today, sharingConsent: true });
  return { admin, teamId, packageId, today, contractId, unsigned: residents.slice(1), staff };
}
