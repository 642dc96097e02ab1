import { Inject, Injectable } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { AuditArchiver, AuditPartitions, AuditService } from '@countycare/audit';
import { APP_SETTINGS, AppSettings } from '@countycare/common';
import { IDEMPOTENCY_TTL_HOURS, IdempotencyStore } from '@countycare/database';
import { ContractJobs } from '@countycare/contracts';
import { auditRetentionMonths, lastArchivableMonth, resolveCountyPolicy } from '@countycare/domain';
import { County } from '@countycare/organizations';
import { ReferralJobs } from '@countycare/referrals';
import { SickbedJobs } from '@countycare/sickbeds';
import { DataSource } from 'typeorm';
import { JobRunner } from './job-runner';

const MINUTE = 60_000;

/**
 * The worker's timetable. Jobs run once at start and then on intervals; they
 * are idempotent, so a worker that was down catches up at once, and two
 * workers running the same job do the work once.
 */
@Injectable()
export class WorkerSchedule {
  constructor(
    private readonly jobs: JobRunner,
    private readonly audit: AuditService,
    private readonly auditPartitions: AuditPartitions,
    private readonly auditArchiver: AuditArchiver,
    @Inject(APP_SETTINGS) private readonly settings: AppSettings,
    private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyStore,
    private readonly contractJobs: ContractJobs,
    private readonly referralJobs: ReferralJobs,
    private readonly sickbedJobs: SickbedJobs,
  ) {}

  /** Every job once, in order; what the worker does right after it starts. */
  async runAll(): Promise<void> {
    await this.activateScheduledContracts();
    await this.expireEndedContracts();
    await this.notifyExpiringContracts();
    await this.closeMissedFollowUps();
    await this.notifyOverdueRounds();
    await this.warnSickbedCyclesEnding();
    await this.flagOverdueSickbedCycles();
    await this.flagReferralSlaBreaches();
    await this.expireReferralNoShows();
    await this.sealAuditChain();
    await this.createAuditPartitions();
    await this.archiveAuditMonths();
    await this.purgeIdempotencyKeys();
  }

  @Interval(10_000)
  sealAuditChain() {
    return this.jobs.run('audit.seal', () => this.audit.sealPending());
  }

  /** The audit log's monthly partitions three months ahead (MySQL/MariaDB; domain.md §7.5 "Retention"). */
  @Interval(6 * 60 * MINUTE)
  createAuditPartitions() {
    return this.jobs.run('audit.partitions', async () => (await this.auditPartitions.ensureAhead(new Date(), 3)).length);
  }

  /**
   * Months older than every county's audit.retentionMonths go to AUDIT_ARCHIVE_DIR and leave the database: one
   * partition holds a month of all counties, so the longest retention decides (a minimum keep time for each).
   */
  @Interval(6 * 60 * MINUTE)
  archiveAuditMonths() {
    return this.jobs.run('audit.archive', async () => {
      const counties = await this.dataSource.getRepository(County).find({ select: { id: true, policy: true } });
      const retention = auditRetentionMonths(counties.map((c) => resolveCountyPolicy(c.policy)));
      const archived = await this.auditArchiver.archiveThrough(lastArchivableMonth(new Date(), retention), this.settings.auditArchiveDir);
      return archived.reduce((n, a) => n + a.events, 0);
    });
  }

  @Interval(60 * MINUTE)
  purgeIdempotencyKeys() {
    return this.jobs.run('idempotency.purge', () =>
      this.idempotency.purgeOlderThan(new Date(Date.now() - IDEMPOTENCY_TTL_HOURS * 60 * MINUTE)),
    );
  }

  /** Every minute: the green channel's reply limit is a quarter hour (one indexed range on status and deadline). */
  @Interval(MINUTE)
  flagReferralSlaBreaches() {
    return this.jobs.run('referrals.sla', () => this.referralJobs.flagSlaBreaches());
  }

  @Interval(60 * MINUTE)
  expireReferralNoShows() {
    return this.jobs.run('referrals.no_show', () => this.referralJobs.expireNoShows());
  }

  /** Scheduled contracts start on their day, a renewal's predecessor expiring with it (domain.md §3.2). */
  @Interval(15 * MINUTE)
  activateScheduledContracts() {
    return this.jobs.run('contracts.activate', () => this.contractJobs.activateScheduled());
  }

  @Interval(15 * MINUTE)
  expireEndedContracts() {
    return this.jobs.run('contracts.expire', () => this.contractJobs.expireEnded());
  }

  @Interval(60 * MINUTE)
  notifyExpiringContracts() {
    return this.jobs.run('contracts.expiring', () => this.contractJobs.notifyExpiring());
  }

  @Interval(60 * MINUTE)
  closeMissedFollowUps() {
    return this.jobs.run('contracts.missed_windows', () => this.contractJobs.closeMissedWindows());
  }

  /** Rounds whose due day ended: alert the responsible clinician and the institution (domain.md §4.3 Missed round). */
  @Interval(15 * MINUTE)
  notifyOverdueRounds() {
    return this.jobs.run('sickbeds.rounds_overdue', () => this.sickbedJobs.notifyOverdueRounds());
  }

  @Interval(60 * MINUTE)
  warnSickbedCyclesEnding() {
    return this.jobs.run('sickbeds.cycle_ending', () => this.sickbedJobs.warnCyclesEnding());
  }

  /** Beds past their planned end stay active, flagged overdue (domain.md §4.2: no auto-close). */
  @Interval(60 * MINUTE)
  flagOverdueSickbedCycles() {
    return this.jobs.run('sickbeds.cycle_overdue', () => this.sickbedJobs.flagOverdueCycles());
  }
}
