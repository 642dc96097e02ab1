import { InvalidValueError } from '../shared/domain-error';

/**
 * Mainland mobile number, domain.md §7.2: accepts +86/86 prefixes, spaces and
 * dashes; returns the 11 digits matching ^1[3-9]\d{9}$.
 */
export function normalizeMobile(raw: string, field = 'phone'): string {
  let digits = String(raw ?? '').replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (!/^1[3-9]\d{9}$/.test(digits)) {
    throw new InvalidValueError(field, 'phone_format', 'phone must be a mainland mobile number (11 digits starting 13-19)');
  }
  return digits;
}

/** Names: 1-30 characters; the middle dot of minority names allowed; no digits or control characters. */
export function normalizePersonName(raw: string, field = 'name'): string {
  const name = String(raw ?? '').trim().replace(/[•・]/g, '·');
  const length = Array.from(name).length;
  if (length < 1 || length > 30 || /[\d\p{Cc}<>{}\[\]\\/]/u.test(name)) {
    throw new InvalidValueError(field, 'name_format', 'name must be 1-30 characters without digits or symbols');
  }
  return name;
}
