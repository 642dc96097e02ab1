import { InvalidValueError } from '../shared/domain-error';

/**
 * Mainland mobile number, domain.md §7.2: accepts +86/86 prefixes, spaces and
 * dashes; returns the 11 digits matching ^1[3-9]\d{9}$.
 */
export function normalizeMobile(raw: string, field = 'phone'): string {
  let digits = String(raw ?? '').normalize('NFKC').replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (!/^1[3-9]\d{9}$/.test(digits)) {
    throw new InvalidValueError(field, 'phone_format', 'phone must be a mainland mobile number (11 digits starting 13-19)');
  }
  return digits;
}

/**
 * A public service number (a team's or a desk's): a mainland mobile, or a
 * landline with its area code and an optional extension (domain.md §7.2),
 * returned as `0571-88881234` or `0571-88881234-123`. Area codes are 010 and
 * 02x, or four digits from 03xx up, so one written without a separator still
 * splits right.
 */
export function normalizeServicePhone(raw: string, field = 'servicePhone'): string {
  const text = String(raw ?? '').normalize('NFKC').trim();
  const landline = /^\(?(0[12]\d|0[3-9]\d{2})\)?[\s-]?(\d{7,8})(?:[\s-]?(?:转|ext\.?|-)\s?(\d{1,6}))?$/i.exec(text);
  if (landline) return [landline[1], landline[2], ...(landline[3] ? [landline[3]] : [])].join('-');
  try {
    return normalizeMobile(text, field);
  } catch {
    throw new InvalidValueError(field, 'service_phone_format', 'a mobile number or a landline with its area code, e.g. 0571-88881234');
  }
}

/**
 * Look-alikes of the middle dot people type in transliterated names
 * (买买提·艾力): bullet, katakana middle dot, hyphenation point, full stop.
 */
const DOT_LOOKALIKES = /[•・‧∙．.]/g;
/** Letters of any script (rare CJK characters too, domain.md §7.2), combining marks, 〇, the middle dot, apostrophe, hyphen, space. */
const NAME_CHARS = /^[\p{L}\p{M}\p{Nl}·' -]+$/u;

/**
 * Names, domain.md §7.2: 1-30 characters; the middle dot of minority and
 * transliterated names allowed (look-alike dots become `·`); no digits,
 * symbols or control characters; inner white space collapsed.
 */
export function normalizePersonName(raw: string, field = 'name'): string {
  const name = String(raw ?? '')
    .normalize('NFC')
    .replace(/\u3000/g, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(DOT_LOOKALIKES, '·')
    .replace(/ ?· ?/g, '·');
  const length = Array.from(name).length;
  if (length < 1 || length > 30 || !NAME_CHARS.test(name) || /^[·' -]|[·' -]$|··/.test(name)) {
    throw new InvalidValueError(field, 'name_format', 'name must be 1-30 characters without digits or symbols');
  }
  return name;
}
