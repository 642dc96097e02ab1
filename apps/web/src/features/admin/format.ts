import type { Language } from '../../i18n';

/** A proportion 0..1 as a percentage with at most 2 decimals (0.4583 → 45.83%). */
export function percent(rate: number, language: Language): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 2 }).format(rate);
}

export function number(value: number, language: Language, decimals = 2): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: decimals }).format(value);
}

/** An instant as the county sees it (Asia/Shanghai, the default TZ_COUNTY). */
export function dateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(iso));
}

/** Today as a county calendar date (YYYY-MM-DD). */
export function todayInCounty(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** The start of a county calendar day as an ISO instant with the county offset (for the audit log's from/to). */
export function startOfCountyDay(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/** The day after a calendar date (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A temporary password that meets the rules (8–128 characters, three of upper, lower, digits, symbols): 14
 * characters from all four classes, from the browser's cryptographic random source.
 */
export function temporaryPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%*+=?@'];
  const random = (n: number) => crypto.getRandomValues(new Uint32Array(1))[0] % n;
  const chars = sets.map((s) => s[random(s.length)]);
  const all = sets.join('');
  while (chars.length < 14) chars.push(all[random(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
