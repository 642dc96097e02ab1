import { addDays, CalendarDate, compareDates, startOfIsoWeek } from '../shared/calendar-date';

/** Monday to Sunday of the ISO week holding `today` (county zone). */
export function isoWeekOf(today: CalendarDate): { monday: CalendarDate; sunday: CalendarDate } {
  const monday = startOfIsoWeek(today);
  return { monday, sunday: addDays(monday, 6) };
}

export type FollowUpDue = 'overdue' | 'this_week';

/**
 * The due-date range a worklist filter asks for: `overdue` is due before
 * today, `this_week` from today to Sunday, neither = everything due by
 * Sunday. The two never overlap, so a task is in exactly one of them.
 */
export function followUpDueRange(due: FollowUpDue | undefined, today: CalendarDate): { from: CalendarDate | null; before: CalendarDate } {
  const { sunday } = isoWeekOf(today);
  const afterSunday = addDays(sunday, 1);
  if (due === 'overdue') return { from: null, before: today };
  if (due === 'this_week') return { from: today, before: afterSunday };
  return { from: null, before: afterSunday };
}

/** Where a task stands today. */
export function followUpUrgency(dueDate: CalendarDate, today: CalendarDate): 'overdue' | 'this_week' | 'later' {
  if (compareDates(dueDate, today) < 0) return 'overdue';
  return compareDates(dueDate, isoWeekOf(today).sunday) <= 0 ? 'this_week' : 'later';
}
