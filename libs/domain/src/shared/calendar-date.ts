import { InvalidValueError } from './domain-error';

/**
 * Calendar dates ('YYYY-MM-DD') in the county's zone. Contract terms, due
 * dates and bed days are calendar dates, not instants (design.md "Data").
 */
export type CalendarDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

export function parseCalendarDate(value: string, field = 'date'): CalendarDate {
  if (!isCalendarDate(value)) throw new InvalidValueError(field, 'invalid_date', `${field} must be a real date YYYY-MM-DD`);
  return value;
}

function toUtc(date: CalendarDate): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

function fromUtc(dt: Date): CalendarDate {
  return dt.toISOString().slice(0, 10);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const dt = toUtc(date);
  dt.setUTCDate(dt.getUTCDate() + days);
  return fromUtc(dt);
}

/**
 * Adds calendar months; a day that does not exist in the target month falls
 * back to the month's last day (2024-02-29 + 12 months = 2025-02-28).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number);
  const firstOfTarget = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0)).getUTCDate();
  firstOfTarget.setUTCDate(Math.min(d, lastDay));
  return fromUtc(firstOfTarget);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/**
 * Building an Intl.DateTimeFormat costs far more than using one (it was a
 * third of the API's CPU under load, bench/results.md), so each zone's
 * formatters are made once. An unknown zone still throws on every call.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'date' | 'wall', timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = kind === 'date'
      ? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      : new Intl.DateTimeFormat('en-US', {
        timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Since 1990 every zone's UTC offset changes only on a quarter hour of UTC
 * (offsets are whole quarter hours and so are the instants they change), so
 * one offset per zone and quarter hour answers every instant in it. Dates and
 * local midnights then cost an addition instead of a formatToParts (which was
 * 5 % of the API's CPU under load on a round write, bench/results.md). The
 * memo is bounded: full, it starts over.
 */
const QUARTER_HOUR_MS = 900_000;
const QUARTERS_SINCE = Date.UTC(1990, 0, 1);
const OFFSETS_KEPT = 20_000;
const offsets = new Map<string, number>();

/** Milliseconds the zone's wall clock is ahead of UTC at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  if (ms < QUARTERS_SINCE) return zoneOffsetMs(new Date(ms), timeZone);
  const quarterStart = Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}|${quarterStart}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = zoneOffsetMs(new Date(quarterStart), timeZone);
    if (offsets.size >= OFFSETS_KEPT) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** The calendar date of an instant in a time zone, e.g. Asia/Shanghai. */
export function calendarDateIn(instant: Date, timeZone: string): CalendarDate {
  const ms = instant.getTime();
  if (ms < QUARTERS_SINCE || Number.isNaN(ms)) {
    const parts = formatter('date', timeZone).formatToParts(instant);
    const get = (type: string) => parts.find((p) => p.type === type)!.value;
    return `${get('year')}-${get('month')}-${get('day')}`;
  }
  return fromUtc(new Date(ms + offsetAt(ms, timeZone)));
}

/** `YYYY-MM-DD HH:mm` on the wall clock of a time zone: an instant as the people of the county read it in a message. */
export function localDateTimeIn(instant: Date, timeZone: string): string {
  const parts = formatter('wall', timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** Milliseconds the zone's wall clock is ahead of UTC at `instant`. */
function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = formatter('wall', timeZone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a calendar date starts in a time zone (local midnight). */
export function startOfDayIn(date: CalendarDate, timeZone: string): Date {
  const wall = toUtc(date).getTime();
  const first = wall - offsetAt(wall, timeZone);
  return new Date(wall - offsetAt(first, timeZone));
}

/** Monday of the ISO week that contains `date`. */
export function startOfIsoWeek(date: CalendarDate): CalendarDate {
  const dow = toUtc(date).getUTCDay(); // 0 = Sunday
  return addDays(date, dow === 0 ? -6 : 1 - dow);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
