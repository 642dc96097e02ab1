import { InvalidValueError } from '../shared/domain-error';
import { CalendarDate } from '../shared/calendar-date';
import { InstitutionLevel, isPrimaryCare, levelRank } from '../organizations/institution-level';
import { ReferralDirection } from './referral-state';

export interface ReferralEndpoint {
  id: string;
  countyId: string;
  level: InstitutionLevel;
  hasReferralDesk: boolean;
  active: boolean;
}

/**
 * Where a referral may go (domain.md §5.2 submit guard, §2.1 levels): UP to a
 * higher level that staffs a referral desk; DOWN to a lower level that is
 * primary care. Both ends belong to the referral's county (the county medical
 * community); out-of-county referrals are the insurance filing system's job.
 */
export function assertReferralRoute(direction: ReferralDirection, from: ReferralEndpoint, to: ReferralEndpoint, countyId: string): void {
  const field = 'toInstitutionId';
  if (!to.active || to.countyId !== countyId || from.countyId !== countyId) {
    throw new InvalidValueError(field, 'referral_target_outside_county', 'target institution must be an active institution of the resident\'s county');
  }
  if (to.id === from.id) throw new InvalidValueError(field, 'referral_target_is_source', 'a referral goes to another institution');
  if (direction === 'up') {
    if (levelRank(to.level) <= levelRank(from.level)) {
      throw new InvalidValueError(field, 'referral_up_level', 'an up-referral goes to a higher level than the source', { from: from.level, to: to.level });
    }
    if (!to.hasReferralDesk) throw new InvalidValueError(field, 'referral_target_no_desk', 'the target institution has no referral desk');
  } else {
    if (levelRank(to.level) >= levelRank(from.level)) {
      throw new InvalidValueError(field, 'referral_down_level', 'a down-referral goes to a lower level than the source', { from: from.level, to: to.level });
    }
    if (!isPrimaryCare(to.level)) throw new InvalidValueError(field, 'referral_down_not_primary', 'a down-referral goes back to primary care');
  }
}

/**
 * ICD-10 code as written on Chinese referral forms: the WHO category
 * (letter + 2 digits, any letter A–Z: chapter U holds WHO's special-purpose
 * codes such as U07.1) with an optional subdivision of 1–4 digits, where the
 * national clinical version (国家临床版) writes `x` as a placeholder and may
 * add an extension `x` + 3 digits: I10, E11.9, I10.x00, J18.900x001.
 */
const ICD10 = /^[A-Z][0-9]{2}(\.[0-9x]{1,4}(x[0-9]{3})?)?$/;

/** Canonical form (upper-case category letter, lower-case `x`), or InvalidValueError on `field`. */
export function normalizeIcd10(raw: string, field = 'code'): string {
  const trimmed = raw.trim();
  const code = trimmed.slice(0, 1).toUpperCase() + trimmed.slice(1).toLowerCase();
  if (!ICD10.test(code)) throw new InvalidValueError(field, 'icd10_format', 'must be an ICD-10 code such as I10 or I10.x00');
  return code;
}

export interface ReferralDiagnosis {
  code: string;
  name: string;
}

export const MAX_REFERRAL_DIAGNOSES = 10;
export const MAX_DIAGNOSIS_NAME = 100;

/** At least one diagnosis (§5.2 submit guard), codes valid and not repeated; the first is the primary one. */
export function normalizeDiagnoses(list: ReferralDiagnosis[], field = 'diagnoses'): ReferralDiagnosis[] {
  if (list.length === 0) throw new InvalidValueError(field, 'referral_diagnosis_required', 'at least one ICD-10 diagnosis is required');
  if (list.length > MAX_REFERRAL_DIAGNOSES) throw new InvalidValueError(field, 'arrayMaxSize', `at most ${MAX_REFERRAL_DIAGNOSES} diagnoses`);
  const seen = new Set<string>();
  return list.map((d, i) => {
    const code = normalizeIcd10(d.code, `${field}.${i}.code`);
    if (seen.has(code)) throw new InvalidValueError(`${field}.${i}.code`, 'diagnosis_repeated', 'the same code appears twice');
    seen.add(code);
    const name = d.name.trim();
    if (!name) throw new InvalidValueError(`${field}.${i}.name`, 'isNotEmpty', 'name is required');
    if (name.length > MAX_DIAGNOSIS_NAME) throw new InvalidValueError(`${field}.${i}.name`, 'maxLength', `at most ${MAX_DIAGNOSIS_NAME} characters`);
    return { code, name };
  });
}

/** Luhn check digit over a digit string. */
function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * 转诊单号, printed on the form and typed into the receiving HIS: county code
 * (6) + issue date (8) + 8 random digits + a Luhn check digit, 23 digits in
 * all. The check digit catches a mistyped digit at the receiving end; the
 * random part keeps numbers unguessable (the database makes them unique).
 */
export function buildReferralNo(countyCode: string, issuedOn: CalendarDate, serial: string): string {
  if (!/^\d{6}$/.test(countyCode) || !/^\d{8}$/.test(serial)) throw new Error('referralNo needs a 6-digit county code and 8 serial digits');
  const body = countyCode + issuedOn.replace(/-/g, '') + serial;
  return body + luhnDigit(body);
}

export function isValidReferralNo(value: string): boolean {
  return /^\d{23}$/.test(value) && luhnDigit(value.slice(0, 22)) === value[22];
}
