import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { AppSettings } from '@countycare/common';
import Redis from 'ioredis';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** How long a process counts on its own after Redis failed, unless the client reconnects sooner. */
const REDIS_RETRY_AFTER_MS = 5_000;
/** A Redis that accepts connections but does not answer costs a request at most this long. */
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** At start, how long to wait for Redis before serving with per-process counts. */
const REDIS_START_WAIT_MS = 2_000;

/** Where the rate-limit counters live: Redis when REDIS_URL is set, else the throttler's in-memory default. */
export function rateLimitStorage(settings: AppSettings): ThrottlerStorage | undefined {
  if (!settings.redis) return undefined;
  const redis = new Redis(settings.redis.url, {
    keyPrefix: settings.redis.keyPrefix,
    // While disconnected a command fails at once (and the request counts locally) instead of waiting in a queue.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    // At shutdown, a connection that already failed is not waited for (ioredis would wait 2 s for it to close).
    disconnectTimeout: 200,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  return new SharedThrottlerStorage(redis);
}

/**
 * The rate limits and sign-in limits of every API replica counted in one Redis
 * (`@nest-lab/throttler-storage-redis`: one Lua script per hit, atomic across
 * replicas). A rate limiter that is down must not take the API down with it:
 * when Redis fails or stalls, each process counts in memory, as without
 * REDIS_URL, so a limit still holds per replica; one warning says so, one line
 * says when counting is shared again (architecture.md "Outgrowing one machine").
 */
export class SharedThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimits');
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();
  private skipRedisUntil = 0;
  private degraded = false;

  constructor(private readonly redis: Redis) {
    this.shared = new ThrottlerStorageRedisService(redis);
    redis.on('ready', () => {
      this.skipRedisUntil = 0;
    });
    // ioredis reports every failed reconnection; the state change is logged once, by increment.
    redis.on('error', (error: Error) => this.logger.debug(`Redis: ${error.message}`));
  }

  async onModuleInit(): Promise<void> {
    const where = `${this.redis.options.host}:${this.redis.options.port}`;
    if (await this.ready(REDIS_START_WAIT_MS)) {
      this.logger.log(`rate limits shared through Redis at ${where}`);
    } else {
      this.degraded = true;
      this.logger.warn(`Redis at ${where} does not answer: rate limits count per process until it does`);
    }
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<StorageRecord> {
    if (Date.now() >= this.skipRedisUntil) {
      try {
        const record = await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
        if (this.degraded) {
          this.degraded = false;
          this.logger.log('Redis answers again: rate limits are shared by every replica again');
        }
        return record;
      } catch (error) {
        this.skipRedisUntil = Date.now() + REDIS_RETRY_AFTER_MS;
        if (!this.degraded) {
          this.degraded = true;
          this.logger.warn(`Redis failed (${(error as Error).message}): rate limits count per process until it answers`);
        }
      }
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  async onApplicationShutdown(): Promise<void> {
    this.local.onApplicationShutdown();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private ready(withinMs: number): Promise<boolean> {
    if (this.redis.status === 'ready') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.redis.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), withinMs);
      this.redis.on('ready', onReady);
    });
  }
}
