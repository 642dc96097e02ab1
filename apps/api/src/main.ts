import 'reflect-metadata';
import { ConfigError, loadSettings, StartupError } from '@countycare/common';
import { detectFlavor } from '@countycare/database';
import { buildApp } from './bootstrap';

async function main(): Promise<void> {
  const settings = loadSettings(process.env);
  const flavor = await detectFlavor(settings.database).catch((e: Error) => {
    throw new StartupError(`DATABASE_URL: cannot reach the database (${e.message})`);
  });
  const app = await buildApp(settings, flavor);
  await app.listen({ port: settings.port, host: '0.0.0.0' });
  const where = settings.database.kind === 'sqlite' ? `embedded SQLite ${settings.database.path}` : `${flavor}`;
  console.log(`CountyCare API on http://localhost:${settings.port}/api/v1 (docs: /docs) using ${where}`);
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
