import { InvalidValueError } from '../shared/domain-error';

/** Vital signs taken at a home visit. Units: mmHg, beats/min, °C, %, mmol/L. */
export interface Vitals {
  sbp?: number | null;
  dbp?: number | null;
  pulse?: number | null;
  temperature?: number | null;
  spo2?: number | null;
  glucose?: number | null;
}

/**
 * Plausible ranges: what a home device can show on a living patient. Values
 * outside are typing or device errors, refused with 400 rather than stored
 * as if measured. The bounds are wide on purpose (they must never refuse a
 * real reading of a very sick patient), not clinical alarm thresholds:
 * - systolic 50–260 and diastolic 30–160 mmHg, diastolic below systolic;
 * - pulse 25–220 /min;
 * - body temperature 34.0–42.5 °C, one decimal (below 34 °C a home
 *   thermometer does not read; above 42.5 °C is not survivable);
 * - SpO2 50–100 %, whole percent (pulse oximeters are unreliable below 50);
 * - capillary glucose 1.0–35.0 mmol/L, one decimal (home meters read about
 *   1.1–33.3 and show LO/HI outside).
 */
export const VITAL_RANGES = {
  sbp: { min: 50, max: 260, decimals: 0 },
  dbp: { min: 30, max: 160, decimals: 0 },
  pulse: { min: 25, max: 220, decimals: 0 },
  temperature: { min: 34, max: 42.5, decimals: 1 },
  spo2: { min: 50, max: 100, decimals: 0 },
  glucose: { min: 1, max: 35, decimals: 1 },
} as const;

export type VitalName = keyof typeof VITAL_RANGES;

function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-9;
}

/** Throws InvalidValueError naming the first vital (`vitals.<name>`) that is implausible. */
export function validateVitals(vitals: Vitals): void {
  for (const name of Object.keys(VITAL_RANGES) as VitalName[]) {
    const value = vitals[name];
    if (value === undefined || value === null) continue;
    const { min, max, decimals } = VITAL_RANGES[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || !hasAtMostDecimals(value, decimals)) {
      throw new InvalidValueError(`vitals.${name}`, 'vital_out_of_range', `${name} must be ${min} to ${max} with at most ${decimals} decimals`, {
        min, max, decimals,
      });
    }
  }
  const hasSbp = vitals.sbp !== undefined && vitals.sbp !== null;
  const hasDbp = vitals.dbp !== undefined && vitals.dbp !== null;
  if (hasSbp !== hasDbp) {
    throw new InvalidValueError(hasSbp ? 'vitals.dbp' : 'vitals.sbp', 'blood_pressure_pair', 'blood pressure needs both systolic and diastolic');
  }
  if (hasSbp && hasDbp && vitals.dbp! >= vitals.sbp!) {
    throw new InvalidValueError('vitals.dbp', 'diastolic_not_below_systolic', 'diastolic pressure must be below systolic');
  }
}
