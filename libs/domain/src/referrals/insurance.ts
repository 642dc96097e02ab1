import { InvalidValueError } from '../shared/domain-error';

/** 职工基本医疗保险, 城乡居民基本医疗保险, anything else (commercial, self-pay, out-of-area schemes): domain.md §5.1 insuranceType. */
export const INSURANCE_TYPES = ['employee', 'resident', 'other'] as const;
export type InsuranceType = (typeof INSURANCE_TYPES)[number];

/** 医保编码 / 社保卡号: 6 to 32 letters and digits as printed (the national 医保电子凭证 code is 22 or 28). */
const INSURANCE_NO = /^[0-9A-Z]{6,32}$/;

/** Canonical insurance number (spaces removed, letters upper-case) or InvalidValueError on `field`. */
export function normalizeInsuranceNo(raw: string, field = 'insuranceNo'): string {
  const value = raw.replace(/\s+/g, '').toUpperCase();
  if (!INSURANCE_NO.test(value)) throw new InvalidValueError(field, 'insurance_no_format', 'must be 6 to 32 letters and digits');
  return value;
}

/**
 * As shown everywhere (domain.md §7.3 masking): the last 4 characters, and
 * the first 2 (a region prefix) when 10 or more are hidden-able; every hidden
 * one a `*`, so a short number never shows in full.
 */
export function maskInsuranceNo(value: string): string {
  const head = value.length >= 10 ? 2 : 0;
  return value.slice(0, head) + '*'.repeat(value.length - head - 4) + value.slice(-4);
}
