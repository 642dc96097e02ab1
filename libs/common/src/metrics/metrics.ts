import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Metric, Registry } from 'prom-client';
import { RequestDurations } from './request-durations';

/** One connection pool as its driver reports it (mysql2: all, free, and requests queued for a connection). */
export interface PoolStats {
  pool: string;
  all: number;
  free: number;
  queued: number;
  limit: number;
}

/**
 * The Prometheus instruments of one process (README "Observability"). Recording is always on and costs one
 * observe; the registry is only served when METRICS_PORT (API) or WORKER_METRICS_PORT (worker) is set, and the
 * per-request hook, the process metrics and the pool gauges are only installed then.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private processMetrics = false;

  private readonly requestDurations = new RequestDurations(
    'countycare_http_request_duration_seconds',
    'API request duration by route pattern (never the raw URL), method and status class',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  );
  private readonly auditBatchRows = new Histogram({
    name: 'countycare_audit_batch_rows',
    help: 'Audit rows written per group-commit batch (one multi-row INSERT)',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });
  private readonly auditBatchDuration = new Histogram({
    name: 'countycare_audit_batch_duration_seconds',
    help: 'Time from a batch being cut to its audit rows being committed',
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly jobRuns = new Counter({
    name: 'countycare_job_runs_total',
    help: 'Scheduled job runs by job name, failed ones included',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });
  private readonly jobFailures = new Counter({
    name: 'countycare_job_failures_total',
    help: 'Scheduled job runs that threw, by job name',
    labelNames: ['job'] as const,
    registers: [this.registry],
  });
  private readonly jobDuration = new Histogram({
    name: 'countycare_job_duration_seconds',
    help: 'Scheduled job run duration by job name',
    labelNames: ['job'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  constructor() {
    // prom-client's registries only read get(), name, help, type and aggregator; its Metric type names its own classes
    this.registry.registerMetric(this.requestDurations as unknown as Metric);
  }

  /**
   * One answered request, from the Fastify onResponse hook. `route` is the route's pattern
   * (`/api/v1/contracts/:id`), undefined when no route matched; `ms` is Fastify's reply.elapsedTime.
   */
  request(method: string, route: string | undefined, statusCode: number, ms: number): void {
    this.requestDurations.observe(method, route ?? 'unmatched', statusCode, ms / 1000);
  }

  /** One committed audit batch: how many rows its INSERT wrote and how long the write took, in milliseconds. */
  auditBatch(rows: number, ms: number): void {
    this.auditBatchRows.observe(rows);
    this.auditBatchDuration.observe(ms / 1000);
  }

  /** One run of a scheduled job (apps/worker JobRunner). */
  jobRun(job: string, ms: number, failed: boolean): void {
    this.jobRuns.inc({ job });
    // zero, not absent, until the first failure: `rate(failures) / rate(runs)` then has a series to divide
    this.jobFailures.inc({ job }, failed ? 1 : 0);
    this.jobDuration.observe({ job }, ms / 1000);
  }

  /** prom-client's process and Node.js metrics: CPU, memory, handles, GC, event-loop lag. Once per registry. */
  collectProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    collectDefaultMetrics({ register: this.registry });
  }

  /** Pool gauges read at scrape time, never per query. */
  watchPools(read: () => PoolStats[]): void {
    const gauge = (name: string, help: string, labelNames: string[], set: (g: Gauge, s: PoolStats) => void) =>
      new Gauge({
        name,
        help,
        labelNames,
        registers: [this.registry],
        collect() {
          this.reset();
          for (const stats of read()) set(this, stats);
        },
      });
    gauge('countycare_db_pool_connections', 'Open database connections of the pool, all or free (idle)', ['pool', 'state'], (g, s) => {
      g.set({ pool: s.pool, state: 'all' }, s.all);
      g.set({ pool: s.pool, state: 'free' }, s.free);
    });
    gauge('countycare_db_pool_queued_requests', 'Requests waiting for a pool connection', ['pool'], (g, s) => g.set({ pool: s.pool }, s.queued));
    gauge('countycare_db_pool_max_connections', 'Connection limit of the pool', ['pool'], (g, s) => g.set({ pool: s.pool }, s.limit));
  }

  /** The exposition text a scrape gets. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
