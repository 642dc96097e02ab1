import { followUpDueRange, followUpUrgency, isoWeekOf } from './follow-up';

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

  it('classifies one due date', () => {
    expect(followUpUrgency('2026-03-03', '2026-03-04')).toBe('overdue');
    expect(followUpUrgency('2026-03-08', '2026-03-04')).toBe('this_week');
    expect(followUpUrgency('2026-03-09', '2026-03-04')).toBe('later');
  });
});
