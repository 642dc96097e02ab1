import { Injectable, Logger } from '@nestjs/common';
import {
  auditMonthEnd, auditMonthOf, AuditMonth, ChainedEvent, findChainBreak, GENESIS_HASH, isAuditMonth, SealLink,
} from '@countycare/domain';
import { createHash } from 'node:crypto';
import {
  closeSync, createReadStream, createWriteStream, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { lowestIdAt, sqlInstant, uuidText, uuidV7Ms } from './audit-codec';
import { AuditChain, ChainReport, decodeSeal, maxSealedId, SealRow, withSubjects } from './audit-chain';
import { AuditDb } from './audit-db';
import { marks, Query } from './audit-sql';
import { AuditPartitions } from './audit-partitions';
import { EVENT_COLUMN_LIST } from './audit-tables';

/** What an archive's manifest (`audit-YYYY-MM.manifest.json`, beside its `.jsonl.gz`) and its audit_archives row say. */
export interface ArchiveManifest {
  month: AuditMonth;
  file: string;
  /** SHA-256 of the .jsonl.gz file as written. */
  sha256: string;
  events: number;
  subjects: number;
  seals: number;
  /** Events of the month no seal covers (left unsealed by an earlier release); exported all the same. */
  unsealed: number;
  firstChainIndex: number;
  lastChainIndex: number;
  /** The chain's hash before the first seal of the archive, and after its last. */
  hashBefore: string;
  hashAfter: string;
  /** Hex of the highest event id sealed before the first seal: where its batch starts. */
  sealedBefore: string | null;
  createdAt: string;
}

interface SealLine {
  kind: 'seal';
  chainIndex: number;
  format: number;
  firstEventId: string;
  lastEventId: string;
  eventCount: number;
  prevHash: string;
  hash: string;
  sealedAt: string;
}
type EventLine = { kind: 'event'; unsealed?: true } & Omit<ChainedEvent, 'at'> & { at: string };

export interface ArchiveCheck {
  month: AuditMonth;
  intact: boolean;
  problem: string | null;
  events: number;
}

const EXPORT_PAGE = 5_000;
const DELETE_BATCH = 5_000;

function sealLine(s: SealRow): SealLine {
  return {
    kind: 'seal', chainIndex: s.chainIndex, format: s.format, firstEventId: uuidText(s.firstEventId), lastEventId: uuidText(s.lastEventId),
    eventCount: s.eventCount, prevHash: s.prevHash, hash: s.hash, sealedAt: s.sealedAt.toISOString(),
  };
}

/** fsync: the archive is on disk before the database forgets what it holds. */
function durable(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function idHex(id: string): string {
  return id.replace(/-/g, '');
}

/**
 * Retention and archive (domain.md §7.5 "Retention"): once a whole month is
 * older than every county's retention, the worker exports its events (with
 * their residents) and the seals covering them to a gzipped JSON-lines file
 * with a manifest, records the archive in audit_archives, then drops the
 * month's partitions (SQLite: deletes its rows in batches). The seals stay
 * in the database; `GET /audit-events/verify` starts from the archive's
 * head hash and `npm run audit:verify -- --archive <dir>` verifies the files
 * and that they join the database's chain.
 */
@Injectable()
export class AuditArchiver {
  private readonly logger = new Logger('AuditArchive');

  constructor(
    private readonly db: AuditDb,
    private readonly partitions: AuditPartitions,
  ) {}

  /** Archives every month up to `lastMonth` (the newest every county's retention lets go), oldest first. */
  async archiveThrough(lastMonth: AuditMonth, dir: string): Promise<ArchiveManifest[]> {
    return this.db.exclusively('countycare.audit.archive', async () => {
      const done: ArchiveManifest[] = [];
      for (;;) {
        // A run that stopped after recording an archive but before dropping it finishes the drop first.
        const [latest] = await this.db.rows('SELECT month FROM audit_archives ORDER BY month DESC LIMIT 1');
        const [oldest] = await this.db.rows('SELECT id FROM audit_events ORDER BY id LIMIT 1');
        if (latest && oldest && Buffer.compare(oldest.id as Buffer, lowestIdAt(auditMonthEnd(String(latest.month)))) < 0) {
          await this.removeMonth(String(latest.month));
          continue;
        }
        if (!oldest) return done;
        const month = auditMonthOf(uuidV7Ms(oldest.id as Buffer));
        if (month > lastMonth) return done;
        const manifest = await this.archiveMonth(month, dir);
        if (!manifest) return done;
        done.push(manifest);
      }
    });
  }

  /** Exports everything before the end of `month`; null (and a log line) when the month cannot leave yet. */
  private async archiveMonth(month: AuditMonth, dir: string): Promise<ArchiveManifest | null> {
    const end = lowestIdAt(auditMonthEnd(month));
    const query: Query = (sql, params) => this.db.rows(sql, params);
    const [previous] = await query('SELECT last_chain_index, hash_after FROM audit_archives ORDER BY last_chain_index DESC LIMIT 1');
    const firstChainIndex = previous ? Number(previous.last_chain_index) + 1 : 1;
    const hashBefore = previous ? String(previous.hash_after) : GENESIS_HASH;
    const seals = (await query(
      'SELECT chain_index, format, first_event_id, last_event_id, event_count, prev_hash, hash, sealed_at FROM audit_seals '
        + 'WHERE chain_index >= ? AND chain_index <= (SELECT MAX(chain_index) FROM audit_seals WHERE last_event_id < ?) ORDER BY chain_index',
      [firstChainIndex, end],
    )).map(decodeSeal);
    const sealedBefore = firstChainIndex > 1 ? await maxSealedId(query, firstChainIndex) : null;
    const covered = seals.reduce<Buffer | null>((max, s) => (!max || Buffer.compare(s.lastEventId, max) > 0 ? s.lastEventId : max), sealedBefore);
    const [lastOfMonth] = await query('SELECT id FROM audit_events WHERE id < ? ORDER BY id DESC LIMIT 1', [end]);
    if (!covered || Buffer.compare(covered, lastOfMonth.id as Buffer) < 0) {
      this.logger.warn({ month }, 'audit archive: the month is not sealed to its end yet; it waits for the sealer');
      return null;
    }

    mkdirSync(dir, { recursive: true });
    const file = `audit-${month}.jsonl.gz`;
    const partial = join(dir, `${file}.partial`);
    const gzip = createGzip();
    const hash = createHash('sha256');
    const out = createWriteStream(partial);
    const tee = new PassThrough();
    tee.on('data', (chunk: Buffer) => hash.update(chunk));
    const written = pipeline(gzip, tee, out);
    const write = (line: object) => new Promise<void>((done) => (gzip.write(`${JSON.stringify(line)}\n`) ? done() : gzip.once('drain', done)));

    const legacyIds = new Set<string>();
    for (const s of seals) {
      await write(sealLine(s));
      if (s.format !== 3) legacyIds.add(s.firstEventId.toString('hex'));
    }
    const sealed = batchCoverage(seals, sealedBefore);
    let events = 0;
    let subjects = 0;
    let unsealed = 0;
    // Events of the month in id order, pages of EXPORT_PAGE, with their subject rows.
    for (let after: Buffer | null = null; ;) {
      const rows = await query(
        `SELECT ${EVENT_COLUMN_LIST} FROM audit_events WHERE ${after ? 'id > ?' : 'id >= ?'} AND id < ? ORDER BY id LIMIT ?`,
        [after ?? Buffer.alloc(16), end, EXPORT_PAGE],
      );
      if (rows.length === 0) break;
      const ids = rows.map((r) => r.id as Buffer);
      const subjectRows = await query('SELECT event_id, resident_id FROM audit_event_subjects WHERE event_id >= ? AND event_id <= ?', [
        ids[0], ids[ids.length - 1],
      ]);
      for (const e of withSubjects(rows, subjectRows).events) {
        const id = Buffer.from(idHex(e.id), 'hex');
        const isSealed = legacyIds.has(id.toString('hex')) || sealed(id) !== null;
        if (!isSealed) unsealed++;
        events++;
        subjects += e.residentIds.length;
        await write({ kind: 'event', ...(isSealed ? {} : { unsealed: true }), ...e, at: e.at.toISOString() });
      }
      after = ids[ids.length - 1];
    }
    // A per-event seal of an earlier release may cover an event of the next month (sealed late, after a newer one): it
    // goes with the seal that covers it, and stays in the database, whose partition of that month is not dropped.
    const beyond = [...legacyIds].map((hex) => Buffer.from(hex, 'hex')).filter((id) => Buffer.compare(id, end) >= 0);
    if (beyond.length > 0) {
      const rows = await query(`SELECT ${EVENT_COLUMN_LIST} FROM audit_events WHERE id IN (${marks(beyond.length)}) ORDER BY id`, beyond);
      const subjectRows = await query(`SELECT event_id, resident_id FROM audit_event_subjects WHERE event_id IN (${marks(beyond.length)})`, beyond);
      for (const e of withSubjects(rows, subjectRows).events) {
        events++;
        subjects += e.residentIds.length;
        await write({ kind: 'event', ...e, at: e.at.toISOString() });
      }
    }
    gzip.end();
    await written;
    durable(partial);
    renameSync(partial, join(dir, file));
    durable(dir);
    const manifest: ArchiveManifest = {
      month, file, sha256: hash.digest('hex'), events, subjects, seals: seals.length, unsealed, firstChainIndex,
      lastChainIndex: firstChainIndex + seals.length - 1, hashBefore, hashAfter: seals.length ? seals[seals.length - 1].hash : hashBefore,
      sealedBefore: sealedBefore ? sealedBefore.toString('hex') : null, createdAt: new Date().toISOString(),
    };
    // The file is checked as written before the rows it holds may go.
    const check = await verifyArchiveFile(dir, manifest);
    if (!check.intact) throw new Error(`audit archive ${month}: the exported file does not verify (${check.problem}); nothing was dropped`);
    writeFileSync(join(dir, `audit-${month}.manifest.json`), `${JSON.stringify(manifest, null, 2)}\n`);
    durable(join(dir, `audit-${month}.manifest.json`));
    durable(dir);
    await this.db.rows(
      'INSERT INTO audit_archives (month, first_chain_index, last_chain_index, hash_before, hash_after, events, subjects, seals, file, sha256, archived_at) '
        + `VALUES (${marks(11)})`,
      [month, manifest.firstChainIndex, manifest.lastChainIndex, hashBefore, manifest.hashAfter, events, subjects, seals.length, file,
        manifest.sha256, sqlInstant(new Date())],
    );
    await this.removeMonth(month);
    this.logger.log({ month, events, subjects, seals: seals.length, file }, 'audit month archived and dropped');
    return manifest;
  }

  /** The archived rows leave: the month's partitions on MySQL, its rows in batches on SQLite. */
  private async removeMonth(month: AuditMonth): Promise<void> {
    const end = lowestIdAt(auditMonthEnd(month));
    if (!this.db.isSqlite) {
      await this.partitions.dropThrough(month);
      return;
    }
    for (const [table, key] of [['audit_event_subjects', 'event_id'], ['audit_events', 'id']]) {
      for (;;) {
        const removed = await this.db.transaction(async (q) => {
          const batch = await q(`SELECT ${key} AS k FROM ${table} WHERE ${key} < ? ORDER BY ${key} LIMIT ?`, [end, DELETE_BATCH]);
          if (batch.length === 0) return 0;
          await q(`DELETE FROM ${table} WHERE ${key} <= ? AND ${key} < ?`, [batch[batch.length - 1].k, end]);
          return batch.length;
        });
        if (removed < DELETE_BATCH) break;
      }
    }
  }
}

/** The manifests of `dir`, oldest month first. */
export function readManifests(dir: string): ArchiveManifest[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^audit-\d{4}-\d{2}\.manifest\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as ArchiveManifest)
    .filter((m) => isAuditMonth(m.month))
    .sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * Which format-3 seal covers an id: ranges (highest id sealed before, last
 * event id] follow each other in chain order, so for ids asked in ascending
 * order a pointer walks them once. Null when no batch covers the id.
 */
function batchCoverage(seals: Array<{ format: number; lastEventId: Buffer }>, sealedBefore: Buffer | null): (id: Buffer) => number | null {
  const ranges: Array<{ lower: Buffer | null; last: Buffer; index: number }> = [];
  let lower = sealedBefore;
  seals.forEach((s, index) => {
    if (s.format === 3) ranges.push({ lower, last: s.lastEventId, index });
    if (!lower || Buffer.compare(s.lastEventId, lower) > 0) lower = s.lastEventId;
  });
  let at = 0;
  return (id) => {
    while (at < ranges.length && Buffer.compare(id, ranges[at].last) > 0) at++;
    const range = ranges[at];
    return range && (!range.lower || Buffer.compare(id, range.lower) > 0) ? range.index : null;
  };
}

async function* archiveLines(path: string): AsyncGenerator<SealLine | EventLine> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const text of lines) if (text) yield JSON.parse(text) as SealLine | EventLine;
}

function eventOf(line: EventLine): ChainedEvent {
  const { kind: _kind, unsealed: _unsealed, ...event } = line;
  return { ...event, at: new Date(event.at) };
}

/**
 * One archive against its manifest: the file's SHA-256, then the chain over
 * its seals recomputed from its events (a batch holding exactly the events
 * of its id range, the event of a per-event seal present), from `hashBefore`
 * to `hashAfter`, and the counts. Streams the file twice (per-event seals,
 * then batches in id order), holding one batch at a time.
 */
export async function verifyArchiveFile(dir: string, manifest: ArchiveManifest): Promise<ArchiveCheck> {
  const path = join(dir, manifest.file);
  const fail = (problem: string, events = 0): ArchiveCheck => ({ month: manifest.month, intact: false, problem, events });
  if (!existsSync(path)) return fail('file_missing');
  const digest = createHash('sha256');
  await pipeline(createReadStream(path), digest);
  if (digest.digest('hex') !== manifest.sha256) return fail('sha256_mismatch');

  const seals: SealLine[] = [];
  const legacy = new Map<string, ChainedEvent | null>();
  let events = 0;
  let subjects = 0;
  let unsealed = 0;
  for await (const line of archiveLines(path)) {
    if (line.kind === 'seal') {
      seals.push(line);
      if (line.format !== 3) legacy.set(line.firstEventId, null);
      continue;
    }
    events++;
    subjects += line.residentIds.length;
    if (line.unsealed) unsealed++;
    if (legacy.has(line.id)) legacy.set(line.id, eventOf(line));
  }
  if (events !== manifest.events || subjects !== manifest.subjects || unsealed !== manifest.unsealed) return fail('count_mismatch', events);
  if (seals.length !== manifest.seals) return fail('seal_count_mismatch', events);

  let prev = manifest.hashBefore;
  let next = manifest.firstChainIndex;
  const check = (link: SealLink): string | null => {
    const broken = findChainBreak([link], prev, next);
    if (broken) return `${broken.reason} at chain index ${broken.chainIndex}`;
    prev = link.hash;
    next++;
    return null;
  };
  const batches = seals.filter((s) => s.format === 3);
  for (const s of seals) {
    if (s.format === 3) break;
    const problem = check({ chainIndex: s.chainIndex, prevHash: s.prevHash, hash: s.hash, format: s.format, event: legacy.get(s.firstEventId) ?? null });
    if (problem) return fail(problem, events);
  }
  if (batches.length > 0 && seals.indexOf(batches[0]) + batches.length !== seals.length) return fail('seal_order', events);
  const covering = batchCoverage(
    seals.map((s) => ({ format: s.format, lastEventId: Buffer.from(idHex(s.lastEventId), 'hex') })),
    manifest.sealedBefore ? Buffer.from(manifest.sealedBefore, 'hex') : null,
  );
  let current = 0;
  let bucket: ChainedEvent[] = [];
  const close = (): string | null => {
    const s = batches[current++];
    const problem = check({
      chainIndex: s.chainIndex, prevHash: s.prevHash, hash: s.hash, format: s.format,
      batch: { firstEventId: s.firstEventId, lastEventId: s.lastEventId, eventCount: s.eventCount }, events: bucket,
    });
    bucket = [];
    return problem;
  };
  if (batches.length > 0) {
    for await (const line of archiveLines(path)) {
      if (line.kind !== 'event' || legacy.has(line.id)) continue;
      const index = covering(Buffer.from(idHex(line.id), 'hex'));
      if (index === null) continue;
      while (current < batches.length && seals[index] !== batches[current]) {
        const problem = close();
        if (problem) return fail(problem, events);
      }
      bucket.push(eventOf(line));
    }
    while (current < batches.length) {
      const problem = close();
      if (problem) return fail(problem, events);
    }
  }
  if (prev !== manifest.hashAfter || next - 1 !== manifest.lastChainIndex) return fail('hash_after_mismatch', events);
  return { month: manifest.month, intact: true, problem: null, events };
}

export interface ArchiveVerification {
  intact: boolean;
  archives: ArchiveCheck[];
  /** Where the files and the database's record of them disagree, or the files do not follow each other. */
  problems: string[];
  database: ChainReport;
}

/**
 * `npm run audit:verify -- --archive <dir>`: every archive file against its
 * manifest, the files one after another (each starting from the hash the
 * previous ended with), the manifests against audit_archives, and the chain
 * still in the database from the last archived hash on. Reads only.
 */
export async function verifyAuditArchive(dir: string, db: AuditDb): Promise<ArchiveVerification> {
  const manifests = readManifests(dir);
  const archives: ArchiveCheck[] = [];
  const problems: string[] = [];
  let previous: ArchiveManifest | null = null;
  for (const manifest of manifests) {
    archives.push(await verifyArchiveFile(dir, manifest));
    if (previous && (manifest.hashBefore !== previous.hashAfter || manifest.firstChainIndex !== previous.lastChainIndex + 1)) {
      problems.push(`${manifest.month}: does not start where ${previous.month} ends (chain index ${previous.lastChainIndex}, hash ${previous.hashAfter})`);
    }
    if (!previous && (manifest.firstChainIndex !== 1 || manifest.hashBefore !== GENESIS_HASH)) {
      problems.push(`${manifest.month}: the oldest archive here starts at chain index ${manifest.firstChainIndex}, not at the genesis; older archives are missing`);
    }
    previous = manifest;
  }
  const recorded = await db.rows('SELECT month, first_chain_index, last_chain_index, hash_before, hash_after, sha256 FROM audit_archives ORDER BY month');
  const byMonth = new Map(manifests.map((m) => [m.month, m]));
  for (const row of recorded) {
    const m = byMonth.get(String(row.month));
    if (!m) problems.push(`${row.month}: archived and dropped from the database, but its file is not in ${dir}`);
    else if (m.sha256 !== row.sha256 || m.firstChainIndex !== Number(row.first_chain_index) || m.lastChainIndex !== Number(row.last_chain_index)
      || m.hashBefore !== row.hash_before || m.hashAfter !== row.hash_after) {
      problems.push(`${row.month}: the manifest and the database's record of the archive disagree`);
    }
  }
  for (const m of manifests) if (!recorded.some((r) => String(r.month) === m.month)) problems.push(`${m.month}: a file the database has no record of`);
  const database = await new AuditChain(db).verify();
  return { intact: archives.every((a) => a.intact) && problems.length === 0 && database.intact, archives, problems, database };
}
