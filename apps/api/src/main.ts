import './tracing';
import 'reflect-metadata';
import {
  AppSettings,
  ConfigError,
  exitGracefullyOnSignals,
  loadSettings,
  Metrics,
  MetricsServer,
  serveMetrics,
  SHUTDOWN_GRACE_MS,
  StartupError,
} from '@countycare/common';
import { stopTracing } from '@countycare/common/tracing';
import { detectFlavor, Flavor } from '@countycare/database';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import { buildApp, prepareDatabaseOnce } from './bootstrap';
import { answerMetricsRequests, clusterMetrics, clusterWorkerShutdownHost, forkWorker } from './cluster/node-cluster';
import { ClusterSupervisor } from './cluster/supervisor';

const NAME = 'CountyCare API';

async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  if (cluster.isWorker) return serveAsClusterWorker(settings);
  const flavor = await detectFlavor(settings.database).catch((e: Error) => {
    throw new StartupError(`DATABASE_URL: cannot reach the database (${e.message})`);
  });
  if (settings.apiWorkers === 1) return serveAlone(settings, flavor);
  return superviseWorkers(settings, flavor);
}

/** API_WORKERS=1 (always on the embedded default): this process serves. */
async function serveAlone(settings: AppSettings, flavor: Flavor): Promise<void> {
  const app = await buildApp(settings, flavor);
  const metricsServer = settings.metrics ? await serveMetrics(settings.metrics, () => app.get(Metrics).render()) : undefined;
  exitGracefullyOnSignals({ close: () => closeApp(app, metricsServer) }, { name: NAME });
  await app.listen({ port: settings.port, host: settings.host });
  const address = app.getHttpServer().address() as AddressInfo;
  console.log(startupLine(baseUrl(address.address, address.port, address.family === 'IPv6'), settings, flavor));
}

/**
 * Cluster mode (API_WORKERS > 1): the primary does the one-time database work, then forks the workers, which
 * share the port, and supervises them; it serves no request itself, only the aggregated /metrics.
 */
async function superviseWorkers(settings: AppSettings, flavor: Flavor): Promise<void> {
  await prepareDatabaseOnce(settings, flavor);
  const metrics = settings.metrics ? clusterMetrics(() => supervisor.listening) : undefined;
  const metricsServer = settings.metrics && metrics ? await serveMetrics(settings.metrics, () => metrics.render()) : undefined;
  const supervisor: ClusterSupervisor = new ClusterSupervisor(
    { workers: settings.apiWorkers, name: NAME, graceMs: SHUTDOWN_GRACE_MS },
    {
      // the flavor is known: the workers need not ask the server again
      fork: () => forkWorker({ DB_FLAVOR: flavor }),
      log: (line) => console.log(line),
      exit: (code) => void Promise.allSettled([metricsServer?.close(), stopTracing()]).then(() => process.exit(code)),
      onReady: (address, workers) =>
        console.log(startupLine(baseUrl(address.address, address.port, address.addressType === 6 || address.addressType === 'udp6'), settings, flavor, workers)),
      onRestart: () => metrics?.restarted(),
    },
  );
  process.on('SIGTERM', (signal) => supervisor.shutdown(signal));
  process.on('SIGINT', (signal) => supervisor.shutdown(signal));
  process.on('SIGHUP', () => void supervisor.rollingRestart());
  supervisor.start();
}

/** A forked worker: no migrations, no seed (the primary did them); stops when the primary says so. */
async function serveAsClusterWorker(settings: AppSettings): Promise<void> {
  let app: NestFastifyApplication | undefined;
  // Listening for the stop before the app exists: a stop during startup ends the worker, with nothing in flight.
  // A second below the primary's deadline, so a slow worker still says why before it is killed.
  exitGracefullyOnSignals(
    { close: async () => app && closeApp(app) },
    { name: `${NAME} worker ${process.pid}`, host: clusterWorkerShutdownHost(), graceMs: SHUTDOWN_GRACE_MS - 1_000 },
  );
  // SIGHUP is the primary's (rolling restart); a terminal hanging up must not kill the workers under it
  process.on('SIGHUP', () => undefined);
  const flavor = await detectFlavor(settings.database);
  app = await buildApp({ ...settings, migrate: 'off' }, flavor, { prepareDatabase: false });
  if (settings.metrics) answerMetricsRequests(app.get(Metrics).registry);
  await app.listen({ port: settings.port, host: settings.host });
}

async function closeApp(app: NestFastifyApplication, metricsServer?: MetricsServer): Promise<void> {
  await app.close();
  await metricsServer?.close();
  await stopTracing();
}

function startupLine(url: string, settings: AppSettings, flavor: Flavor, workers = 1): string {
  const where = settings.database.kind === 'sqlite' ? `embedded SQLite ${settings.database.path}` : `${flavor}`;
  const processes = workers === 1 ? '1 process' : `${workers} worker processes`;
  const metrics = settings.metrics ? `; metrics on ${baseUrl(settings.metrics.host, settings.metrics.port, settings.metrics.host.includes(':'))}/metrics` : '';
  return `${NAME} on ${url}/api/v1 (docs: /docs) using ${where}, ${processes}${metrics}`;
}

/** The address the server is bound to, as a URL: what HOST resolved to, not what the operator typed. */
function baseUrl(address: string, port: number, ipv6: boolean): string {
  return `http://${ipv6 ? `[${address}]` : address}:${port}`;
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) console.error(`config: ${problem}`);
  } else if (error instanceof StartupError) {
    console.error(`startup: ${error.message}`);
  } else {
    console.error(`startup: ${(error as Error)?.message ?? error}`);
  }
  process.exit(1);
});
