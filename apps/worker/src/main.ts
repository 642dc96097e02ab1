import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, exitGracefullyOnSignals, loadSettings, StartupError } from '@countycare/common';
import { detectFlavor } from '@countycare/database';
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
  exitGracefullyOnSignals(app, { name: 'CountyCare worker' });
  if (settings.database.kind === 'mysql' && (await app.get(DataSource).showMigrations())) {
    throw new StartupError('the database has pending migrations; start the API (DB_MIGRATE=auto) or run `npm run migrate` first');
  }
  await app.get(Heartbeat).beat();
  console.log(`CountyCare worker running (heartbeat: ${app.get(Heartbeat).file})`);
  await app.get(WorkerSchedule).runAll();
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) for (const problem of error.problems) console.error(`config: ${problem}`);
  else console.error(`startup: ${(error as Error)?.message ?? error}`);
  process.exit(1);
});
