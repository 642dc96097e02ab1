import { addDays, addMonths, CalendarDate, compareDates, daysBetween } from '../shared/calendar-date';
import { BusinessRuleError, InvalidValueError } from '../shared/domain-error';
import type { ContractStatus } from './contract-status';

/**
 * endDate = startDate + term − 1 day (§3.3, YLZ does exactly this). A start
 * on 29 February has no anniversary in a common year; the term then runs to
 * 28 February, so the contract covers every day up to its first anniversary
 * (1 March) and a renewal keeps starting on 1 March.
 */
export function contractEndDate(startDate: CalendarDate, termMonths = 12): CalendarDate {
  const anniversary = addMonths(startDate, termMonths);
  const clamped = Number(anniversary.slice(8)) < Number(startDate.slice(8));
  return clamped ? anniversary : addDays(anniversary, -1);
}

/** Whether a new contract starting on `startDate` is active at once or scheduled (§3.2). */
export function statusOnSigning(startDate: CalendarDate, today: CalendarDate): 'active' | 'scheduled' {
  return compareDates(startDate, today) <= 0 ? 'active' : 'scheduled';
}

/** How far a GP may back-date a paper signing entered later, and how far ahead a start may lie [D]. */
export const SIGNING_WINDOW = { maxBackdateDays: 30, maxAheadDays: 366 } as const;

/** A signing or application start date must lie in the signing window (applications: not in the past). */
export function assertStartDate(startDate: CalendarDate, today: CalendarDate, by: 'team' | 'resident'): void {
  const offset = daysBetween(today, startDate);
  const earliest = by === 'team' ? -SIGNING_WINDOW.maxBackdateDays : 0;
  if (offset < earliest || offset > SIGNING_WINDOW.maxAheadDays) {
    throw new InvalidValueError('startDate', 'start_date_out_of_range', 'startDate is outside the signing window', {
      earliest: addDays(today, earliest), latest: addDays(today, SIGNING_WINDOW.maxAheadDays),
    });
  }
}

/**
 * A pending application confirmed after its requested start begins on the
 * confirmation day: a term never starts before the team agreed to it.
 */
export function startOnConfirmation(requestedStart: CalendarDate, today: CalendarDate): CalendarDate {
  return compareDates(requestedStart, today) < 0 ? today : requestedStart;
}

/**
 * Start of the successor (§3.3 "Renewal start"): the day after the
 * predecessor ends, or today when that day has passed, which an expired
 * predecessor allows only within the grace days.
 */
export function renewalStartDate(
  predecessor: { status: ContractStatus; endDate: CalendarDate },
  today: CalendarDate,
  graceDays: number,
): CalendarDate {
  const dayAfter = addDays(predecessor.endDate, 1);
  if (predecessor.status === 'expired' && daysBetween(predecessor.endDate, today) > graceDays) {
    throw new BusinessRuleError('renewal_window_closed', 'the renewal grace period has passed', {
      endDate: predecessor.endDate, graceDays,
    });
  }
  return compareDates(dayAfter, today) < 0 ? today : dayAfter;
}

/** The last calendar day on which services count: the end date, or the termination day. */
export function serviceEndDate(contract: { endDate: CalendarDate; terminatedOn: CalendarDate | null }): CalendarDate {
  return contract.terminatedOn && compareDates(contract.terminatedOn, contract.endDate) < 0 ? contract.terminatedOn : contract.endDate;
}
