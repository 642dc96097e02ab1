import { InvalidValueError } from '../shared/domain-error';
import { normalizeMobile, normalizePersonName, normalizeServicePhone } from './contact';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { field: (e as InvalidValueError).field, code: (e as InvalidValueError).code };
  }
  return null;
};

describe('mobile numbers (domain.md §7.2: ^1[3-9]\\d{9}$)', () => {
  it('strips +86 / 86 prefixes, spaces and dashes', () => {
    expect(normalizeMobile('13812345678')).toBe('13812345678');
    expect(normalizeMobile('+86 138 1234 5678')).toBe('13812345678');
    expect(normalizeMobile('+86-138-1234-5678')).toBe('13812345678');
    expect(normalizeMobile('8613812345678')).toBe('13812345678');
    expect(normalizeMobile('138-1234-5678')).toBe('13812345678');
    expect(normalizeMobile('１３８１２３４５６７８')).toBe('13812345678');
  });

  it('rejects landlines, 12-prefixes, wrong lengths and letters with the field named', () => {
    for (const bad of ['12812345678', '1381234567', '138123456789', '0571-88888888', '1381234567a', '', '+1 13812345678']) {
      expect(failure(() => normalizeMobile(bad))).toEqual({ field: 'phone', code: 'phone_format' });
    }
    expect(failure(() => normalizeMobile('x', 'q'))).toEqual({ field: 'q', code: 'phone_format' });
  });
});

describe('person names (domain.md §7.2)', () => {
  it('accepts 1-30 characters, rare characters and the middle dot', () => {
    expect(normalizePersonName(' 张三 ')).toBe('张三');
    expect(normalizePersonName('𠀋一')).toBe('𠀋一');
    expect(normalizePersonName('李〇')).toBe('李〇');
    expect(normalizePersonName('买买提·艾力')).toBe('买买提·艾力');
    expect(normalizePersonName('张'.repeat(30))).toHaveLength(30);
  });

  it('turns look-alike dots into the middle dot and collapses white space', () => {
    expect(normalizePersonName('买买提•艾力')).toBe('买买提·艾力');
    expect(normalizePersonName('买买提・艾力')).toBe('买买提·艾力');
    expect(normalizePersonName('买买提.艾力')).toBe('买买提·艾力');
    expect(normalizePersonName('买买提 · 艾力')).toBe('买买提·艾力');
    expect(normalizePersonName('John   Smith')).toBe('John Smith');
  });

  it('rejects empty, too long, digits, symbols, quotes and dangling dots', () => {
    for (const bad of ['', '   ', '张'.repeat(31), '张3', '张<b>', '"张三"', '张\u0007三', '·张三', '张三·', '买买提··艾力', '张@三']) {
      expect(failure(() => normalizePersonName(bad))).toEqual({ field: 'name', code: 'name_format' });
    }
  });
});

describe('service phone numbers (a team\'s or a desk\'s, domain.md §7.2)', () => {
  it('takes a landline with its area code (and an extension) or a mobile', () => {
    expect(normalizeServicePhone('0571-88881234')).toBe('0571-88881234');
    expect(normalizeServicePhone('(0570) 8888123')).toBe('0570-8888123');
    expect(normalizeServicePhone('010 88881234 转 8012')).toBe('010-88881234-8012');
    expect(normalizeServicePhone('057188881234')).toBe('0571-88881234');
    expect(normalizeServicePhone('01088881234')).toBe('010-88881234');
    expect(normalizeServicePhone('02188881234')).toBe('021-88881234');
    expect(normalizeServicePhone('+86 138-0000-1234')).toBe('13800001234');
  });

  it('refuses anything else, naming the field', () => {
    for (const bad of ['88881234', '12345', '0571-123', 'call me']) {
      expect(() => normalizeServicePhone(bad)).toThrow(expect.objectContaining({ field: 'servicePhone', code: 'service_phone_format' }));
    }
  });
});
