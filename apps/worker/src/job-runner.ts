import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Metrics } from '@countycare/common';

/**
 * Runs one scheduled job at a time per name in this process and never lets a
 * failure stop the worker. Safety across processes comes from the jobs
 * themselves: conditional updates and unique notification keys.
 */
@Injectable()
export class JobRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(private readonly metrics: Metrics) {}

  run(name: string, job: () => Promise<number | void>): Promise<void> {
    if (this.stopping || this.running.has(name)) return Promise.resolve();
    const run = this.execute(name, job).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  /** On shutdown no job starts, and the running ones finish before the database pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running.values());
  }

  private async execute(name: string, job: () => Promise<number | void>): Promise<void> {
    const started = Date.now();
    let failed = false;
    try {
      const count = await job();
      if (count) this.logger.log({ job: name, count, ms: Date.now() - started }, 'job done');
    } catch (error) {
      failed = true;
      this.logger.error({ job: name, err: error }, 'job failed');
    }
    this.metrics.jobRun(name, Date.now() - started, failed);
  }
}
