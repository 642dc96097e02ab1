import { addDays, CalendarDate, compareDates } from '../shared/calendar-date';
import { ReferralUrgency } from './referral-state';

/** `referral.replyHours` of the county policy (domain.md §5.3, §8). */
export type ReplyHours = Record<ReferralUrgency, number>;

/** The instant by which the receiving side must accept, reject or return a submitted referral. */
export function replyDeadline(submittedAt: Date, urgency: ReferralUrgency, replyHours: ReplyHours): Date {
  return new Date(submittedAt.getTime() + Math.round(replyHours[urgency] * 3_600_000));
}

/**
 * on_time / due_soon / breached while the clock runs; once the referral has
 * been answered the clock stops and the state is met or breached for good.
 */
export type SlaState = 'on_time' | 'due_soon' | 'breached' | 'met';

/** The last quarter of the reply window counts as "due soon" (routine 24 h: the last 6 h; urgent 4 h: the last hour). */
const DUE_SOON_SHARE = 0.25;

export function slaState(input: { submittedAt: Date; deadline: Date; repliedAt: Date | null; now: Date }): SlaState {
  const { submittedAt, deadline, repliedAt, now } = input;
  if (repliedAt) return repliedAt.getTime() <= deadline.getTime() ? 'met' : 'breached';
  const left = deadline.getTime() - now.getTime();
  if (left < 0) return 'breached';
  return left <= (deadline.getTime() - submittedAt.getTime()) * DUE_SOON_SHARE ? 'due_soon' : 'on_time';
}

/**
 * The last day a scheduled patient may still arrive: the appointment date plus
 * `referral.noShowDays` (domain.md §5.2 "date + noShowDays passed").
 */
export function arriveBy(appointmentDate: CalendarDate, noShowDays: number): CalendarDate {
  return addDays(appointmentDate, noShowDays);
}

/** A scheduled referral expires once `arriveBy` is in the past. */
export function isNoShow(arriveByDate: CalendarDate, today: CalendarDate): boolean {
  return compareDates(today, arriveByDate) > 0;
}
