import { BusinessRuleError, InvalidValueError } from '../shared/domain-error';
import { addDays, CalendarDate, compareDates, daysBetween } from '../shared/calendar-date';

/** 家床类型: treatment, rehabilitation, palliative care (domain.md §4.3 Bed types). */
export const BED_TYPES = ['treatment', 'rehabilitation', 'palliative'] as const;
export type BedType = (typeof BED_TYPES)[number];

/**
 * 转归 at closure. The six codes, plus `not_cured` and `other` from
 * domain.md §4.2 so every outcome B-soft records has a code.
 */
export const CLOSURE_OUTCOMES = [
  'recovered', 'improved', 'not_cured', 'transferred_to_hospital', 'died', 'patient_request', 'cycle_end', 'other',
] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

/** How far back a bed may start (a paper registration entered late) and how far ahead it may be planned [D]. */
export const START_DATE_WINDOW = { pastDays: 7, futureDays: 30 } as const;

export function validateStartDate(startDate: CalendarDate, today: CalendarDate): void {
  if (daysBetween(startDate, today) > START_DATE_WINDOW.pastDays || daysBetween(today, startDate) > START_DATE_WINDOW.futureDays) {
    throw new InvalidValueError('startDate', 'start_date_window', `startDate must be from ${START_DATE_WINDOW.pastDays} days ago to ${START_DATE_WINDOW.futureDays} days ahead`, {
      past: START_DATE_WINDOW.pastDays, future: START_DATE_WINDOW.futureDays,
    });
  }
}

/**
 * The last day of a cycle that starts on `cycleStart`: the longest allowed
 * (start + maxCycleDays − 1, both days counted), or an earlier requested
 * date (domain.md §4.2 open guard, §4.3 Max cycle length).
 */
export function cycleEndDate(cycleStart: CalendarDate, maxCycleDays: number, requested?: CalendarDate, field = 'plannedEndDate'): CalendarDate {
  const latest = addDays(cycleStart, maxCycleDays - 1);
  if (requested === undefined) return latest;
  if (compareDates(requested, cycleStart) < 0 || compareDates(requested, latest) > 0) {
    throw new InvalidValueError(field, 'planned_end_out_of_cycle', `${field} must be from ${cycleStart} to ${latest}`, {
      from: cycleStart, to: latest,
    });
  }
  return requested;
}

/**
 * 续床: allowed while the current cycle runs, up to and including its planned
 * end date; the new cycle starts the next day. Past the end the episode is
 * overdue and a doctor must close it (domain.md §4.2).
 */
export function nextCycle(
  current: { cycleNo: number; plannedEndDate: CalendarDate },
  today: CalendarDate,
  maxCycleDays: number,
  requestedEnd?: CalendarDate,
): { cycleNo: number; startDate: CalendarDate; plannedEndDate: CalendarDate } {
  if (compareDates(today, current.plannedEndDate) > 0) {
    throw new BusinessRuleError('sickbed_cycle_ended', `the cycle ended on ${current.plannedEndDate}; close the episode instead`, {
      plannedEndDate: current.plannedEndDate,
    });
  }
  const startDate = addDays(current.plannedEndDate, 1);
  return { cycleNo: current.cycleNo + 1, startDate, plannedEndDate: cycleEndDate(startDate, maxCycleDays, requestedEnd) };
}

/** The first day of the end-of-cycle warning window (sickbed.endWarningDays before plannedEndDate). */
export function endWarningDate(plannedEndDate: CalendarDate, endWarningDays: number): CalendarDate {
  return addDays(plannedEndDate, -endWarningDays);
}

/** Whether the cycle ends within the warning window, counted from today (the end date itself included). */
export function isCycleEnding(plannedEndDate: CalendarDate, today: CalendarDate, endWarningDays: number): boolean {
  return compareDates(today, endWarningDate(plannedEndDate, endWarningDays)) >= 0 && compareDates(today, plannedEndDate) <= 0;
}

/** Active past plannedEndDate without an extension: flagged overdue, never closed silently (domain.md §4.2, §4.4). */
export function isCycleOverdue(plannedEndDate: CalendarDate, today: CalendarDate): boolean {
  return compareDates(today, plannedEndDate) > 0;
}

/** 撤床日期: not before the bed started and not in the future. */
export function validateClosureDate(closureDate: CalendarDate, startDate: CalendarDate, today: CalendarDate): void {
  if (compareDates(closureDate, startDate) < 0) {
    throw new InvalidValueError('closureDate', 'closure_before_start', `closureDate must not be before the start date ${startDate}`, { startDate });
  }
  if (compareDates(closureDate, today) > 0) {
    throw new InvalidValueError('closureDate', 'closure_in_future', 'closureDate must not be in the future');
  }
}

/** 床日: days from start to closure, both counted (B-soft JSRQ − KSRQ + 1, domain.md §4.1 Derived). */
export function bedDays(startDate: CalendarDate, closureDate: CalendarDate): number {
  const days = daysBetween(startDate, closureDate) + 1;
  if (days < 1) throw new InvalidValueError('closureDate', 'closure_before_start', 'closureDate must not be before the start date', { startDate });
  return days;
}

/** A linked up-referral only makes sense when the patient goes to hospital (domain.md §4.2, §4.3). */
export function assertReferralFitsOutcome(outcome: ClosureOutcome, hasReferral: boolean): void {
  if (hasReferral && outcome !== 'transferred_to_hospital') {
    throw new InvalidValueError('referral', 'referral_needs_transfer_outcome', 'a referral is only created with outcome transferred_to_hospital');
  }
}
