import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, exitGracefullyOnSignals, loadSettings, Metrics, MetricsServer, serveMetrics, StartupError } from '@countycare/common';
import { stopTracing } from '@countycare/common/tracing';
import { detectFlavor, poolStats } from '@countycare/database';
import { DataSource } from 'typeorm';
import { Heartbeat } from './heartbeat';
import { WorkerModule } from './worker.module';
import { WorkerSchedule } from './worker-schedule';

async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  const flavor = await detectFlavor(settings.database).catch((e: Error) => {
    throw new StartupError(`DATABASE_URL: cannot reach the database (${e.message})`);
  });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(settings, flavor), { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  let metricsServer: MetricsServer | undefined;
  exitGracefullyOnSignals(
    {
      async close() {
        await app.close();
        await metricsServer?.close();
        await stopTracing();
      },
    },
    { name: 'CountyCare worker' },
  );
  if (settings.database.kind === 'mysql' && (await app.get(DataSource).showMigrations())) {
    throw new StartupError('the database has pending migrations; start the API (DB_MIGRATE=auto) or run `npm run migrate` first');
  }
  if (settings.workerMetrics) {
    // job runs, failures and durations, the pool, the process (README "Observability")
    const metrics = app.get(Metrics);
    metrics.collectProcessMetrics();
    const dataSource = app.get(DataSource);
    metrics.watchPools(() => poolStats(dataSource));
    metricsServer = await serveMetrics(settings.workerMetrics, () => metrics.render());
  }
  await app.get(Heartbeat).beat();
  const metricsAt = settings.workerMetrics ? `, metrics: http://${settings.workerMetrics.host}:${settings.workerMetrics.port}/metrics` : '';
  console.log(`CountyCare worker running (heartbeat: ${app.get(Heartbeat).file}${metricsAt})`);
  await app.get(WorkerSchedule).runAll();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) for (const problem of error.problems) console.error(`config: ${problem}`);
  else console.error(`startup: ${(error as Error)?.message ?? error}`);
  process.exit(1);
});
