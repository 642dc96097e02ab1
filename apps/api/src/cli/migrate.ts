import 'reflect-metadata';
import { dataSourceOptions, detectFlavor } from '@countycare/database';
import { SCHEMA } from '@countycare/schema';
import { DataSource } from 'typeorm';
import { cliSettings, fail } from './cli-settings';

/** `npm run migrate`: applies pending migrations to DATABASE_URL and lists what ran. */
async function main(): Promise<void> {
  const settings = cliSettings();
  if (settings.database.kind !== 'mysql') {
    console.log('embedded SQLite: the schema follows the entities at start; nothing to migrate');
    return;
  }
  const flavor = await detectFlavor(settings.database);
  const ds = await new DataSource(dataSourceOptions(settings.database, flavor, SCHEMA)).initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    console.log(ran.length ? ran.map((m) => `applied ${m.name}`).join('\n') : 'no pending migrations');
  } finally {
    await ds.destroy();
  }
}

main().catch(fail);
