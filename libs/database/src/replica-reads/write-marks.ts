import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

/** A Redis that accepts connections but does not answer costs a read at most this long (then it goes to the primary). */
const REDIS_COMMAND_TIMEOUT_MS = 200;
/** At start, how long to wait for Redis before serving (reads of users with no mark here go to the primary meanwhile). */
const REDIS_START_WAIT_MS = 2_000;

/**
 * When each user last wrote (the time their transaction had committed), for
 * read-your-writes. Kept in this process and, when REDIS_URL is set, in
 * Redis for every API process: a user's next request may reach another
 * cluster worker or host. A mark matters only while some replica might not
 * have applied the write; past the lag bound every usable replica has, so
 * marks are forgotten after `keepMs`.
 */
export class WriteMarks {
  private readonly local = new Map<string, number>();
  private readonly logger = new Logger('ReplicaReads');
  private redisFailing = false;

  constructor(
    private readonly keepMs: number,
    private readonly redis: Redis | null,
  ) {
    // ioredis reports every failed reconnection; the state change is logged once, by the commands.
    redis?.on('error', (error: Error) => this.logger.debug(`Redis: ${error.message}`));
  }

  static connect(keepMs: number, shared: { url: string; keyPrefix: string } | null): WriteMarks {
    if (!shared) return new WriteMarks(keepMs, null);
    return new WriteMarks(keepMs, new Redis(shared.url, {
      keyPrefix: `${shared.keyPrefix}last-write:`,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    }));
  }

  async note(userId: string, at: number): Promise<void> {
    if ((this.local.get(userId) ?? 0) < at) this.local.set(userId, at);
    if (!this.redis) return;
    try {
      await this.redis.set(userId, String(at), 'PX', this.keepMs);
      this.recovered();
    } catch (error) {
      this.failed(error as Error, "this user's reads on other API processes may miss the write until a replica applies it");
    }
  }

  /**
   * The user's last write still worth knowing, 0 for none, or null when the
   * shared marks cannot be read (then nothing proves a replica has the
   * user's writes: the caller reads from the primary).
   */
  async last(userId: string, now: number): Promise<number | null> {
    const here = this.local.get(userId) ?? 0;
    if (here !== 0 && here < now - this.keepMs) this.local.delete(userId);
    if (!this.redis) return here >= now - this.keepMs ? here : 0;
    try {
      const shared = Number((await this.redis.get(userId)) ?? 0);
      this.recovered();
      return Math.max(here, shared);
    } catch (error) {
      this.failed(error as Error, 'reads of users who did not write on this process go to the primary');
      return null;
    }
  }

  /** Forgets what no replica can still lack. */
  prune(now: number): void {
    for (const [userId, at] of this.local) if (at < now - this.keepMs) this.local.delete(userId);
  }

  async ready(): Promise<boolean> {
    const redis = this.redis;
    if (!redis || redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        redis.off('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), REDIS_START_WAIT_MS);
      redis.on('ready', onReady);
    });
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  private failed(error: Error, consequence: string): void {
    if (this.redisFailing) return;
    this.redisFailing = true;
    this.logger.warn(`Redis failed for read-your-writes (${error.message}): ${consequence}`);
  }

  private recovered(): void {
    if (!this.redisFailing) return;
    this.redisFailing = false;
    this.logger.log('Redis answers again: read-your-writes marks are shared by every API process again');
  }
}
