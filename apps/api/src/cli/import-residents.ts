import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AuditActor } from '@countycare/audit';
import { AppSettings, fieldMessage, newId, pickLocale } from '@countycare/common';
import { detectFlavor, Flavor } from '@countycare/database';
import { OrganizationsService } from '@countycare/organizations';
import { requestedEncoding, RosterImportService } from '@countycare/residents';
import { coreModules } from '@countycare/schema';
import { createReadStream, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { cliSettings, fail } from './cli-settings';

const USAGE = 'usage: npm run import:residents -- <file.csv> --county <6-digit code or county id> [--encoding auto|utf8|gbk]';

/** The same modules as the worker: the schema must already be in place (the API migrates it). */
@Module({})
class ImportModule {
  static forRoot(settings: AppSettings, flavor: Flavor): DynamicModule {
    return { module: ImportModule, imports: coreModules(settings, flavor, 'worker') };
  }
}

function parseArgs(argv: string[]): { file: string; county: string; encoding?: string } {
  const rest = [...argv];
  let file: string | undefined;
  let county: string | undefined;
  let encoding: string | undefined;
  while (rest.length > 0) {
    const arg = rest.shift()!;
    if (arg === '--county') county = rest.shift();
    else if (arg === '--encoding') encoding = rest.shift();
    else if (arg.startsWith('--county=')) county = arg.slice('--county='.length);
    else if (arg.startsWith('--encoding=')) encoding = arg.slice('--encoding='.length);
    else if (!file && !arg.startsWith('--')) file = arg;
    else throw new Error(`unexpected argument ${arg}\n${USAGE}`);
  }
  if (!file || !county) throw new Error(USAGE);
  return { file, county, encoding };
}

/**
 * `npm run import:residents -- roster.csv --county 330781`: the roster import
 * of POST /residents/import, run on the server against DATABASE_URL (no size
 * limit, no HTTP). The file is streamed; the report is printed. Exit code 0
 * when every row was imported, 2 when some were rejected.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const encoding = requestedEncoding(args.encoding, undefined);
  const size = statSync(args.file).size;
  const settings = cliSettings();
  const flavor = await detectFlavor(settings.database);
  const app = await NestFactory.createApplicationContext(ImportModule.forRoot(settings, flavor), { logger: ['error', 'warn'], abortOnError: false });
  try {
    if (settings.database.kind === 'mysql' && (await app.get(DataSource).showMigrations())) {
      throw new Error('the database has pending migrations; run `npm run migrate` first');
    }
    const county = await app.get(OrganizationsService).findCountyByCodeOrId(args.county);
    if (!county) throw new Error(`no county ${args.county}`);
    const operator = userInfo().username;
    const actor: AuditActor = {
      username: `cli:${operator}`, displayName: `roster import (command line, ${operator})`, role: 'system_admin', requestId: newId(), ip: 'localhost',
    };
    console.log(`importing ${args.file} (${(size / 1024 / 1024).toFixed(1)} MiB) into ${county.name} (${county.code}) ...`);
    const report = await app.get(RosterImportService).run(actor, county.id, createReadStream(args.file, { highWaterMark: 256 * 1024 }), { encoding });
    const locale = pickLocale(process.env.LANG?.replace('_', '-'));
    for (const e of report.errors.slice(0, 50)) console.log(`line ${e.line}: ${e.field}: ${fieldMessage(e.code, locale, e.params ?? {}, e.code)} (${e.code})`);
    if (report.errorCount > 50) console.log(`... ${report.errorCount - 50} more problems`);
    if (report.ignoredColumns.length > 0) console.log(`ignored columns: ${report.ignoredColumns.join(', ')}`);
    console.log(
      `rows ${report.rows}: created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}` +
        ` | encoding ${report.encoding} | ${(report.durationMs / 1000).toFixed(1)} s, ${report.rowsPerSecond} rows/s | import ${report.importId}`,
    );
    process.exitCode = report.rejected > 0 ? 2 : 0;
  } finally {
    await app.close();
  }
}

main().catch(fail);
