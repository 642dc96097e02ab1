import { packRef, uuidBytes } from './audit-codec';
import { EVENT_COLUMN_LIST, EVENT_COLUMNS } from './audit-tables';
import { marks, Query } from './audit-sql';

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CHUNK = 500;

/**
 * An embedded database of a release before issue #10 (tables renamed to
 * `*_legacy` by the caller): every row becomes a row of the new
 * audit_events, its resident a subject row (or, when it is no id of the
 * canonical form, `resident_ref`, verbatim), every per-event seal a seal row
 * whose batch is that one event. Values the old canonical forms hashed read
 * back exactly as they were, so formats 1 and 2 keep verifying.
 * 1796128366443-AuditEventsCompactPartitioned does the same on MySQL in SQL.
 */
export async function convertLegacyTables(query: Query): Promise<void> {
  const insertEvents = (n: number) => `INSERT INTO audit_events (${EVENT_COLUMN_LIST}) VALUES ${new Array(n).fill(`(${marks(EVENT_COLUMNS.length)})`).join(', ')}`;
  for (let after = ''; ;) {
    const rows = await query('SELECT * FROM audit_events_legacy WHERE id > ? ORDER BY id LIMIT ?', [after, CHUNK]);
    if (rows.length === 0) break;
    const events: unknown[] = [];
    const subjects: unknown[] = [];
    for (const r of rows) {
      const id = String(r.id);
      const resident = r.resident_id === null ? null : String(r.resident_id);
      const asSubject = resident !== null && CANONICAL_UUID.test(resident);
      if (asSubject) subjects.push(uuidBytes(id), uuidBytes(resident));
      events.push(
        uuidBytes(id), r.at, packRef(r.actor_id as string | null), r.actor_name, r.actor_role, packRef(r.actor_institution_id as string | null),
        packRef(r.county_id as string | null), r.action, r.resource_type, packRef(r.resource_id as string | null), asSubject ? null : resident,
        r.purpose, packRef(r.context_id as string | null), r.outcome, r.ip, packRef(r.request_id as string | null), r.detail,
      );
    }
    await query(insertEvents(rows.length), events);
    if (subjects.length > 0) {
      await query(`INSERT INTO audit_event_subjects (event_id, resident_id) VALUES ${new Array(subjects.length / 2).fill('(?, ?)').join(', ')}`, subjects);
    }
    after = String(rows[rows.length - 1].id);
  }
  // A file from before issue 9 has no `format`: its seals are all format 1.
  const sealColumns = await query("SELECT name FROM pragma_table_info('audit_seals_legacy')");
  const format = sealColumns.some((c) => c.name === 'format') ? 'format' : '1';
  await query(
    'INSERT INTO audit_seals (chain_index, format, first_event_id, last_event_id, event_count, prev_hash, hash, sealed_at) '
      + `SELECT chain_index, ${format}, unhex(replace(event_id, '-', '')), unhex(replace(event_id, '-', '')), 1, prev_hash, hash, sealed_at `
      + 'FROM audit_seals_legacy',
  );
}
