import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Metrics, MetricsServer, newId, serveMetrics } from '@countycare/common';
import { poolStats } from '@countycare/database';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { WorkerSchedule } from '../../apps/worker/src/worker-schedule';
import { ADMIN, startTestApp, TestApp } from '../fixtures/test-app';

const LOOPBACK = { host: '127.0.0.1', port: 0 };
const scrape = async (server: MetricsServer, path = '/metrics') => {
  const res = await fetch(`http://127.0.0.1:${server.address.port}${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
};

/** Prometheus metrics of the API and of the worker, each on its own port (README "Observability"). */
describe('metrics (issue #10)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-metrics-'));
  let t: TestApp;
  let api: MetricsServer;

  beforeAll(async () => {
    // a file, not :memory:, so the worker's context below shares the embedded database
    t = await startTestApp(process.env.DATABASE_URL ? {} : { SQLITE_PATH: join(dir, 'cc.sqlite') }, { settings: { metrics: LOOPBACK } });
    api = await serveMetrics(LOOPBACK, () => t.app.get(Metrics).render());
  });
  afterAll(async () => {
    await api?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('times each request by route pattern, method and status class, never by the raw URL', async () => {
    const admin = await t.login(ADMIN.username, ADMIN.password);
    const county = await t.http.post('/api/v1/counties').set('authorization', admin).send({ code: '330783', name: '度量县' });
    expect(county.status).toBe(201);
    const missing = newId();
    expect((await t.http.get(`/api/v1/counties/${county.body.id}`).set('authorization', admin)).status).toBe(200);
    expect((await t.http.get(`/api/v1/counties/${county.body.id}?reveal=1`).set('authorization', admin)).status).toBeLessThan(500);
    expect((await t.http.get(`/api/v1/counties/${missing}`).set('authorization', admin)).status).toBe(404);
    expect((await t.http.get(`/api/v1/no-such-route/${missing}`)).status).toBe(404);

    const { status, type, text } = await scrape(api);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    const count = (labels: string) => Number(text.match(new RegExp(`^countycare_http_request_duration_seconds_count\\{${labels}\\} (\\d+)$`, 'm'))?.[1]);
    expect(count('method="POST",route="/api/v1/auth/login",status="2xx"')).toBe(1);
    expect(count('method="POST",route="/api/v1/counties",status="2xx"')).toBe(1);
    expect(count('method="GET",route="/api/v1/counties/:id",status="2xx"')).toBeGreaterThanOrEqual(1);
    expect(count('method="GET",route="/api/v1/counties/:id",status="4xx"')).toBeGreaterThanOrEqual(1);
    expect(count('method="GET",route="unmatched",status="4xx"')).toBe(1);
    expect(text).toMatch(/^countycare_http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/api\/v1\/counties\/:id",status="2xx"\} \d+$/m);
    for (const raw of [county.body.id, missing, 'no-such-route', 'reveal']) expect(text).not.toContain(raw);
  });

  it('serves process and Node.js metrics, event-loop lag included, and the pool on MySQL', async () => {
    const { text } = await scrape(api);
    expect(text).toMatch(/^process_cpu_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    if (t.settings.database.kind === 'mysql') {
      expect(text).toMatch(/^countycare_db_pool_connections\{pool="primary",state="all"\} [1-9]\d*$/m);
      expect(text).toMatch(/^countycare_db_pool_connections\{pool="primary",state="free"\} \d+$/m);
      expect(text).toMatch(/^countycare_db_pool_queued_requests\{pool="primary"\} 0$/m);
      expect(text).toMatch(/^countycare_db_pool_max_connections\{pool="primary"\} 10$/m);
    } else {
      // one embedded connection, no pool to report
      expect(poolStats(t.dataSource)).toEqual([]);
      expect(text).not.toContain('countycare_db_pool_connections{');
    }
  });

  it('answers 404 to anything but GET /metrics', async () => {
    expect((await scrape(api, '/')).status).toBe(404);
    expect((await scrape(api, '/api/v1/counties')).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${api.address.port}/metrics`, { method: 'POST' })).status).toBe(404);
    expect((await scrape(api, '/metrics?format=json')).status).toBe(200);
  });

  it('counts the worker\'s job runs and failures on the worker\'s own endpoint', async () => {
    const worker: INestApplicationContext = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.settings, t.flavor, { schedule: false }), { logger: false });
    const metrics = worker.get(Metrics);
    const server = await serveMetrics(LOOPBACK, () => metrics.render());
    try {
      expect(metrics).not.toBe(t.app.get(Metrics));
      await worker.get(WorkerSchedule).runAll();
      await worker.get(WorkerSchedule).sealAuditChain();
      const { text } = await scrape(server);
      expect(text).toMatch(/^countycare_job_runs_total\{job="audit\.seal"\} 2$/m);
      expect(text).toMatch(/^countycare_job_failures_total\{job="audit\.seal"\} 0$/m);
      expect(text).toMatch(/^countycare_job_duration_seconds_count\{job="audit\.seal"\} 2$/m);
      for (const job of ['contracts.activate', 'contracts.expire', 'referrals.sla', 'sickbeds.rounds_overdue', 'idempotency.purge']) {
        expect(text).toContain(`countycare_job_runs_total{job="${job}"} 1`);
        expect(text).toContain(`countycare_job_failures_total{job="${job}"} 0`);
      }
      // the API's request histogram is not the worker's
      expect(text).not.toContain('countycare_http_request_duration_seconds_count{');
      expect(worker.get(DataSource)).not.toBe(t.dataSource);
    } finally {
      await server.close();
      await worker.close();
    }
  });
});
