import { InvalidValueError } from '../shared/domain-error';
import { yuanToFen } from '../referrals/continuous-deductible';
import { DERIVED_TAGS, isRecordedTag, PopulationTag } from '../residents/population-tags';

/** §3.1 ServicePackage.kind: 基础包 and 个性化包. */
export const PACKAGE_KINDS = ['basic', 'personalized'] as const;
export type PackageKind = (typeof PACKAGE_KINDS)[number];

/** §3.1 PackageItem.modality. */
export const SERVICE_MODALITIES = ['face_to_face', 'home', 'phone', 'online', 'any'] as const;
export type ServiceModality = (typeof SERVICE_MODALITIES)[number];
/** What a delivered service can be; `any` is only a requirement. */
export const DELIVERY_MODALITIES = ['face_to_face', 'home', 'phone', 'online'] as const;
export type DeliveryModality = (typeof DELIVERY_MODALITIES)[number];

/** Measurements a service record may carry, and that an item may require (§3.5 rule 3). */
export const PAYLOAD_FIELDS = ['sbp', 'dbp', 'fastingGlucose', 'heartRate', 'weightKg'] as const;
export type PayloadField = (typeof PAYLOAD_FIELDS)[number];
export type ServicePayload = Partial<Record<PayloadField, number>>;

export interface PackageItemSpec {
  code: string;
  name: string;
  timesPerYear: number;
  modality: ServiceModality;
  requiredData?: PayloadField[];
}

export function isPopulationTag(tag: string): tag is PopulationTag {
  return isRecordedTag(tag) || (DERIVED_TAGS as readonly string[]).includes(tag);
}

/** A package lists each item code once, each promised 1 to 365 times a contract year. */
export function assertPackageItems(items: PackageItemSpec[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.code)) throw new InvalidValueError(`items.${i}.code`, 'item_code_repeated', 'an item code appears twice');
    seen.add(item.code);
    if (!Number.isInteger(item.timesPerYear) || item.timesPerYear < 1 || item.timesPerYear > 365) {
      throw new InvalidValueError(`items.${i}.timesPerYear`, 'out_of_range', 'timesPerYear must be 1 to 365', { min: 1, max: 365 });
    }
  });
}

/**
 * Price and the resident's own share (§3.3 "Who pays"): either a share of
 * the price (0..1, rounded to the fen) or a fixed amount up to the price.
 */
export function packagePricing(input: { priceYuan: number; selfPayShare?: number; selfPayYuan?: number }): { priceFen: number; selfPayFen: number } {
  const priceFen = yuanToFen(input.priceYuan, 'priceYuan');
  if (input.selfPayShare !== undefined && input.selfPayYuan !== undefined) {
    throw new InvalidValueError('selfPayYuan', 'self_pay_twice', 'give selfPayShare or selfPayYuan, not both');
  }
  let selfPayFen = 0;
  if (input.selfPayShare !== undefined) {
    if (!(input.selfPayShare >= 0 && input.selfPayShare <= 1)) {
      throw new InvalidValueError('selfPayShare', 'out_of_range', 'selfPayShare must be from 0 to 1', { min: 0, max: 1 });
    }
    selfPayFen = Math.round(priceFen * input.selfPayShare);
  } else if (input.selfPayYuan !== undefined) {
    selfPayFen = yuanToFen(input.selfPayYuan, 'selfPayYuan');
    if (selfPayFen > priceFen) throw new InvalidValueError('selfPayYuan', 'self_pay_above_price', 'the self-paid part cannot exceed the price');
  }
  return { priceFen, selfPayFen };
}

/**
 * A personalized package is for its target groups (§3.1 适应人群); a basic
 * package, or one without targets, is for everyone.
 */
export function packageFitsResident(pkg: { kind: PackageKind; targetPopulations: string[] }, residentTags: readonly string[]): boolean {
  if (pkg.kind === 'basic' || pkg.targetPopulations.length === 0) return true;
  return pkg.targetPopulations.some((t) => residentTags.includes(t));
}

/** The code of an item two of the chosen packages both promise, if any: the promise would be ambiguous. */
export function overlappingItemCode(packages: Array<{ items: Array<{ code: string }> }>): string | null {
  const seen = new Set<string>();
  for (const pkg of packages) {
    for (const item of pkg.items) {
      if (seen.has(item.code)) return item.code;
      seen.add(item.code);
    }
  }
  return null;
}
