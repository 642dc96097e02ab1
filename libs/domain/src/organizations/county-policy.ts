import { InvalidValueError } from '../shared/domain-error';
import { INSTITUTION_LEVELS, InstitutionLevel } from './institution-level';

/**
 * Per-county settings with the defaults of domain.md §8. Every number that
 * domain.md tags [D] is a setting here, not a constant in a rule.
 */
export interface CountyPolicy {
  contract: {
    termMonths: number;
    /** Days before endDate at which an active contract is flagged as expiring. */
    expiringWithinDays: number;
    renewalGraceDays: number;
    maxActivePerGp: number;
    /** How far back a team may date a signing (a paper form entered later) [D]. */
    maxBackdateDays: number;
    /** How far ahead a new contract may start (team signing or resident application); renewals follow their predecessor [D]. */
    maxStartAheadDays: number;
  };
  sickbed: {
    maxCycleDays: number;
    endWarningDays: number;
    firstRoundHours: number;
    doctorRoundIntervalDays: number;
    nurseVisitIntervalDays: number;
  };
  referral: {
    /** Hours to accept or reject, by priority (emergent: the green channel, a quarter hour by default). */
    replyHours: { routine: number; urgent: number; emergent: number };
    noShowDays: number;
    downFollowUpDays: number;
  };
  insurance: {
    chainWindowDays: number;
    /**
     * How long ago a recorded admission at the sending institution may have
     * started and still be the stay an up-referral leaves (§5.5 chain) [D].
     */
    linkedStayMaxDays: number;
    /** Standard inpatient deductible (yuan) per institution level, for every scheme; admin-entered, no built-in amounts. */
    deductibleByLevel: Partial<Record<InstitutionLevel, number>>;
    /**
     * The deductible of a level under one insurance scheme (职工医保 employee, 居民医保 resident), where it differs from
     * `deductibleByLevel` (domain.md §5.5 "D(k) of the institution level and insurance scheme").
     */
    deductibleByScheme: Partial<Record<DeductibleScheme, Partial<Record<InstitutionLevel, number>>>>;
  };
  audit: {
    /**
     * Whole months every audit event is kept in the database after its month ends, before the worker may
     * archive it (domain.md §7.5). A minimum: one partition holds every county's events of a month, so a month
     * leaves only when it is older than the longest retention of any county. At least 6 (网络安全法 Art. 21).
     */
    retentionMonths: number;
  };
}

export const DEFAULT_COUNTY_POLICY: CountyPolicy = {
  contract: { termMonths: 12, expiringWithinDays: 30, renewalGraceDays: 30, maxActivePerGp: 2000, maxBackdateDays: 30, maxStartAheadDays: 30 },
  sickbed: { maxCycleDays: 90, endWarningDays: 7, firstRoundHours: 48, doctorRoundIntervalDays: 7, nurseVisitIntervalDays: 7 },
  referral: { replyHours: { routine: 24, urgent: 4, emergent: 0.25 }, noShowDays: 7, downFollowUpDays: 14 },
  insurance: { chainWindowDays: 3, linkedStayMaxDays: 90, deductibleByLevel: {}, deductibleByScheme: {} },
  audit: { retentionMonths: 36 },
};

const LIMITS: Record<string, [number, number]> = {
  'contract.termMonths': [1, 60],
  'contract.expiringWithinDays': [1, 365],
  'contract.renewalGraceDays': [0, 365],
  'contract.maxActivePerGp': [1, 100_000],
  'contract.maxBackdateDays': [0, 365],
  'contract.maxStartAheadDays': [0, 366],
  'sickbed.maxCycleDays': [1, 365],
  'sickbed.endWarningDays': [0, 60],
  'sickbed.firstRoundHours': [1, 240],
  'sickbed.doctorRoundIntervalDays': [1, 60],
  'sickbed.nurseVisitIntervalDays': [1, 60],
  'referral.replyHours.routine': [0.25, 720],
  'referral.replyHours.urgent': [0.25, 720],
  // the green channel answers in minutes: 3 minutes to a day
  'referral.replyHours.emergent': [0.05, 24],
  'referral.noShowDays': [1, 90],
  'referral.downFollowUpDays': [1, 90],
  'insurance.chainWindowDays': [0, 90],
  'insurance.linkedStayMaxDays': [1, 366],
  'audit.retentionMonths': [6, 360],
};

const FRACTIONAL = new Set(['referral.replyHours.routine', 'referral.replyHours.urgent', 'referral.replyHours.emergent']);

/** The allowed range of every numeric setting, by path: what the OpenAPI schema of the policy documents. */
export const COUNTY_POLICY_LIMITS: Readonly<Record<string, readonly [number, number]>> = LIMITS;
/** The settings that may be fractions; every other number of the policy is whole. */
export const FRACTIONAL_POLICY_SETTINGS: ReadonlySet<string> = FRACTIONAL;

type Json = Record<string, unknown>;

/**
 * `stored` settings may name a setting a later release removed: those are
 * skipped, so reading a county never fails; a patch naming one is refused.
 */
function merge(base: Json, patch: Json, path: string, stored: boolean): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const field = path ? `${path}.${key}` : key;
    // Own keys only: `toString`, `__proto__` and friends are not settings.
    if (!Object.hasOwn(base, key)) {
      if (stored) continue;
      throw new InvalidValueError(`policy.${field}`, 'unknown_field', `unknown setting ${field}`);
    }
    const current = base[key];
    if (field === 'insurance.deductibleByLevel') {
      out[key] = { ...(current as Json), ...validateDeductibles(value, field) };
    } else if (field === 'insurance.deductibleByScheme') {
      out[key] = mergeSchemes(current as Json, value, field);
    } else if (current !== null && typeof current === 'object') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new InvalidValueError(`policy.${field}`, 'isObject', `${field} must be an object`);
      }
      out[key] = merge(current as Json, value as Json, field, stored);
    } else {
      const [min, max] = LIMITS[field] ?? [0, Number.MAX_SAFE_INTEGER];
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
        throw new InvalidValueError(`policy.${field}`, 'out_of_range', `${field} must be a number from ${min} to ${max}`, { min, max });
      }
      // Days, months and counts are whole numbers; only reply times may be fractions of an hour (15 min = 0.25).
      if (!FRACTIONAL.has(field) && !Number.isInteger(value)) {
        throw new InvalidValueError(`policy.${field}`, 'not_integer', `${field} must be a whole number`);
      }
      out[key] = value;
    }
  }
  return out;
}

/** 0.07 * 100 is 7.000000000000001 in binary floating point: compare with a tolerance. */
function hasAtMostTwoDecimals(amount: number): boolean {
  return Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6;
}

function validateDeductibles(value: unknown, field: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidValueError(`policy.${field}`, 'isObject', `${field} must be an object of level -> yuan`);
  }
  for (const [level, amount] of Object.entries(value as Json)) {
    if (!(INSTITUTION_LEVELS as readonly string[]).includes(level)) throw new InvalidValueError(`policy.${field}.${level}`, 'unknown_field', `unknown level ${level}`);
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0 || amount > 1_000_000 || !hasAtMostTwoDecimals(amount)) {
      throw new InvalidValueError(`policy.${field}.${level}`, 'out_of_range', 'deductible must be 0 to 1,000,000 yuan with at most 2 decimals', {
        min: 0, max: 1_000_000,
      });
    }
  }
  return value as Json;
}

/** Schemes with a deductible table of their own; any other scheme (`other`) pays `deductibleByLevel`. */
export const DEDUCTIBLE_SCHEMES = ['employee', 'resident'] as const;
export type DeductibleScheme = (typeof DEDUCTIBLE_SCHEMES)[number];

function mergeSchemes(current: Json, value: unknown, field: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidValueError(`policy.${field}`, 'isObject', `${field} must be an object of scheme -> (level -> yuan)`);
  }
  const out: Json = { ...current };
  for (const [scheme, table] of Object.entries(value as Json)) {
    if (!(DEDUCTIBLE_SCHEMES as readonly string[]).includes(scheme)) {
      throw new InvalidValueError(`policy.${field}.${scheme}`, 'unknown_field', `unknown insurance scheme ${scheme}`);
    }
    out[scheme] = { ...((current[scheme] as Json | undefined) ?? {}), ...validateDeductibles(table, `${field}.${scheme}`) };
  }
  return out;
}

/**
 * How long the installation keeps its audit log: a month of every county
 * shares one partition, and each county's audit.retentionMonths is a minimum,
 * so the longest of them (the default without any county) decides.
 */
export function auditRetentionMonths(policies: CountyPolicy[]): number {
  return policies.length === 0 ? DEFAULT_COUNTY_POLICY.audit.retentionMonths : Math.max(...policies.map((p) => p.audit.retentionMonths));
}

/** The stored policy over the defaults, then a patch on top; throws InvalidValueError naming the bad setting. */
export function resolveCountyPolicy(stored: unknown, patch?: unknown): CountyPolicy {
  let policy = merge(DEFAULT_COUNTY_POLICY as unknown as Json, (stored ?? {}) as Json, '', true) as unknown as CountyPolicy;
  if (patch !== undefined) {
    if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
      throw new InvalidValueError('policy', 'isObject', 'policy must be an object');
    }
    policy = merge(policy as unknown as Json, patch as Json, '', false) as unknown as CountyPolicy;
  }
  return policy;
}
