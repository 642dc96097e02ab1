import { InvalidValueError } from '../shared/domain-error';
import { maskInsuranceNo, normalizeInsuranceNo } from './insurance';

describe('insurance number (domain.md §5.1 insuranceNo, §7.3 masking)', () => {
  it('keeps letters and digits, upper-case, without spaces; 6 to 32 of them', () => {
    expect(normalizeInsuranceNo(' zj33 0102 0000 123456 ')).toBe('ZJ330102000012345' + '6');
    expect(normalizeInsuranceNo('123456')).toBe('123456');
    expect(() => normalizeInsuranceNo('12345')).toThrow(InvalidValueError);
    expect(() => normalizeInsuranceNo('1'.repeat(33))).toThrow(InvalidValueError);
    expect(() => normalizeInsuranceNo('3301-0200')).toThrow(InvalidValueError);
    try { normalizeInsuranceNo('医保123456'); } catch (e) {
      expect(e).toMatchObject({ field: 'insuranceNo', code: 'insurance_no_format' });
    }
  });

  it('is shown with the last 4 characters, and the first 2 of a long number; a short one never in full', () => {
    expect(maskInsuranceNo('ZJ3301020000123456')).toBe('ZJ************3456');
    expect(maskInsuranceNo('1234567890')).toBe('12****7890');
    expect(maskInsuranceNo('123456789')).toBe('*****6789');
    expect(maskInsuranceNo('123456')).toBe('**3456');
  });
});
