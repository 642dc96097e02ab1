import { InvalidValueError } from '../shared/domain-error';
import { auditRetentionMonths, DEFAULT_COUNTY_POLICY, resolveCountyPolicy } from './county-policy';
import { INSTITUTION_LEVELS, isPrimaryCare, isValidParent, levelRank, mayHostReferralDesk } from './institution-level';
import { mayGrantRole, memberRoleFits } from './staff-roles';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidValueError);
    return { field: (e as InvalidValueError).field, code: (e as InvalidValueError).code };
  }
  return null;
};

describe('institution levels (domain.md §2.1)', () => {
  it('ranks the five levels lowest first', () => {
    expect(INSTITUTION_LEVELS.map(levelRank)).toEqual([1, 2, 3, 4, 5]);
    expect(isPrimaryCare('village_clinic') && isPrimaryCare('township_center')).toBe(true);
    expect(isPrimaryCare('county_hospital')).toBe(false);
  });

  it('a referral desk only at county hospitals and above (secondary+)', () => {
    expect(INSTITUTION_LEVELS.filter(mayHostReferralDesk)).toEqual(['county_hospital', 'city_hospital', 'provincial_hospital']);
  });

  it('partOf points up the tree: the parent has a higher level', () => {
    expect(isValidParent('village_clinic', 'township_center')).toBe(true);
    expect(isValidParent('township_center', 'county_hospital')).toBe(true);
    expect(isValidParent('township_center', 'township_center')).toBe(false);
    expect(isValidParent('county_hospital', 'village_clinic')).toBe(false);
  });
});

describe('county policy (domain.md §8 [D] settings)', () => {
  it('defaults apply without overrides; stored overrides win; a patch applies on top', () => {
    expect(resolveCountyPolicy(null)).toEqual(DEFAULT_COUNTY_POLICY);
    const stored = { sickbed: { ...DEFAULT_COUNTY_POLICY.sickbed, maxCycleDays: 60 } };
    const policy = resolveCountyPolicy(stored, { referral: { replyHours: { urgent: 2 } }, insurance: { deductibleByLevel: { county_hospital: 800.5 } } });
    expect(policy.sickbed.maxCycleDays).toBe(60);
    expect(policy.referral.replyHours).toEqual({ routine: 24, urgent: 2, emergent: 0.25 });
    expect(policy.insurance.deductibleByLevel).toEqual({ county_hospital: 800.5 });
  });

  it('the green channel answers within a quarter hour by default, settable from 3 minutes to a day', () => {
    expect(DEFAULT_COUNTY_POLICY.referral.replyHours.emergent).toBe(0.25);
    expect(resolveCountyPolicy({}, { referral: { replyHours: { emergent: 0.05 } } }).referral.replyHours.emergent).toBe(0.05);
    expect(failure(() => resolveCountyPolicy({}, { referral: { replyHours: { emergent: 0.01 } } }))).toEqual({ field: 'policy.referral.replyHours.emergent', code: 'out_of_range' });
    expect(failure(() => resolveCountyPolicy({}, { referral: { replyHours: { emergent: 25 } } }))).toEqual({ field: 'policy.referral.replyHours.emergent', code: 'out_of_range' });
    // a policy stored before the green channel had its own limit reads with the default
    expect(resolveCountyPolicy({ referral: { replyHours: { routine: 12, urgent: 2 } } }).referral.replyHours).toEqual({ routine: 12, urgent: 2, emergent: 0.25 });
  });

  it('deductibles by insurance scheme: per scheme and level, merged like the level table, unknown schemes and levels refused', () => {
    const stored = { insurance: { deductibleByScheme: { employee: { county_hospital: 600 } } } };
    const policy = resolveCountyPolicy(stored, { insurance: { deductibleByScheme: { employee: { township_center: 200 }, resident: { county_hospital: 900 } } } });
    expect(policy.insurance.deductibleByScheme).toEqual({ employee: { county_hospital: 600, township_center: 200 }, resident: { county_hospital: 900 } });
    expect(failure(() => resolveCountyPolicy({}, { insurance: { deductibleByScheme: { commercial: {} } } })))
      .toEqual({ field: 'policy.insurance.deductibleByScheme.commercial', code: 'unknown_field' });
    expect(failure(() => resolveCountyPolicy({}, { insurance: { deductibleByScheme: { employee: { moon_base: 1 } } } })))
      .toEqual({ field: 'policy.insurance.deductibleByScheme.employee.moon_base', code: 'unknown_field' });
    expect(failure(() => resolveCountyPolicy({}, { insurance: { deductibleByScheme: { employee: { county_hospital: -1 } } } })))
      .toEqual({ field: 'policy.insurance.deductibleByScheme.employee.county_hospital', code: 'out_of_range' });
    expect(failure(() => resolveCountyPolicy({}, { insurance: { deductibleByScheme: { employee: 5 } } })))
      .toEqual({ field: 'policy.insurance.deductibleByScheme.employee', code: 'isObject' });
    expect(failure(() => resolveCountyPolicy({}, { insurance: { deductibleByScheme: [] } })))
      .toEqual({ field: 'policy.insurance.deductibleByScheme', code: 'isObject' });
  });

  it('names the bad setting: out of range, wrong type, unknown, not a whole number', () => {
    expect(failure(() => resolveCountyPolicy({}, { sickbed: { maxCycleDays: 0 } }))).toEqual({ field: 'policy.sickbed.maxCycleDays', code: 'out_of_range' });
    expect(failure(() => resolveCountyPolicy({}, { sickbed: { maxCycleDays: 366 } }))).toEqual({ field: 'policy.sickbed.maxCycleDays', code: 'out_of_range' });
    expect(failure(() => resolveCountyPolicy({}, { sickbed: { maxCycleDays: '60' } }))).toEqual({ field: 'policy.sickbed.maxCycleDays', code: 'out_of_range' });
    expect(failure(() => resolveCountyPolicy({}, { sickbed: { maxCycleDays: 60.5 } }))).toEqual({ field: 'policy.sickbed.maxCycleDays', code: 'not_integer' });
    expect(failure(() => resolveCountyPolicy({}, { sickbed: 5 }))).toEqual({ field: 'policy.sickbed', code: 'isObject' });
    expect(failure(() => resolveCountyPolicy({}, { sickbed: { beds: 3 } }))).toEqual({ field: 'policy.sickbed.beds', code: 'unknown_field' });
    expect(failure(() => resolveCountyPolicy({}, []))).toEqual({ field: 'policy', code: 'isObject' });
  });

  it('reply times may be fractions of an hour (15 minutes = 0.25)', () => {
    expect(resolveCountyPolicy({}, { referral: { replyHours: { urgent: 0.25 } } }).referral.replyHours.urgent).toBe(0.25);
    expect(failure(() => resolveCountyPolicy({}, { referral: { replyHours: { urgent: 0.1 } } }))).toEqual({ field: 'policy.referral.replyHours.urgent', code: 'out_of_range' });
  });

  it('deductibles: known levels, 0 to 1,000,000 yuan, at most 2 decimals (0.07 is fine despite binary floating point)', () => {
    expect(resolveCountyPolicy({}, { insurance: { deductibleByLevel: { township_center: 0.07 } } }).insurance.deductibleByLevel.township_center).toBe(0.07);
    expect(failure(() => resolveCountyPolicy({}, { insurance: { deductibleByLevel: { township_center: 1.005 } } })))
      .toEqual({ field: 'policy.insurance.deductibleByLevel.township_center', code: 'out_of_range' });
    expect(failure(() => resolveCountyPolicy({}, { insurance: { deductibleByLevel: { clinic: 1 } } })))
      .toEqual({ field: 'policy.insurance.deductibleByLevel.clinic', code: 'unknown_field' });
  });

  it('only the settings themselves are keys: prototype names are refused', () => {
    expect(failure(() => resolveCountyPolicy({}, { toString: 5 }))).toEqual({ field: 'policy.toString', code: 'unknown_field' });
    expect(failure(() => resolveCountyPolicy({}, JSON.parse('{"__proto__": {"x": 1}}')))).toEqual({ field: 'policy.__proto__', code: 'unknown_field' });
    expect(failure(() => resolveCountyPolicy({}, { sickbed: { constructor: 1 } }))).toEqual({ field: 'policy.sickbed.constructor', code: 'unknown_field' });
  });

  it('a stored setting a later release dropped is skipped, so reading a county never fails', () => {
    expect(resolveCountyPolicy({ sickbed: { retiredSetting: 3 } })).toEqual(DEFAULT_COUNTY_POLICY);
  });

  it('audit retention: 36 months by default, at least 6 (网络安全法 Art. 21), whole months; the longest county decides (domain.md §7.5)', () => {
    expect(DEFAULT_COUNTY_POLICY.audit.retentionMonths).toBe(36);
    expect(resolveCountyPolicy({}, { audit: { retentionMonths: 6 } }).audit.retentionMonths).toBe(6);
    expect(failure(() => resolveCountyPolicy({}, { audit: { retentionMonths: 5 } }))).toEqual({ field: 'policy.audit.retentionMonths', code: 'out_of_range' });
    expect(failure(() => resolveCountyPolicy({}, { audit: { retentionMonths: 12.5 } }))).toEqual({ field: 'policy.audit.retentionMonths', code: 'not_integer' });
    const county = (retentionMonths: number) => resolveCountyPolicy({ audit: { retentionMonths } });
    expect(auditRetentionMonths([county(6), county(24), county(12)])).toBe(24);
    expect(auditRetentionMonths([county(6)])).toBe(6);
    expect(auditRetentionMonths([])).toBe(36);
  });
});

describe('who may create which staff account (least privilege, domain.md §7.7)', () => {
  it('county admins staff the county with any staff role; institution admins only clinicians and the desk', () => {
    for (const role of ['county_admin', 'institution_admin', 'gp', 'nurse', 'referral_desk'] as const) {
      expect(mayGrantRole('county_admin', role)).toBe(true);
      expect(mayGrantRole('system_admin', role)).toBe(true);
    }
    expect(['gp', 'nurse', 'referral_desk'].every((r) => mayGrantRole('institution_admin', r as 'gp'))).toBe(true);
    expect(mayGrantRole('institution_admin', 'institution_admin')).toBe(false);
    expect(mayGrantRole('institution_admin', 'county_admin')).toBe(false);
    expect(mayGrantRole('county_admin', 'system_admin')).toBe(false);
    expect(mayGrantRole('gp', 'nurse')).toBe(false);
  });

  it('a team role fits the account: a nurse account is not the team GP', () => {
    expect(memberRoleFits('gp', 'gp_lead')).toBe(true);
    expect(memberRoleFits('nurse', 'nurse')).toBe(true);
    expect(memberRoleFits('nurse', 'gp_lead')).toBe(false);
    expect(memberRoleFits('gp', 'nurse')).toBe(false);
    expect(memberRoleFits('referral_desk', 'gp')).toBe(false);
  });
});
