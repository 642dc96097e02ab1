import { followUpDueRange, followUpUrgency, isoWeekOf, windowStillOpen } from './follow-up';

describe('follow-up due dates (ISO weeks, Monday to Sunday, county zone)', () => {
  it('finds the ISO week of a day, across a year end', () => {
    expect(isoWeekOf('2026-03-04')).toEqual({ monday: '2026-03-02', sunday: '2026-03-08' });
    expect(isoWeekOf('2026-03-08')).toEqual({ monday: '2026-03-02', sunday: '2026-03-08' });
    expect(isoWeekOf('2027-01-01')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
  });

  it('splits the worklist into overdue (before today) and this week (today to Sunday)', () => {
    expect(followUpDueRange('overdue', '2026-03-04')).toEqual({ from: null, before: '2026-03-04' });
    expect(followUpDueRange('this_week', '2026-03-04')).toEqual({ from: '2026-03-04', before: '2026-03-09' });
    expect(followUpDueRange(undefined, '2026-03-04')).toEqual({ from: null, before: '2026-03-09' });
  });

  it('upcoming is the four weeks after this one, so a GP can plan; an explicit range replaces the named ones', () => {
    expect(followUpDueRange('upcoming', '2026-03-04')).toEqual({ from: '2026-03-09', before: '2026-04-06' });
    expect(followUpDueRange(undefined, '2026-03-04', { from: '2026-04-01', to: '2026-04-30' })).toEqual({ from: '2026-04-01', before: '2026-05-01' });
    expect(followUpDueRange(undefined, '2026-03-04', { to: '2026-03-31' })).toEqual({ from: '2026-03-04', before: '2026-04-01' });
    expect(() => followUpDueRange('overdue', '2026-03-04', { from: '2026-04-01' })).toThrow(expect.objectContaining({ field: 'due', code: 'due_and_range' }));
    expect(() => followUpDueRange(undefined, '2026-03-04', { from: '2026-04-01', to: '2026-03-31' }))
      .toThrow(expect.objectContaining({ field: 'dueTo', code: 'due_range_invalid' }));
    expect(followUpDueRange(undefined, '2026-03-04', { from: '2026-01-01', to: '2027-01-01' }).before).toBe('2027-01-02');
    expect(() => followUpDueRange(undefined, '2026-03-04', { from: '2026-01-01', to: '2027-01-02' }))
      .toThrow(expect.objectContaining({ code: 'due_range_invalid' }));
  });

  it('a window that closed unmet is dead even before the worker marks it missed', () => {
    expect(windowStillOpen({ status: 'open', windowEnd: '2026-03-04' }, '2026-03-04')).toBe(true);
    expect(windowStillOpen({ status: 'open', windowEnd: '2026-03-03' }, '2026-03-04')).toBe(false);
    expect(windowStillOpen({ status: 'open', windowEnd: null }, '2026-03-04')).toBe(true);
    expect(windowStillOpen({ status: 'met', windowEnd: '2026-12-31' }, '2026-03-04')).toBe(false);
  });

  it('classifies one due date', () => {
    expect(followUpUrgency('2026-03-03', '2026-03-04')).toBe('overdue');
    expect(followUpUrgency('2026-03-08', '2026-03-04')).toBe('this_week');
    expect(followUpUrgency('2026-03-09', '2026-03-04')).toBe('later');
  });
});
