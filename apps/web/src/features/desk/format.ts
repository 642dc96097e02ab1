import type { Language } from '../../i18n';

/**
 * Formatting shared by the desk and resident screens. Instants from the API are shown in the device's zone (the
 * county's, for the people using these screens); calendar dates (YYYY-MM-DD) are shown as the API gives them.
 */

const LOCALE: Record<Language, string> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[language], { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

export function formatDate(date: string | null | undefined): string {
  return date ? date.slice(0, 10) : '—';
}

export function formatYuan(amount: number | null | undefined, language: Language): string {
  if (amount == null) return '—';
  const n = new Intl.NumberFormat(LOCALE[language], { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  return language === 'en' ? `¥${n}` : `${n} 元`;
}

/** "2 小时 15 分" / "2 h 15 min" for a duration in milliseconds (sign ignored; days shown past 48 h). */
export function formatDuration(ms: number, language: Language): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const zh = language === 'zh-CN';
  if (minutes >= 2880) return zh ? `${days} 天 ${hours} 小时` : `${days} d ${hours} h`;
  const totalHours = Math.floor(minutes / 60);
  if (totalHours > 0) return zh ? `${totalHours} 小时 ${mins} 分` : `${totalHours} h ${mins} min`;
  return zh ? `${mins} 分钟` : `${mins} min`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The value of a `datetime-local` input (`2026-03-02T09:00`) as an ISO instant with the device's offset, as the API requires. */
export function localToOffsetIso(local: string): string {
  const d = new Date(local);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as the value of a `datetime-local` input, in the device's zone. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today as YYYY-MM-DD in the device's zone. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
