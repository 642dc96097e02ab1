import { arriveBy, isNoShow, replyDeadline, slaState } from './referral-sla';

const HOURS = { routine: 24, urgent: 4, emergent: 0.25 };
const at = (iso: string) => new Date(iso);

describe('reply deadline and SLA state (domain.md §5.3, referral.replyHours)', () => {
  const submitted = at('2026-03-01T08:00:00+08:00');

  it('adds the reply hours of the urgency to the submission instant', () => {
    expect(replyDeadline(submitted, 'routine', HOURS).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(replyDeadline(submitted, 'urgent', HOURS).toISOString()).toBe('2026-03-01T04:00:00.000Z');
    // the green channel: a quarter hour by default
    expect(replyDeadline(submitted, 'emergent', HOURS).toISOString()).toBe('2026-03-01T00:15:00.000Z');
    expect(replyDeadline(submitted, 'emergent', { ...HOURS, emergent: 0.05 }).toISOString()).toBe('2026-03-01T00:03:00.000Z');
  });

  it('is on_time, then due_soon in the last quarter of the window, then breached', () => {
    const deadline = replyDeadline(submitted, 'urgent', HOURS); // 4 h window, due soon in the last hour
    const state = (now: string) => slaState({ submittedAt: submitted, deadline, repliedAt: null, now: at(now) });
    expect(state('2026-03-01T10:59:00+08:00')).toBe('on_time');
    expect(state('2026-03-01T11:00:00+08:00')).toBe('due_soon');
    expect(state('2026-03-01T12:00:00+08:00')).toBe('due_soon');
    expect(state('2026-03-01T12:00:01+08:00')).toBe('breached');
  });

  it('stops the clock at the reply: met or breached for good', () => {
    const deadline = replyDeadline(submitted, 'routine', HOURS);
    const later = at('2026-03-09T00:00:00+08:00');
    expect(slaState({ submittedAt: submitted, deadline, repliedAt: at('2026-03-02T07:59:00+08:00'), now: later })).toBe('met');
    expect(slaState({ submittedAt: submitted, deadline, repliedAt: at('2026-03-02T08:00:01+08:00'), now: later })).toBe('breached');
  });
});

describe('no-show expiry (domain.md §5.2, referral.noShowDays)', () => {
  it('gives the patient the appointment day plus noShowDays to arrive', () => {
    expect(arriveBy('2026-03-01', 7)).toBe('2026-03-08');
    expect(arriveBy('2026-02-25', 7)).toBe('2026-03-04');
  });

  it('expires only once that last day has passed', () => {
    expect(isNoShow('2026-03-08', '2026-03-08')).toBe(false);
    expect(isNoShow('2026-03-08', '2026-03-09')).toBe(true);
    expect(isNoShow('2026-03-08', '2026-03-01')).toBe(false);
  });
});
