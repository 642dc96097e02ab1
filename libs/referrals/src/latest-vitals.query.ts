import { Injectable } from '@nestjs/common';
import { readInstant } from '@countycare/audit';
import { Sql } from '@countycare/database';
import { LatestVitals, newerReading, VitalReading, VitalSource } from '@countycare/domain';

/** How many of the newest rounds and services are looked through for each sign: enough for a bed's or a contract's recent weeks. */
const LOOKBACK_ROWS = 30;

/** The rounds of the resident's household-sickbed episodes: episodes by ix_sickbeds_county_resident, rounds by ix_sickbed_rounds_episode. */
const ROUNDS_SQL = `SELECT r.id, r.visited_at AS at, r.sbp, r.dbp, r.glucose_tenths
  FROM sickbeds s JOIN sickbed_rounds r ON r.county_id = s.county_id AND r.episode_id = s.id
  WHERE s.county_id = ? AND s.resident_id = ? AND (r.sbp IS NOT NULL OR r.dbp IS NOT NULL OR r.glucose_tenths IS NOT NULL)
  ORDER BY r.visited_at DESC, r.id DESC LIMIT ${LOOKBACK_ROWS}`;

/** The valid services of the resident's open contract that carry a payload (ix_service_records_contract). */
const SERVICES_SQL = `SELECT id, delivered_at AS at, payload FROM service_records
  WHERE county_id = ? AND contract_id = ? AND status = 'valid' AND payload IS NOT NULL
  ORDER BY delivered_at DESC, id DESC LIMIT ${LOOKBACK_ROWS}`;

type Sign = keyof LatestVitals;

function latestOf(rows: Array<{ id: string; at: Date; values: Partial<Record<Sign, unknown>> }>, source: VitalSource): LatestVitals {
  const found: LatestVitals = { sbp: null, dbp: null, glucose: null };
  for (const row of rows) {
    for (const sign of ['sbp', 'dbp', 'glucose'] as const) {
      const value = row.values[sign];
      if (found[sign] || typeof value !== 'number' || !Number.isFinite(value)) continue;
      found[sign] = { value, recordedAt: row.at, source, sourceId: row.id } satisfies VitalReading;
    }
  }
  return found;
}

/**
 * The resident's latest blood pressure and glucose, from household-sickbed
 * rounds and from the contracted services (follow-ups) of the open contract,
 * whichever is newer for each sign: what the urgent-referral triggers are
 * checked against (domain.md §5.3). A read model over the two contexts'
 * tables (sickbeds depends on referrals, so it cannot be asked).
 */
@Injectable()
export class LatestVitalsQuery {
  constructor(private readonly sql: Sql) {}

  async of(resident: { id: string; countyId: string }, openContractId: string | null): Promise<LatestVitals> {
    const [rounds, services] = await Promise.all([
      this.sql.rows<{ id: string; at: unknown; sbp: number | null; dbp: number | null; glucose_tenths: number | null }>(ROUNDS_SQL, [resident.countyId, resident.id]),
      openContractId
        ? this.sql.rows<{ id: string; at: unknown; payload: unknown }>(SERVICES_SQL, [resident.countyId, openContractId])
        : Promise.resolve([]),
    ]);
    const fromRounds = latestOf(rounds.map((r) => ({
      id: r.id, at: readInstant(r.at),
      values: { sbp: r.sbp, dbp: r.dbp, glucose: r.glucose_tenths === null ? null : Number(r.glucose_tenths) / 10 },
    })), 'sickbed_round');
    const fromServices = latestOf(services.map((s) => {
      const payload = (typeof s.payload === 'string' ? JSON.parse(s.payload) : s.payload) as Record<string, unknown> | null;
      return { id: s.id, at: readInstant(s.at), values: { sbp: payload?.sbp, dbp: payload?.dbp, glucose: payload?.fastingGlucose } };
    }), 'service');
    return {
      sbp: newerReading(fromRounds.sbp, fromServices.sbp),
      dbp: newerReading(fromRounds.dbp, fromServices.dbp),
      glucose: newerReading(fromRounds.glucose, fromServices.glucose),
    };
  }
}
