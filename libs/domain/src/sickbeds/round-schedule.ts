import { InvalidValueError } from '../shared/domain-error';
import { addDays, CalendarDate, calendarDateIn, startOfDayIn } from '../shared/calendar-date';
import type { CountyPolicy } from '../organizations/county-policy';

/** 查床 by the responsible doctor, or 上门护理 by the responsible nurse. */
export const ROUND_KINDS = ['doctor', 'nurse'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/** The visiting plan of one episode, fixed when it opens (domain.md §4.3 first visit, doctor rounds, nurse visits). */
export interface RoundPlan {
  firstRoundHours: number;
  doctorRoundIntervalDays: number;
  nurseVisitIntervalDays: number;
}

const HOUR_MS = 3_600_000;

/**
 * The episode's plan: the county's settings (domain.md §8), optionally
 * tightened per patient. A plan may ask for more frequent visits than the
 * county minimum, never for fewer.
 */
export function resolveRoundPlan(
  county: CountyPolicy['sickbed'],
  requested: { doctorRoundIntervalDays?: number; nurseVisitIntervalDays?: number } = {},
): RoundPlan {
  const pick = (field: 'doctorRoundIntervalDays' | 'nurseVisitIntervalDays') => {
    const value = requested[field];
    if (value === undefined) return county[field];
    if (!Number.isInteger(value) || value < 1 || value > county[field]) {
      throw new InvalidValueError(`plan.${field}`, 'interval_exceeds_policy', `${field} must be 1 to ${county[field]} days`, {
        min: 1, max: county[field],
      });
    }
    return value;
  };
  return {
    firstRoundHours: county.firstRoundHours,
    doctorRoundIntervalDays: pick('doctorRoundIntervalDays'),
    nurseVisitIntervalDays: pick('nurseVisitIntervalDays'),
  };
}

export interface NextRoundInput {
  kind: RoundKind;
  plan: RoundPlan;
  /** When the bed was opened (建床). */
  openedAt: Date;
  startDate: CalendarDate;
  /** The latest round of this kind, or null before the first one. */
  lastRoundAt: Date | null;
  timeZone: string;
}

/**
 * When the next round of a kind is due.
 * - First doctor round: firstRoundHours after the bed opens (or after its
 *   start day begins, when that is later), to the instant.
 * - Later doctor rounds and every nurse visit: by the calendar day, in the
 *   county zone, `interval` days after the day of the last visit (for the
 *   first nurse visit, after the day the bed opened). The round is due from
 *   the start of that day and on time until the day ends.
 */
export function nextRoundDue(input: NextRoundInput): Date {
  const startsAt = startOfDayIn(input.startDate, input.timeZone);
  const anchor = input.openedAt > startsAt ? input.openedAt : startsAt;
  if (input.kind === 'doctor' && input.lastRoundAt === null) {
    return new Date(anchor.getTime() + input.plan.firstRoundHours * HOUR_MS);
  }
  const interval = input.kind === 'doctor' ? input.plan.doctorRoundIntervalDays : input.plan.nurseVisitIntervalDays;
  const from = calendarDateIn(input.lastRoundAt ?? anchor, input.timeZone);
  return startOfDayIn(addDays(from, interval), input.timeZone);
}

export type RoundDueState = 'overdue' | 'today' | 'upcoming';

/** The window of due instants a worklist asks for: "today" and "overdue" are calendar days in the county zone. */
export function roundDueWindow(due: 'today' | 'overdue', today: CalendarDate, timeZone: string): { from: Date | null; before: Date } {
  const startOfToday = startOfDayIn(today, timeZone);
  if (due === 'overdue') return { from: null, before: startOfToday };
  return { from: startOfToday, before: startOfDayIn(addDays(today, 1), timeZone) };
}

/** Overdue once the day the round was due on has ended in the county zone. */
export function roundDueState(dueAt: Date, now: Date, timeZone: string): RoundDueState {
  const today = calendarDateIn(now, timeZone);
  const window = roundDueWindow('today', today, timeZone);
  if (dueAt < window.from!) return 'overdue';
  return dueAt < window.before ? 'today' : 'upcoming';
}

/** A doctor round is recorded by a GP, a nurse visit by a nurse (domain.md §2.2 roles). */
export function roundKindForRole(role: string): RoundKind | null {
  if (role === 'gp') return 'doctor';
  if (role === 'nurse') return 'nurse';
  return null;
}

/** Clock skew a phone may have when it stamps a visit. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * A visit is not in the future and not before the episode began: the earlier
 * of the opening instant and the start of its start day (a bed registered a
 * day late still takes the rounds of that day).
 */
export function validateVisitTime(visitedAt: Date, bounds: { openedAt: Date; startDate: CalendarDate; now: Date; timeZone: string }): void {
  if (visitedAt.getTime() > bounds.now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new InvalidValueError('visitedAt', 'visit_in_future', 'visitedAt must not be in the future');
  }
  const startsAt = startOfDayIn(bounds.startDate, bounds.timeZone);
  const earliest = bounds.openedAt < startsAt ? bounds.openedAt : startsAt;
  if (visitedAt < earliest) {
    throw new InvalidValueError('visitedAt', 'visit_before_opening', 'visitedAt must not be before the bed was opened');
  }
}
