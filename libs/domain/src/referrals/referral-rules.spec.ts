import { InvalidValueError } from '../shared/domain-error';
import { assertReferralRoute, buildReferralNo, isValidReferralNo, normalizeDiagnoses, normalizeIcd10, ReferralEndpoint } from './referral-rules';

const inst = (id: string, level: ReferralEndpoint['level'], extra: Partial<ReferralEndpoint> = {}): ReferralEndpoint => ({
  id, countyId: 'c1', level, hasReferralDesk: false, active: true, ...extra,
});
const village = inst('v', 'village_clinic');
const township = inst('t', 'township_center');
const hospital = inst('h', 'county_hospital', { hasReferralDesk: true });
const cityNoDesk = inst('city', 'city_hospital');

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidValueError);
    expect((e as InvalidValueError).field).toBe('toInstitutionId');
    return (e as InvalidValueError).code;
  }
}

describe('referral route (domain.md §5.2 submit guard, §2.1 levels)', () => {
  it('UP goes to a higher level with a referral desk', () => {
    expect(codeOf(() => assertReferralRoute('up', township, hospital, 'c1'))).toBeUndefined();
    expect(codeOf(() => assertReferralRoute('up', village, hospital, 'c1'))).toBeUndefined();
    expect(codeOf(() => assertReferralRoute('up', hospital, township, 'c1'))).toBe('referral_up_level');
    expect(codeOf(() => assertReferralRoute('up', township, inst('t2', 'township_center'), 'c1'))).toBe('referral_up_level');
    expect(codeOf(() => assertReferralRoute('up', township, cityNoDesk, 'c1'))).toBe('referral_target_no_desk');
  });

  it('DOWN goes to a lower level that is primary care', () => {
    expect(codeOf(() => assertReferralRoute('down', hospital, township, 'c1'))).toBeUndefined();
    expect(codeOf(() => assertReferralRoute('down', hospital, village, 'c1'))).toBeUndefined();
    expect(codeOf(() => assertReferralRoute('down', township, hospital, 'c1'))).toBe('referral_down_level');
    expect(codeOf(() => assertReferralRoute('down', inst('p', 'provincial_hospital'), hospital, 'c1'))).toBe('referral_down_not_primary');
  });

  it('stays inside the county and never points at itself or a closed institution', () => {
    expect(codeOf(() => assertReferralRoute('up', township, { ...hospital, countyId: 'c2' }, 'c1'))).toBe('referral_target_outside_county');
    expect(codeOf(() => assertReferralRoute('up', township, { ...hospital, active: false }, 'c1'))).toBe('referral_target_outside_county');
    expect(codeOf(() => assertReferralRoute('up', township, hospital, 'c2'))).toBe('referral_target_outside_county');
    expect(codeOf(() => assertReferralRoute('up', hospital, hospital, 'c1'))).toBe('referral_target_is_source');
  });
});

describe('ICD-10 codes (domain.md §5.4)', () => {
  it.each([
    ['I10', 'I10'], ['E11.9', 'E11.9'], ['i10.X00', 'I10.x00'], [' J18.900x001 ', 'J18.900x001'], ['U07.1', 'U07.1'], ['S72.0000', 'S72.0000'],
  ])('accepts %p as %p', (raw, canonical) => {
    expect(normalizeIcd10(raw)).toBe(canonical);
  });

  it.each(['', 'I1', '110', 'I10.', 'I10.12345', 'I10-1', 'II0', 'I10.ab', 'I10.x00x1', '高血压'])('refuses %p', (raw) => {
    expect(() => normalizeIcd10(raw, 'diagnoses.0.code')).toThrow(expect.objectContaining({ field: 'diagnoses.0.code', code: 'icd10_format' }));
  });

  it('needs at least one diagnosis, no repeats, and keeps the first as primary', () => {
    expect(() => normalizeDiagnoses([])).toThrow(expect.objectContaining({ code: 'referral_diagnosis_required' }));
    expect(() => normalizeDiagnoses([{ code: 'I10', name: 'a' }, { code: 'i10', name: 'b' }])).toThrow(
      expect.objectContaining({ field: 'diagnoses.1.code', code: 'diagnosis_repeated' }),
    );
    expect(() => normalizeDiagnoses([{ code: 'I10', name: '  ' }])).toThrow(expect.objectContaining({ field: 'diagnoses.0.name' }));
    expect(() => normalizeDiagnoses([{ code: 'I10', name: '高'.repeat(101) }])).toThrow(expect.objectContaining({ field: 'diagnoses.0.name', code: 'maxLength' }));
    expect(normalizeDiagnoses([{ code: 'e11.9', name: ' 2型糖尿病 ' }, { code: 'I10', name: '高血压' }])).toEqual([
      { code: 'E11.9', name: '2型糖尿病' }, { code: 'I10', name: '高血压' },
    ]);
  });
});

describe('referral number (转诊单号)', () => {
  it('is county code + issue date + serial + a Luhn check digit', () => {
    const no = buildReferralNo('330781', '2026-03-01', '12345678');
    expect(no).toMatch(/^3307812026030112345678\d$/);
    expect(isValidReferralNo(no)).toBe(true);
  });

  it('catches a single mistyped digit and a swap of neighbours', () => {
    const no = buildReferralNo('330781', '2026-03-01', '00000017');
    const typo = no.slice(0, 20) + String((Number(no[20]) + 1) % 10) + no.slice(21);
    const swapped = no.slice(0, 14) + no[15] + no[14] + no.slice(16);
    expect(isValidReferralNo(typo)).toBe(false);
    if (no[14] !== no[15]) expect(isValidReferralNo(swapped)).toBe(false);
    expect(isValidReferralNo('123')).toBe(false);
  });

  it('refuses a malformed county code or serial', () => {
    expect(() => buildReferralNo('33078', '2026-03-01', '12345678')).toThrow();
    expect(() => buildReferralNo('330781', '2026-03-01', '1234')).toThrow();
  });
});
