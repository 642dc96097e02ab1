import { Injectable } from '@nestjs/common';
import { AuditActor, AuditEntry, AuditService } from '@countycare/audit';
import { Policy } from '@countycare/auth';
import { Actor, Clock, FieldCipher, newId, ProblemException } from '@countycare/common';
import { TransactionRunner } from '@countycare/database';
import {
  InvalidValueError, parseRosterRow, RosterLayout, rosterChanges, rosterLayout, RosterProblem, RosterRow,
} from '@countycare/domain';
import { OrganizationsService } from '@countycare/organizations';
import { performance } from 'node:perf_hooks';
import { EntityManager } from 'typeorm';
import { Resident } from '../resident.entity';
import { bulkUpsert } from './bulk-upsert';
import { readCsvRecords } from './csv-records';
import { decodeRoster, limitBytes, RequestedEncoding, requestedEncoding, RosterEncoding, RosterTooLargeError } from './roster-source';

/** Largest roster accepted over HTTP (a 1,000,000-row roster is about 110 MiB). The CLI reads files of any size. */
export const ROSTER_MAX_BYTES = 200 * 1024 * 1024;
/** Rows per transaction: one multi-row upsert and one multi-row audit insert each. */
export const ROSTER_BATCH_ROWS = 1000;
/** Error entries kept in the report; `errorCount` still counts all of them. */
export const ROSTER_MAX_REPORTED_ERRORS = 1000;

export interface RosterImportError {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

export interface RosterImportReport {
  importId: string;
  countyId: string;
  /** The encoding the file was read in (null when nothing was read). */
  encoding: RosterEncoding | null;
  /** Data rows read (header excluded) = created + updated + unchanged + rejected. */
  rows: number;
  created: number;
  updated: number;
  /** Rows that matched the registry exactly: nothing written. */
  unchanged: number;
  rejected: number;
  errors: RosterImportError[];
  errorCount: number;
  errorsTruncated: boolean;
  /** Header cells that name no roster column. */
  ignoredColumns: string[];
  durationMs: number;
  rowsPerSecond: number;
}

export interface RosterImportRequest {
  countyId?: string;
  /** `?encoding=` */
  encoding?: string;
  contentType?: string;
  contentLength?: string;
  /** The request body: a byte stream for text/csv. */
  body: unknown;
}

interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  errors: RosterImportError[];
}

interface PendingRow {
  line: number;
  row: RosterRow;
}

/** The columns a re-imported row may change (see rosterChanges); identity columns are never updated. */
const UPSERT_COLUMNS = ['name', 'phone_hash', 'phone_enc', 'township', 'address_line', 'household_no', 'tags', 'version', 'updated_at'];

function isByteStream(body: unknown): body is AsyncIterable<Buffer> {
  return typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function' && Symbol.asyncIterator in body;
}

/** InnoDB deadlock or lock wait timeout: two imports touching the same people; the batch is simply retried. */
function isLockConflict(error: unknown): boolean {
  const e = error as { driverError?: { code?: string; errno?: number }; code?: string; errno?: number } | null;
  const code = e?.driverError?.code ?? e?.code;
  const errno = e?.driverError?.errno ?? e?.errno;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || errno === 1213 || errno === 1205;
}

class ReportBuilder {
  readonly started = performance.now();
  rows = 0;
  created = 0;
  updated = 0;
  unchanged = 0;
  rejected = 0;
  errorCount = 0;
  errors: RosterImportError[] = [];
  ignoredColumns: string[] = [];

  constructor(
    readonly importId: string,
    readonly countyId: string,
    readonly detected: { encoding?: RosterEncoding },
  ) {}

  addErrors(errors: RosterImportError[]): void {
    this.errorCount += errors.length;
    for (const e of errors) if (this.errors.length < ROSTER_MAX_REPORTED_ERRORS) this.errors.push(e);
  }

  rejectRow(line: number, problems: RosterProblem[]): void {
    this.rejected += 1;
    this.addErrors(problems.map((p) => ({ line, ...p })));
  }

  merge(outcome: BatchOutcome): void {
    this.created += outcome.created;
    this.updated += outcome.updated;
    this.unchanged += outcome.unchanged;
    this.rejected += outcome.errors.length;
    this.addErrors(outcome.errors);
  }

  build(): RosterImportReport {
    const durationMs = Math.round(performance.now() - this.started);
    return {
      importId: this.importId, countyId: this.countyId, encoding: this.detected.encoding ?? null,
      rows: this.rows, created: this.created, updated: this.updated, unchanged: this.unchanged, rejected: this.rejected,
      errors: this.errors, errorCount: this.errorCount, errorsTruncated: this.errorCount > this.errors.length,
      ignoredColumns: this.ignoredColumns, durationMs, rowsPerSecond: durationMs > 0 ? Math.round((this.rows * 1000) / durationMs) : this.rows,
    };
  }
}

/**
 * Roster import (issue #3): a CSV streamed row by row, validated with the
 * registry's own rules, upserted by ID number in batched transactions. A bad
 * row is reported with its line and skipped whole; good rows are kept.
 * Memory stays flat: one batch and at most 1,000 error entries are held.
 */
@Injectable()
export class RosterImportService {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly policy: Policy,
    private readonly audit: AuditService,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
  ) {}

  /** POST /residents/import: county and institution admins of the county. */
  async importRoster(actor: Actor, request: RosterImportRequest): Promise<RosterImportReport> {
    this.policy.assertRole(actor, 'import', 'Resident');
    const countyId = request.countyId ?? actor.countyId;
    if (!countyId) throw ProblemException.invalid('countyId', 'isDefined');
    const county = await this.organizations.findCountyByCodeOrId(countyId);
    if (!county || !this.policy.can(actor, 'import', 'Resident', { countyId: county.id })) throw ProblemException.notFound('county');
    if (!isByteStream(request.body)) {
      throw new ProblemException(415, 'unsupported_media_type', { type: request.contentType?.split(';')[0] || 'none' });
    }
    if (Number(request.contentLength) > ROSTER_MAX_BYTES) throw this.tooLarge(null);
    const encoding = requestedEncoding(request.encoding, request.contentType);
    return this.run(actor, county.id, request.body, { encoding, maxBytes: ROSTER_MAX_BYTES });
  }

  /**
   * The import itself, shared by the HTTP route and the command-line tool
   * (which has checked the county and stands for the operator at the server).
   */
  async run(
    actor: AuditActor,
    countyId: string,
    source: AsyncIterable<Buffer | string>,
    options: { encoding?: RequestedEncoding; maxBytes?: number } = {},
  ): Promise<RosterImportReport> {
    const importId = newId();
    const detected: { encoding?: RosterEncoding } = {};
    const report = new ReportBuilder(importId, countyId, detected);
    const today = this.clock.today();
    const text = decodeRoster(limitBytes(source, options.maxBytes ?? Number.POSITIVE_INFINITY), options.encoding ?? 'auto', detected);
    let layout: RosterLayout | null = null;
    let batch: PendingRow[] = [];
    // One batch is written while the next one is parsed; at most one is in flight.
    let inFlight: Promise<void> = Promise.resolve();
    let failure: { error: unknown } | null = null;
    const flush = async (rows: PendingRow[]) => {
      await inFlight;
      if (failure) throw failure.error;
      inFlight = this.writeBatch(actor, countyId, importId, rows).then(
        (outcome) => report.merge(outcome),
        (error: unknown) => {
          failure = { error };
        },
      );
    };
    try {
      for await (const item of readCsvRecords(text)) {
        if (!layout) {
          if (item.kind === 'problem') throw new InvalidValueError('header', item.code, 'the header row cannot be read');
          layout = rosterLayout(item.cells);
          report.ignoredColumns = layout.ignored;
          continue;
        }
        report.rows += 1;
        if (item.kind === 'problem') {
          report.rejectRow(item.line, [{ field: 'row', code: item.code }]);
          continue;
        }
        const result = parseRosterRow(item.cells, layout, today);
        if (!result.ok) {
          report.rejectRow(item.line, result.problems);
          continue;
        }
        batch.push({ line: item.line, row: result.row });
        if (batch.length >= ROSTER_BATCH_ROWS) {
          await flush(batch);
          batch = [];
        }
      }
      if (!layout) throw new InvalidValueError('body', 'roster_empty', 'the file has no header row');
      if (batch.length > 0) await flush(batch);
      await inFlight;
      if (failure) throw (failure as { error: unknown }).error;
    } catch (error) {
      await inFlight;
      const partial = report.build();
      await this.recordImport(actor, partial, 'error');
      throw error instanceof RosterTooLargeError ? this.tooLarge(partial) : error;
    }
    const done = report.build();
    await this.recordImport(actor, done, 'success');
    return done;
  }

  private tooLarge(report: RosterImportReport | null): ProblemException {
    return new ProblemException(413, 'roster_too_large', { limit: `${ROSTER_MAX_BYTES / 1024 / 1024} MiB` }, [], {}, report ? { report } : {});
  }

  /** One audit event for the whole import: counts only, never names or numbers. */
  private recordImport(actor: AuditActor, report: RosterImportReport, outcome: 'success' | 'error'): Promise<void> {
    return this.audit.record(actor, {
      action: 'import', resourceType: 'resident_roster', resourceId: report.importId, countyId: report.countyId, outcome,
      detail: {
        rows: report.rows, created: report.created, updated: report.updated, unchanged: report.unchanged,
        rejected: report.rejected, encoding: report.encoding, durationMs: report.durationMs,
      },
    });
  }

  /**
   * One transaction: lock the rows already registered under these ID numbers,
   * decide create / update / unchanged / other county per row, write them with
   * one multi-row upsert, audit every created or changed resident.
   */
  private async writeBatch(actor: AuditActor, countyId: string, importId: string, rows: PendingRow[]): Promise<BatchOutcome> {
    const keyed = rows.map((r) => ({ ...r, hash: this.cipher.blindIndex('id', r.row.idNumber) }));
    const hashes = [...new Set(keyed.map((r) => r.hash))];
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.tx.run((em) => this.applyBatch(em, actor, countyId, importId, keyed, hashes));
      } catch (error) {
        if (attempt >= 3 || !isLockConflict(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  private async applyBatch(
    em: EntityManager,
    actor: AuditActor,
    countyId: string,
    importId: string,
    rows: Array<PendingRow & { hash: string }>,
    hashes: string[],
  ): Promise<BatchOutcome> {
    const registered = await this.tx
      .forUpdate(em.getRepository(Resident).createQueryBuilder('r').where('r.idNumberHash IN (:...hashes)', { hashes }))
      .getMany();
    const existing = new Map(registered.map((r) => [r.idNumberHash, r]));
    /** The state each ID number will be written in; a later line of the same person wins. */
    const writes = new Map<string, Resident>();
    const outcome: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
    const audits: AuditEntry[] = [];
    const now = this.clock.now();

    for (const { line, row, hash } of rows) {
      const current = writes.get(hash) ?? existing.get(hash);
      if (current && current.countyId !== countyId) {
        // Moving people between counties is a registry decision, not a side effect of a roster.
        outcome.errors.push({ line, field: 'idNumber', code: 'resident_in_other_county' });
        continue;
      }
      if (!current) {
        const resident = this.newResident(countyId, hash, row, now);
        writes.set(hash, resident);
        outcome.created += 1;
        audits.push({
          action: 'create', resourceType: 'resident', resourceId: resident.id, residentId: resident.id, countyId, contextId: importId,
          detail: { via: 'roster_import' },
        });
        continue;
      }
      const phone = row.phone !== null && current.phoneEnc ? this.cipher.decrypt(current.phoneEnc) : null;
      const { changes, fields } = rosterChanges({ ...current, phone }, row);
      if (fields.length === 0) {
        outcome.unchanged += 1;
        continue;
      }
      const next: Resident = { ...current };
      if (changes.name !== undefined) next.name = changes.name;
      if (changes.phone) {
        next.phoneHash = this.cipher.blindIndex('phone', changes.phone);
        next.phoneEnc = this.cipher.encrypt(changes.phone);
      }
      if (changes.township !== undefined) next.township = changes.township;
      if (changes.addressLine !== undefined) next.addressLine = changes.addressLine;
      if (changes.householdNo !== undefined) next.householdNo = changes.householdNo;
      if (changes.tags !== undefined) next.tags = [...changes.tags];
      // One version step per transaction, however many lines name the person.
      next.version = writes.has(hash) ? current.version : current.version + 1;
      next.updatedAt = now;
      writes.set(hash, next);
      outcome.updated += 1;
      audits.push({
        action: 'update', resourceType: 'resident', resourceId: current.id, residentId: current.id, countyId, contextId: importId,
        detail: { via: 'roster_import', fields },
      });
    }

    await bulkUpsert(em, Resident, [...writes.values()], 'id_number_hash', UPSERT_COLUMNS);
    await this.audit.record(actor, audits, em);
    return outcome;
  }

  private newResident(countyId: string, hash: string, row: RosterRow, now: Date): Resident {
    return Object.assign(new Resident(), {
      id: newId(now.getTime()),
      countyId,
      name: row.name,
      idNumberHash: hash,
      idNumberEnc: this.cipher.encrypt(row.idNumber),
      phoneHash: row.phone ? this.cipher.blindIndex('phone', row.phone) : null,
      phoneEnc: row.phone ? this.cipher.encrypt(row.phone) : null,
      birthDate: row.birthDate,
      sex: row.sex,
      township: row.township,
      addressLine: row.addressLine,
      householdNo: row.householdNo,
      tags: row.tags ?? [],
      status: 'active',
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }
}
