import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { Notification } from '@countycare/notifications';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Heartbeat } from '../../apps/worker/src/heartbeat';
import { HEARTBEAT_MAX_AGE_MS, heartbeatAge } from '../../apps/worker/src/heartbeat-file';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { WorkerSchedule } from '../../apps/worker/src/worker-schedule';
import { startTestApp, TestApp } from '../fixtures/test-app';

/**
 * The worker host as deployed: its own Nest context on the API's database,
 * every job wired and run once on the demo county, then once more with no
 * new effect (README "The worker").
 */
describe('worker', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const dir = mkdtempSync(join(tmpdir(), 'cc-worker-'));

  beforeAll(async () => {
    // A file, not :memory:, so the API and the worker share one embedded database.
    t = await startTestApp({ DEMO_SEED: 'true', ...(process.env.DATABASE_URL ? {} : { SQLITE_PATH: join(dir, 'cc.sqlite') }) });
    process.env.WORKER_HEARTBEAT_FILE = join(dir, 'worker.heartbeat');
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(t.settings, t.flavor, { schedule: false }), { logger: false });
  });
  afterAll(async () => {
    await worker?.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every job on the demo county, and a second run changes nothing', async () => {
    const schedule = worker.get(WorkerSchedule);
    await schedule.runAll();
    const notifications = await t.dataSource.getRepository(Notification).count();
    expect(notifications).toBeGreaterThan(0);

    await schedule.runAll();
    expect(await t.dataSource.getRepository(Notification).count()).toBe(notifications);
  });

  it('beats a heartbeat file after reaching the database, for the container healthcheck (issue #9)', async () => {
    const heartbeat = worker.get(Heartbeat);
    expect(heartbeat.file).toBe(join(dir, 'worker.heartbeat'));
    expect(heartbeatAge(heartbeat.file)).toBeUndefined();
    await heartbeat.beat();
    expect(heartbeatAge(heartbeat.file)).toBeLessThan(HEARTBEAT_MAX_AGE_MS);
    expect(heartbeatAge(heartbeat.file, Date.now() + HEARTBEAT_MAX_AGE_MS + 1_000)).toBeGreaterThan(HEARTBEAT_MAX_AGE_MS);
  });
});
