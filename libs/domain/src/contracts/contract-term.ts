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

/** The signing window of the county policy (contract.maxBackdateDays, contract.maxStartAheadDays). */
export interface SigningWindow {
  maxBackdateDays: number;
  maxStartAheadDays: number;
}

/**
 * A new contract's start must lie in the county's signing window: a team may
 * date a paper signing back and schedule a start ahead; a resident's
 * application may not start in the past.
 */
export function assertStartDate(startDate: CalendarDate, today: CalendarDate, by: 'team' | 'resident', window: SigningWindow): void {
  const offset = daysBetween(today, startDate);
  const earliest = by === 'team' ? -window.maxBackdateDays : 0;
  if (offset < earliest || offset > window.maxStartAheadDays) {
    throw new InvalidValueError('startDate', 'start_date_out_of_range', 'startDate is outside the signing window', {
      earliest: addDays(today, earliest), latest: addDays(today, window.maxStartAheadDays),
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

/**
 * Whether a contract is in force on `day` for coverage (签约率, §3.6): from its
 * start through its end, and a termination takes effect on its own day
 * (§3.3: death and moving out at once), so a contract terminated on T is no
 * longer in force on T, as its status already says. Services delivered on T
 * before the termination still count (serviceEndDate).
 */
export function inForceOn(contract: { startDate: CalendarDate; endDate: CalendarDate; terminatedOn: CalendarDate | null }, day: CalendarDate): boolean {
  if (compareDates(contract.startDate, day) > 0 || compareDates(contract.endDate, day) < 0) return false;
  return contract.terminatedOn === null || compareDates(contract.terminatedOn, day) > 0;
}
