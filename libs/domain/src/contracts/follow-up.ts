import { addDays, CalendarDate, compareDates, daysBetween, startOfIsoWeek } from '../shared/calendar-date';
import { InvalidValueError } from '../shared/domain-error';

/** Monday to Sunday of the ISO week holding `today` (county zone). */
export function isoWeekOf(today: CalendarDate): { monday: CalendarDate; sunday: CalendarDate } {
  const monday = startOfIsoWeek(today);
  return { monday, sunday: addDays(monday, 6) };
}

export const FOLLOW_UP_DUE = ['overdue', 'this_week', 'upcoming'] as const;
export type FollowUpDue = (typeof FOLLOW_UP_DUE)[number];

/** How far past this week `upcoming` looks: four more ISO weeks, enough for a GP to plan the month's visits [D]. */
export const UPCOMING_WEEKS = 4;
/** The longest explicit due-date range a worklist serves. */
export const MAX_DUE_RANGE_DAYS = 366;

/**
 * The due-date range a worklist filter asks for: `overdue` is due before
 * today, `this_week` from today to Sunday, `upcoming` the four weeks after
 * this one; neither = overdue and this week. They never overlap, so a task is
 * in exactly one of them. An explicit `from`..`to` (both inclusive) replaces
 * them.
 */
export function followUpDueRange(
  due: FollowUpDue | undefined,
  today: CalendarDate,
  explicit?: { from?: CalendarDate; to?: CalendarDate },
): { from: CalendarDate | null; before: CalendarDate } {
  if (explicit && (explicit.from !== undefined || explicit.to !== undefined)) {
    if (due !== undefined) throw new InvalidValueError('due', 'due_and_range', 'give either due or dueFrom/dueTo');
    const from = explicit.from ?? today;
    const to = explicit.to ?? addDays(from, MAX_DUE_RANGE_DAYS - 1);
    if (compareDates(to, from) < 0 || daysBetween(from, to) >= MAX_DUE_RANGE_DAYS) {
      throw new InvalidValueError('dueTo', 'due_range_invalid', `dueTo must be on or after dueFrom, at most ${MAX_DUE_RANGE_DAYS} days later`, {
        max: MAX_DUE_RANGE_DAYS,
      });
    }
    return { from, before: addDays(to, 1) };
  }
  const { sunday } = isoWeekOf(today);
  const afterSunday = addDays(sunday, 1);
  if (due === 'overdue') return { from: null, before: today };
  if (due === 'this_week') return { from: today, before: afterSunday };
  if (due === 'upcoming') return { from: afterSunday, before: addDays(afterSunday, 7 * UPCOMING_WEEKS) };
  return { from: null, before: afterSunday };
}

/**
 * Whether a plan window can still be delivered: open, and not past its last
 * day. A window that closed unmet is dead whether or not the worker has
 * marked it missed yet, so no worklist shows it.
 */
export function windowStillOpen(w: { status: string; windowEnd: CalendarDate | null }, today: CalendarDate): boolean {
  return w.status === 'open' && (w.windowEnd === null || compareDates(w.windowEnd, today) >= 0);
}

/** Where a task stands today. */
export function followUpUrgency(dueDate: CalendarDate, today: CalendarDate): 'overdue' | 'this_week' | 'later' {
  if (compareDates(dueDate, today) < 0) return 'overdue';
  return compareDates(dueDate, isoWeekOf(today).sunday) <= 0 ? 'this_week' : 'later';
}
