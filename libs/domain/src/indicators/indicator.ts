import { CalendarDate, compareDates, daysBetween, parseCalendarDate } from '../shared/calendar-date';
import { InvalidValueError } from '../shared/domain-error';

/**
 * How to read an indicator's `rate`: a proportion 0..1 (the domain.md
 * "× 100%" figures), a ratio that may exceed 1 (下转比), an average in days,
 * or a plain count (then `numerator` is the count and there is no rate).
 */
export const INDICATOR_UNITS = ['proportion', 'ratio', 'days', 'count'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/**
 * One figure of an indicator dashboard. `rate` is null when the denominator
 * is 0 or unknown, never NaN; `noteCode` names a message explaining how the
 * figure was made (the API localizes it).
 */
export interface IndicatorValue {
  numerator: number;
  denominator: number | null;
  rate: number | null;
  unit: IndicatorUnit;
  noteCode?: string;
  noteParams?: Record<string, string | number>;
}

/** An indicator domain.md defines whose data CountyCare does not hold, and why. */
export interface UnavailableIndicator {
  name: string;
  reasonCode: string;
}

/** Whose figures: a county, narrowed to an institution or a GP team. */
export interface IndicatorScope {
  countyId: string;
  institutionId: string | null;
  teamId: string | null;
}

/**
 * The calendar dates counted (county zone). Events are counted from `from`
 * to `referenceDate`; states ("open on", "active on") are taken on
 * `referenceDate`, which is `to`, or today when `to` lies ahead.
 */
export interface IndicatorPeriod {
  from: CalendarDate;
  to: CalendarDate;
  referenceDate: CalendarDate;
}

/** A period may span a calendar year, leap day included. */
export const MAX_PERIOD_DAYS = 366;

type Note = { noteCode?: string; noteParams?: Record<string, string | number> };

function divide(numerator: number, denominator: number | null, decimals: number): number | null {
  if (denominator === null || denominator === 0) return null;
  const value = numerator / denominator;
  if (!Number.isFinite(value)) return null;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

function noted(value: IndicatorValue, note: Note): IndicatorValue {
  return note.noteCode ? { ...value, ...note } : value;
}

/** numerator ÷ denominator as a proportion with 4 decimals (0.6667 = 66.67 %). */
export function proportion(numerator: number, denominator: number | null, note: Note = {}): IndicatorValue {
  return noted({ numerator, denominator, rate: divide(numerator, denominator, 4), unit: 'proportion' }, note);
}

/** numerator ÷ denominator as a ratio with 4 decimals, e.g. down-referrals per up-referral. */
export function ratio(numerator: number, denominator: number | null, note: Note = {}): IndicatorValue {
  return noted({ numerator, denominator, rate: divide(numerator, denominator, 4), unit: 'ratio' }, note);
}

/** Σ days ÷ cases, 2 decimals. */
export function averageDays(totalDays: number, cases: number, note: Note = {}): IndicatorValue {
  return noted({ numerator: totalDays, denominator: cases, rate: divide(totalDays, cases, 2), unit: 'days' }, note);
}

/** A plain count: the count is the numerator; there is no denominator and no rate. */
export function count(value: number, note: Note = {}): IndicatorValue {
  return noted({ numerator: value, denominator: null, rate: null, unit: 'count' }, note);
}

/**
 * The period of an indicator request (domain.md §3.6 "period = calendar
 * year unless stated"): by default 1 January of the current year to today.
 * Real dates, `from` ≤ `to`, at most 366 days, not starting in the future.
 */
export function resolveIndicatorPeriod(input: { from?: string; to?: string }, today: CalendarDate): IndicatorPeriod {
  const to = input.to === undefined ? today : parseCalendarDate(input.to, 'to');
  const from = input.from === undefined ? `${to.slice(0, 4)}-01-01` : parseCalendarDate(input.from, 'from');
  if (compareDates(from, to) > 0) throw new InvalidValueError('from', 'period_reversed', 'from must not be after to');
  if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) {
    throw new InvalidValueError('to', 'period_too_long', `a period spans at most ${MAX_PERIOD_DAYS} days`, { max: MAX_PERIOD_DAYS });
  }
  if (compareDates(from, today) > 0) throw new InvalidValueError('from', 'period_in_future', 'from must not be after today');
  return { from, to, referenceDate: compareDates(to, today) > 0 ? today : to };
}
