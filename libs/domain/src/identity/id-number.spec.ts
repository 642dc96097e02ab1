import { InvalidValueError } from '../shared/domain-error';
import { ageOn, idCheckCharacter, parseIdNumber } from './id-number';

const TODAY = '2026-11-22';

function codeOf(raw: string, today = TODAY): string | null {
  try {
    parseIdNumber(raw, today);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidValueError);
    expect((e as InvalidValueError).field).toBe('idNumber');
    return (e as InvalidValueError).code;
  }
}

/** A valid ID number from its parts (check character computed). */
const make = (first17: string) => first17 + idCheckCharacter(first17);

describe('ID number (GB 11643-1999, domain.md §7.1)', () => {
  it('computes the ISO 7064 MOD 11-2 check character of the well-known sample', () => {
    // 11010519491231002X is the standard's worked example
    expect(idCheckCharacter('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', regionCode: '110105', upgradedFromLegacy: false,
    });
  });

  it('derives sex from the sequence parity (odd male, even female) and the birth date from positions 7-14', () => {
    expect(parseIdNumber(make('33078119800101001'), TODAY)).toMatchObject({ sex: 'male', birthDate: '1980-01-01', regionCode: '330781' });
    expect(parseIdNumber(make('33078119800101002'), TODAY)).toMatchObject({ sex: 'female' });
  });

  it('rejects a wrong check character', () => {
    const valid = make('33078119800101001');
    const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
    expect(codeOf(wrong)).toBe('id_number_check_digit');
  });

  it('accepts a lower-case x and stores an upper-case X', () => {
    expect(codeOf('11010519491231002x')).toBeNull();
    expect(parseIdNumber('11010519491231002x', TODAY).idNumber).toBe('11010519491231002X');
  });

  it('tolerates spaces between digit groups and full-width digits from spreadsheets', () => {
    expect(parseIdNumber(' 110105 19491231 002X ', TODAY).idNumber).toBe('11010519491231002X');
    expect(parseIdNumber('１１０１０５１９４９１２３１００２Ｘ', TODAY).idNumber).toBe('11010519491231002X');
  });

  it('rejects bad length and charset before anything else', () => {
    expect(codeOf('')).toBe('id_number_format');
    expect(codeOf('1101051949123100')).toBe('id_number_format');
    expect(codeOf('1101051949123100211')).toBe('id_number_format');
    expect(codeOf('1101051949123100AX')).toBe('id_number_format');
    expect(codeOf('3.30781E+17')).toBe('id_number_format');
  });

  it('rejects an unknown province prefix; accepts HK/Macao/Taiwan residence permits (81/82/83)', () => {
    expect(codeOf(make('99078119800101001'))).toBe('id_number_region');
    expect(codeOf(make('00078119800101001'))).toBe('id_number_region');
    expect(codeOf(make('81000019800101001'))).toBeNull();
    expect(codeOf(make('71000019800101001'))).toBeNull();
  });

  it('rejects impossible birth dates: Feb 30, month 13, Feb 29 of a common year, the future, before 1900', () => {
    expect(codeOf(make('33078120230230001'))).toBe('id_number_birth_date');
    expect(codeOf(make('33078119801301001'))).toBe('id_number_birth_date');
    expect(codeOf(make('33078120230229001'))).toBe('id_number_birth_date');
    expect(codeOf(make('33078120240229001'))).toBeNull();
    expect(codeOf(make('33078120261123001'))).toBe('id_number_birth_date');
    expect(codeOf(make('33078120261122001'))).toBeNull();
    expect(codeOf(make('33078118991231001'))).toBe('id_number_birth_date');
    expect(codeOf(make('33078119000101001'))).toBeNull();
  });

  it('checks the date before the check character (the order of §7.1)', () => {
    const badDate = '33078120230230001';
    const wrongCheck = badDate + (idCheckCharacter(badDate) === '0' ? '1' : '0');
    expect(codeOf(wrongCheck)).toBe('id_number_birth_date');
  });

  it('upgrades a legacy 15-digit number: "19" before the year, then the check character', () => {
    const upgraded = parseIdNumber('330781800101001', TODAY);
    expect(upgraded).toEqual({
      idNumber: make('33078119800101001'), birthDate: '1980-01-01', sex: 'male', regionCode: '330781', upgradedFromLegacy: true,
    });
    expect(codeOf('330781800230001')).toBe('id_number_birth_date');
    expect(codeOf('990781800101001')).toBe('id_number_region');
  });

  it('ages in whole years, the birthday counting from its own day', () => {
    expect(ageOn('1961-11-22', '2026-11-22')).toBe(65);
    expect(ageOn('1961-11-23', '2026-11-22')).toBe(64);
    expect(ageOn('2024-02-29', '2025-02-28')).toBe(0);
    expect(ageOn('2024-02-29', '2025-03-01')).toBe(1);
  });
});
