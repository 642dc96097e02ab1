import type { Language } from '../../i18n';

/** 2026-03-03 10:30 in the user's language and the device's zone. */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

/** A calendar date of the API (YYYY-MM-DD) as it stands: no zone shift. */
export function formatDate(date: string | null | undefined): string {
  return date ?? '';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The value of an <input type="datetime-local"> for an instant, in the device's zone. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An <input type="datetime-local"> value as an ISO 8601 instant with the device's offset (the API refuses one without). */
export function localInputToIso(value: string): string {
  const date = new Date(value);
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${value.length === 16 ? `${value}:00` : value}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Today as YYYY-MM-DD on this device. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
