import { PAYLOAD_RANGES } from '../../../../libs/domain/src/contracts/service-measures';
import { VITAL_RANGES } from '../../../../libs/domain/src/sickbeds/vitals';

/**
 * Measurements a clinician types into a service record or a sickbed round, with their units and the plausible ranges
 * the API accepts: the API's own tables (libs/domain: PAYLOAD_RANGES for service records, VITAL_RANGES for rounds),
 * imported as they are, so the form and the server cannot disagree. Plain TypeScript: any screen may import it.
 */

/** The measurements a package item may require (`requiredData`, domain.md §3.1). */
export const SERVICE_MEASURES = Object.keys(PAYLOAD_RANGES) as Array<keyof typeof PAYLOAD_RANGES>;
export type ServiceMeasure = keyof typeof PAYLOAD_RANGES;

export interface MeasureRange {
  min: number;
  max: number;
  /** Decimals allowed (0: a whole number) */
  decimals: number;
  unit: string;
}

/** What POST /contracts/:id/services accepts in `payload`. */
export const SERVICE_RANGES: Record<ServiceMeasure, MeasureRange> = {
  sbp: { ...PAYLOAD_RANGES.sbp, unit: 'mmHg' },
  dbp: { ...PAYLOAD_RANGES.dbp, unit: 'mmHg' },
  fastingGlucose: { ...PAYLOAD_RANGES.fastingGlucose, unit: 'mmol/L' },
  heartRate: { ...PAYLOAD_RANGES.heartRate, unit: '/min' },
  weightKg: { ...PAYLOAD_RANGES.weightKg, unit: 'kg' },
};

/** The vitals of a sickbed round. */
export const ROUND_VITALS = ['sbp', 'dbp', 'pulse', 'temperature', 'spo2', 'glucose'] as const;
export type RoundVital = (typeof ROUND_VITALS)[number];

export const ROUND_RANGES: Record<RoundVital, MeasureRange> = {
  sbp: { ...VITAL_RANGES.sbp, unit: 'mmHg' },
  dbp: { ...VITAL_RANGES.dbp, unit: 'mmHg' },
  pulse: { ...VITAL_RANGES.pulse, unit: '/min' },
  temperature: { ...VITAL_RANGES.temperature, unit: '°C' },
  spo2: { ...VITAL_RANGES.spo2, unit: '%' },
  glucose: { ...VITAL_RANGES.glucose, unit: 'mmol/L' },
};

/** Whether a value has at most `decimals` decimals (0.1 + 0.2 safe). */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-9;
}

export type RangeProblem = 'not_a_number' | 'out_of_range' | 'too_many_decimals';

/** Why a typed value is not a plausible reading of this range, or null when it is. */
export function rangeProblem(value: unknown, range: MeasureRange): RangeProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not_a_number';
  if (value < range.min || value > range.max) return 'out_of_range';
  if (!hasAtMostDecimals(value, range.decimals)) return 'too_many_decimals';
  return null;
}

/**
 * Blood pressure as a pair: both or neither, the diastolic below the systolic. The API requires this of rounds; for
 * service records it does not, but a diastolic at or above the systolic is a typing slip there too.
 */
export function bloodPressureProblem(sbp: number | null | undefined, dbp: number | null | undefined): 'pair' | 'diastolic_not_below' | null {
  const hasSbp = typeof sbp === 'number';
  const hasDbp = typeof dbp === 'number';
  if (hasSbp !== hasDbp) return 'pair';
  if (hasSbp && hasDbp && dbp >= sbp) return 'diastolic_not_below';
  return null;
}

/** The measurements of a record, only those given (empty values dropped), as the API's `payload` takes them. */
export function servicePayload(values: Partial<Record<ServiceMeasure, number | null | undefined>>): Partial<Record<ServiceMeasure, number>> {
  const payload: Partial<Record<ServiceMeasure, number>> = {};
  for (const name of SERVICE_MEASURES) {
    const value = values[name];
    if (typeof value === 'number' && Number.isFinite(value)) payload[name] = value;
  }
  return payload;
}

export type RoundVitalsInput = Partial<Record<RoundVital, number | null | undefined>>;

/** Only the vitals of a round that were measured (the API stores absent ones as null); undefined when none was. */
export function roundVitals(input: RoundVitalsInput): Partial<Record<RoundVital, number>> | undefined {
  const out: Partial<Record<RoundVital, number>> = {};
  for (const name of ROUND_VITALS) {
    const value = input[name];
    if (typeof value === 'number' && Number.isFinite(value)) out[name] = value;
  }
  return Object.keys(out).length ? out : undefined;
}
