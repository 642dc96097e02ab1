import { CalendarDate, compareDates, isCalendarDate } from '../shared/calendar-date';
import { InvalidValueError } from '../shared/domain-error';

/** 居民身份证号 (GB 11643-1999), see domain.md §7.1. */
export interface ResidentIdentity {
  /** 18 characters, check character upper-case. */
  idNumber: string;
  birthDate: CalendarDate;
  sex: 'male' | 'female';
  /** 6-digit administrative code of first registration. */
  regionCode: string;
  /** True when the input was a legacy 15-digit number upgraded to 18. */
  upgradedFromLegacy: boolean;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** Mainland provinces, plus 71/81/82/83 (Taiwan, Hong Kong, Macao residence permits). */
const PROVINCE_PREFIXES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);

const FIELD = 'idNumber';

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Validates and normalises an ID number, in the order domain.md §7.1 gives:
 * length and charset, province prefix, birth date, check character. A legacy
 * 15-digit number is upgraded (insert "19", compute the check character).
 * `today` bounds the birth date. A lower-case x is accepted and stored upper-case.
 */
export function parseIdNumber(raw: string, today: CalendarDate): ResidentIdentity {
  // Full-width digits and X (common in spreadsheets) become ASCII; spaces between digit groups go.
  const input = String(raw ?? '').normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  let idNumber: string;
  let upgradedFromLegacy = false;
  if (/^\d{15}$/.test(input)) {
    const first17 = input.slice(0, 6) + '19' + input.slice(6);
    idNumber = first17 + idCheckCharacter(first17);
    upgradedFromLegacy = true;
  } else if (/^\d{17}[\dX]$/.test(input)) {
    idNumber = input;
  } else {
    throw new InvalidValueError(FIELD, 'id_number_format', 'ID number must be 18 characters: 17 digits and a digit or X');
  }

  if (!PROVINCE_PREFIXES.has(Number(idNumber.slice(0, 2)))) {
    throw new InvalidValueError(FIELD, 'id_number_region', 'ID number does not start with a known province code');
  }

  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < '1900-01-01' || compareDates(birthDate, today) > 0) {
    throw new InvalidValueError(FIELD, 'id_number_birth_date', 'ID number holds an impossible birth date');
  }

  if (!upgradedFromLegacy && idCheckCharacter(idNumber) !== idNumber[17]) {
    throw new InvalidValueError(FIELD, 'id_number_check_digit', 'ID number check character is wrong');
  }

  return {
    idNumber,
    birthDate,
    sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: idNumber.slice(0, 6),
    upgradedFromLegacy,
  };
}

/** Age in whole years on `onDate`. */
export function ageOn(birthDate: CalendarDate, onDate: CalendarDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
