import {
  addDays, addMonths, calendarDateIn, daysBetween, isCalendarDate, localDateTimeIn, parseCalendarDate, startOfDayIn, startOfIsoWeek,
} from './calendar-date';
import { InvalidValueError } from './domain-error';

describe('calendar dates in the county zone (design.md "Data": dates are county-zone calendar dates)', () => {
  it('accepts only real dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('2024-1-01')).toBe(false);
    expect(() => parseCalendarDate('2023-02-30', 'startDate')).toThrow(InvalidValueError);
  });

  it('adds days and months across month and leap-year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(daysBetween('2026-01-01', '2026-03-01')).toBe(59);
  });

  it('reads the calendar day of an instant in Asia/Shanghai (UTC+8)', () => {
    expect(calendarDateIn(new Date('2026-03-01T15:59:59Z'), 'Asia/Shanghai')).toBe('2026-03-01');
    expect(calendarDateIn(new Date('2026-03-01T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-02');
  });

  it('answers as a fresh formatter does for every instant, the quarter-hour reuse included', () => {
    // odd offsets (+5:45), half-hour daylight saving (Lord Howe), a zone west of UTC, and zones asked in turn
    const zones = ['Asia/Shanghai', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns'];
    const fresh = (instant: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);
    let compared = 0;
    // across a DST change in both hemispheres, in 7-minute steps so instants land on every part of a quarter hour
    for (const start of [Date.UTC(2026, 3, 4, 0), Date.UTC(2026, 10, 1, 0)]) {
      for (let ms = start; ms < start + 3 * 86_400_000; ms += 7 * 60_000) {
        for (const zone of zones) {
          expect(calendarDateIn(new Date(ms), zone)).toBe(fresh(new Date(ms), zone));
          compared++;
        }
      }
    }
    expect(compared).toBe(2 * 4 * Math.ceil((3 * 86_400_000) / (7 * 60_000)));
    // before 1990 nothing is reused: Shanghai's local mean time was UTC+8:05:43
    expect(calendarDateIn(new Date('1900-01-01T15:54:00Z'), 'Asia/Shanghai')).toBe(fresh(new Date('1900-01-01T15:54:00Z'), 'Asia/Shanghai'));
    expect(calendarDateIn(new Date('1900-01-01T15:55:00Z'), 'Asia/Shanghai')).toBe(fresh(new Date('1900-01-01T15:55:00Z'), 'Asia/Shanghai'));
  });

  it('writes an instant as the wall clock of a zone reads it, to the minute (messages such as "locked until")', () => {
    expect(localDateTimeIn(new Date('2026-05-01T10:31:07.123Z'), 'Asia/Shanghai')).toBe('2026-05-01 18:31');
    expect(localDateTimeIn(new Date('2026-05-01T16:05:00Z'), 'Asia/Shanghai')).toBe('2026-05-02 00:05');
    expect(localDateTimeIn(new Date('2026-05-01T10:31:07Z'), 'UTC')).toBe('2026-05-01 10:31');
  });

  it('finds local midnight of a day', () => {
    expect(startOfDayIn('2026-03-02', 'Asia/Shanghai').toISOString()).toBe('2026-03-01T16:00:00.000Z');
    expect(startOfDayIn('2026-03-02', 'UTC').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    // a zone with daylight saving time: midnight after the spring-forward night
    expect(startOfDayIn('2026-03-09', 'America/New_York').toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('finds local midnight as a fresh formatter reads it, every day of a year in zones with odd offsets and DST', () => {
    const zones = ['Asia/Shanghai', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'America/Sao_Paulo'];
    const fresh = (instant: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(instant);
    let days = 0;
    for (const zone of zones) {
      for (let day = '2026-01-01'; day < '2027-01-01'; day = addDays(day, 1)) {
        const midnight = startOfDayIn(day, zone).getTime();
        // the day has begun at its midnight and had not one millisecond before
        expect(fresh(new Date(midnight), zone)).toBe(day);
        expect(fresh(new Date(midnight - 1), zone)).toBe(addDays(day, -1));
        days++;
      }
    }
    expect(days).toBe(5 * 365);
    expect(() => startOfDayIn('2026-03-02', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => calendarDateIn(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('starts ISO weeks on Monday', () => {
    expect(startOfIsoWeek('2026-11-24')).toBe('2026-11-23'); // Tuesday -> Monday
    expect(startOfIsoWeek('2026-11-29')).toBe('2026-11-23'); // Sunday belongs to the week before
    expect(startOfIsoWeek('2026-11-23')).toBe('2026-11-23');
  });
});
