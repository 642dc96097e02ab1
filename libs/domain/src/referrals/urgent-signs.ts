import { ReferralUrgency } from './referral-state';

/**
 * The qualitative urgent-referral triggers of the national basic public-health
 * spec (domain.md §5.3 green channel): what the GP observes, ticked on the form.
 */
export const RED_FLAGS = ['altered_consciousness', 'chest_pain', 'pregnancy_hypertension'] as const;
export type RedFlag = (typeof RED_FLAGS)[number];

/** The measured triggers (domain.md §5.3): SBP ≥ 180 and/or DBP ≥ 110 mmHg; glucose ≥ 16.7 or ≤ 3.9 mmol/L. */
export const URGENT_THRESHOLDS = { sbpHigh: 180, dbpHigh: 110, glucoseHigh: 16.7, glucoseLow: 3.9 } as const;

/**
 * A reading older than this says how the patient was, not how they are: it is
 * shown with its date but suggests nothing (a week-old 185 mmHg is a reason to
 * measure again, not to open the green channel).
 */
export const URGENT_SIGN_MAX_AGE_HOURS = 72;

/** Where a reading was taken: a household-sickbed round or a contracted service (follow-up). */
export type VitalSource = 'sickbed_round' | 'service';

export interface VitalReading {
  value: number;
  recordedAt: Date;
  source: VitalSource;
  sourceId: string;
}

/** The resident's latest reading of each sign, from whichever source is newer (null: never measured). */
export interface LatestVitals {
  sbp: VitalReading | null;
  dbp: VitalReading | null;
  /** mmol/L */
  glucose: VitalReading | null;
}

export const URGENT_SIGN_CODES = ['sbp_high', 'dbp_high', 'glucose_high', 'glucose_low', ...RED_FLAGS] as const;
export type UrgentSignCode = (typeof URGENT_SIGN_CODES)[number];

export interface UrgentSign {
  code: UrgentSignCode;
  /** The measured value and the threshold it met; absent for a red flag the GP ticked. */
  value?: number;
  threshold?: number;
  recordedAt?: Date;
  source?: VitalSource;
  sourceId?: string;
  /** A reading older than URGENT_SIGN_MAX_AGE_HOURS: listed, but it suggests nothing. */
  stale: boolean;
}

function measured(code: UrgentSignCode, reading: VitalReading, threshold: number, now: Date): UrgentSign {
  const stale = now.getTime() - reading.recordedAt.getTime() > URGENT_SIGN_MAX_AGE_HOURS * 3_600_000;
  return { code, value: reading.value, threshold, recordedAt: reading.recordedAt, source: reading.source, sourceId: reading.sourceId, stale };
}

/** Every urgent-referral trigger the latest readings and the ticked red flags meet, measured ones first. */
export function urgentSigns(vitals: LatestVitals, redFlags: readonly RedFlag[], now: Date): UrgentSign[] {
  const t = URGENT_THRESHOLDS;
  const signs: UrgentSign[] = [];
  if (vitals.sbp && vitals.sbp.value >= t.sbpHigh) signs.push(measured('sbp_high', vitals.sbp, t.sbpHigh, now));
  if (vitals.dbp && vitals.dbp.value >= t.dbpHigh) signs.push(measured('dbp_high', vitals.dbp, t.dbpHigh, now));
  if (vitals.glucose && vitals.glucose.value >= t.glucoseHigh) signs.push(measured('glucose_high', vitals.glucose, t.glucoseHigh, now));
  if (vitals.glucose && vitals.glucose.value <= t.glucoseLow) signs.push(measured('glucose_low', vitals.glucose, t.glucoseLow, now));
  for (const flag of new Set(redFlags)) signs.push({ code: flag, stale: false });
  return signs;
}

/** The priority the signs suggest: the green channel when any current sign is met, else no suggestion (the GP decides). */
export function suggestedUrgency(signs: readonly Pick<UrgentSign, 'stale'>[]): ReferralUrgency | null {
  return signs.some((s) => !s.stale) ? 'emergent' : null;
}

/**
 * The newer of two readings of one sign; a tie keeps the first. Readings come
 * from rounds and services, each source's latest: this picks between them.
 */
export function newerReading(a: VitalReading | null, b: VitalReading | null): VitalReading | null {
  if (!a) return b;
  if (!b) return a;
  return b.recordedAt.getTime() > a.recordedAt.getTime() ? b : a;
}
