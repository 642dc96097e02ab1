import 'reflect-metadata';
import { AuditDb, verifyAuditArchive } from '@countycare/audit';
import { dataSourceOptions, detectFlavor, TransactionRunner } from '@countycare/database';
import { SCHEMA } from '@countycare/schema';
import { DataSource } from 'typeorm';
import { cliSettings, fail } from './cli-settings';

/**
 * `npm run audit:verify -- [--archive <dir>]` (domain.md §7.5 "Retention"): verifies the audit archive files of
 * <dir> (default AUDIT_ARCHIVE_DIR), that they follow one another and join the chain still in the database of
 * DATABASE_URL (or the embedded file), and that chain itself. Reads only. Exit code 0: intact; 2: broken.
 */
async function main(): Promise<void> {
  const settings = cliSettings();
  const at = process.argv.indexOf('--archive');
  const dir = at > 0 && process.argv[at + 1] ? process.argv[at + 1] : settings.auditArchiveDir;
  const flavor = await detectFlavor(settings.database);
  const ds = await new DataSource(dataSourceOptions(settings.database, flavor, SCHEMA, { synchronize: false })).initialize();
  try {
    const db = new AuditDb(new TransactionRunner(ds));
    await db.ensureSchema();
    const report = await verifyAuditArchive(dir, db);
    for (const a of report.archives) console.log(`${a.month}: ${a.intact ? 'intact' : `BROKEN (${a.problem})`}, ${a.events} events`);
    for (const p of report.problems) console.log(`problem: ${p}`);
    const d = report.database;
    const from = d.archivedThrough ? `after ${d.archivedThrough.month} (chain index ${d.archivedThrough.chainIndex})` : 'from the genesis';
    console.log(`database, ${from}: ${d.intact ? 'intact' : `BROKEN at chain index ${d.firstBreak!.chainIndex} (${d.firstBreak!.reason}, events `
      + `${d.firstBreak!.firstEventId} to ${d.firstBreak!.lastEventId})`}, ${d.sealed} events sealed, ${d.pending} pending`);
    console.log(report.intact ? `audit chain intact (${report.archives.length} archive files in ${dir})` : 'audit chain BROKEN');
    process.exitCode = report.intact ? 0 : 2;
  } finally {
    await ds.destroy();
  }
}

main().catch(fail);
