import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { expectProblem } from '../fixtures/builders';
import { deleteKeysUnder, keysUnder, TEST_REDIS_URL, testKeyPrefix, testRedis } from '../fixtures/redis';
import { TcpProxy } from '../fixtures/tcp-proxy';
import { startTestApp, TestApp } from '../fixtures/test-app';

/**
 * Rate limits in Redis (REDIS_URL), and what happens when Redis goes away: the
 * API keeps answering, each process counts on its own meanwhile (so a limit
 * still holds), one warning says so, and counting is shared again once Redis
 * answers (architecture.md "Outgrowing one machine"). Redis sits behind a
 * proxy the test cuts and stalls. Each case counts for its own client address
 * (TRUST_PROXY + X-Forwarded-For), so the cases do not share a counter.
 */
describe('rate limits in Redis, and Redis going away', () => {
  const LIMIT = 5;
  const prefix = testKeyPrefix('rate-limits');
  let redis: Redis;
  let proxy: TcpProxy;
  let t: TestApp;
  const warnings: string[] = [];
  const infos: string[] = [];

  beforeAll(async () => {
    redis = await testRedis();
    const target = new URL(TEST_REDIS_URL);
    proxy = await new TcpProxy({ host: target.hostname, port: Number(target.port || 6379) }).start();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(function (this: Logger, message: unknown) {
      warnings.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'log').mockImplementation(function (this: Logger, message: unknown) {
      infos.push(String(message));
    });
    t = await startTestApp({
      REDIS_URL: `redis://${proxy.url}`, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true',
    });
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
    await deleteKeysUnder(redis, prefix);
    redis?.disconnect();
    jest.restoreAllMocks();
  });

  const from = (address: string) => t.http.get('/api/v1/me').set('x-forwarded-for', address);
  /** The hit counter Redis holds for the default throttler (every case here makes one). */
  const redisHits = async () => {
    const keys = (await keysUnder(redis, prefix)).filter((k) => k.endsWith(':default}:hits'));
    return Promise.all(keys.map(async (k) => Number(await redis.get(k))));
  };
  async function statusesOf(address: string, count: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await from(address)).status);
    return statuses;
  }

  it('counts in Redis, under the configured prefix, and limits there', async () => {
    expect(infos).toContain(`rate limits shared through Redis at 127.0.0.1:${proxy.port}`);
    expect(await statusesOf('10.0.0.1', LIMIT)).toEqual(Array(LIMIT).fill(401));
    expectProblem(await from('10.0.0.1'), 429, 'rate_limited');
    expect(await redisHits()).toEqual([LIMIT + 1]);
    expect(warnings).toEqual([]);
  });

  it('Redis refusing connections: every request is answered, the limit holds per process, one warning', async () => {
    await proxy.cut();
    const started = Date.now();
    expect(await statusesOf('10.0.0.2', LIMIT)).toEqual(Array(LIMIT).fill(401));
    expectProblem(await from('10.0.0.2'), 429, 'rate_limited');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await t.http.get('/health/ready')).status).toBe(200);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Redis failed \(.+\): rate limits count per process until it answers$/);
    // nothing of it reached Redis
    expect(await redisHits()).toEqual([LIMIT + 1]);
  });

  it('Redis back: counting is shared again, and the log says so', async () => {
    await proxy.restore();
    const deadline = Date.now() + 10_000;
    let hits = await redisHits();
    while (hits.length < 2 && Date.now() < deadline) {
      await from('10.0.0.3');
      hits = await redisHits();
      if (hits.length < 2) await new Promise((r) => setTimeout(r, 200));
    }
    expect(hits).toHaveLength(2);
    expect(infos).toContain('Redis answers again: rate limits are shared by every replica again');
  });

  it('Redis accepting but not answering (a stall): each request waits at most the command timeout, then counts locally', async () => {
    warnings.length = 0;
    proxy.stall();
    const started = Date.now();
    const statuses = await statusesOf('10.0.0.4', 3);
    expect(statuses).toEqual([401, 401, 401]);
    // one request waits for the 500 ms timeout; the next ones skip Redis for a while
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Command timed out/);
    await proxy.restore();
  });
});

describe('an API started while Redis is down', () => {
  let t: TestApp;
  const warnings: string[] = [];

  beforeAll(async () => {
    // a port nothing listens on: a proxy opened and closed
    const dead = await new TcpProxy({ host: '127.0.0.1', port: 1 }).start();
    await dead.close();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(function (this: Logger, message: unknown) {
      warnings.push(String(message));
    });
    t = await startTestApp({ REDIS_URL: `redis://${dead.url}`, RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t?.close();
    jest.restoreAllMocks();
  });

  it('starts, says so, serves, and still limits per process', async () => {
    expect(warnings.some((w) => /^Redis at 127\.0\.0\.1:\d+ does not answer: rate limits count per process until it does$/.test(w))).toBe(true);
    expect((await t.http.get('/health/ready')).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.http.get('/api/v1/me')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
