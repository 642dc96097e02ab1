import { Injectable, Logger } from '@nestjs/common';

/**
 * Runs one scheduled job at a time per name in this process and never lets a
 * failure stop the worker. Safety across processes comes from the jobs
 * themselves: conditional updates and unique notification keys.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger('Jobs');
  private readonly running = new Set<string>();

  async run(name: string, job: () => Promise<number | void>): Promise<void> {
    if (this.running.has(name)) return;
    this.running.add(name);
    const started = Date.now();
    try {
      const count = await job();
      if (count) this.logger.log({ job: name, count, ms: Date.now() - started }, 'job done');
    } catch (error) {
      this.logger.error({ job: name, err: error }, 'job failed');
    } finally {
      this.running.delete(name);
    }
  }
}
