import { Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AuditService } from '@countycare/audit';
import { IDEMPOTENCY_TTL_HOURS, IdempotencyStore } from '@countycare/database';
import { JobRunner } from './job-runner';

const MINUTE = 60_000;

/**
 * The worker's timetable. Jobs run on short intervals and are idempotent,
 * so a worker that was down catches up on its next tick, and two workers
 * running the same job do the work once.
 */
@Injectable()
export class WorkerSchedule {
  constructor(
    private readonly jobs: JobRunner,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Interval(10_000)
  sealAuditChain() {
    return this.jobs.run('audit.seal', () => this.audit.sealPending());
  }

  @Interval(60 * MINUTE)
  purgeIdempotencyKeys() {
    return this.jobs.run('idempotency.purge', () =>
      this.idempotency.purgeOlderThan(new Date(Date.now() - IDEMPOTENCY_TTL_HOURS * 60 * MINUTE)),
    );
  }
}
