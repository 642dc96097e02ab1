import 'reflect-metadata';
import { ConfigError, exitGracefullyOnSignals, loadSettings, StartupError } from '@countycare/common';
import { detectFlavor } from '@countycare/database';
import type { AddressInfo } from 'node:net';
import { buildApp } from './bootstrap';

async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  const flavor = await detectFlavor(settings.database).catch((e: Error) => {
    throw new StartupError(`DATABASE_URL: cannot reach the database (${e.message})`);
  });
  const app = await buildApp(settings, flavor);
  exitGracefullyOnSignals(app, { name: 'CountyCare API' });
  await app.listen({ port: settings.port, host: settings.host });
  const where = settings.database.kind === 'sqlite' ? `embedded SQLite ${settings.database.path}` : `${flavor}`;
  console.log(`CountyCare API on ${baseUrl(app.getHttpServer().address() as AddressInfo)}/api/v1 (docs: /docs) using ${where}`);
}

/** The address the server is bound to, as a URL: what HOST resolved to, not what the operator typed. */
function baseUrl(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
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
