import { InvalidValueError } from '../shared/domain-error';
import { averageDays, count, proportion, ratio, resolveIndicatorPeriod } from './indicator';

describe('indicator values: rates never NaN (domain.md §3.6, §4.4, §5.6 "× 100%")', () => {
  it('a proportion keeps numerator and denominator and rounds the rate to 4 decimals', () => {
    expect(proportion(2, 3)).toEqual({ numerator: 2, denominator: 3, rate: 0.6667, unit: 'proportion' });
    expect(proportion(9, 32)).toMatchObject({ rate: 0.2813 });
  });

  it('a zero or unknown denominator gives a null rate, never NaN or Infinity', () => {
    expect(proportion(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null, unit: 'proportion' });
    expect(ratio(3, 0).rate).toBeNull();
    expect(averageDays(0, 0).rate).toBeNull();
    expect(proportion(4, null, { noteCode: 'why' })).toEqual({ numerator: 4, denominator: null, rate: null, unit: 'proportion', noteCode: 'why' });
  });

  it('a ratio may exceed 1; an average has 2 decimals; a count has no rate', () => {
    expect(ratio(3, 2)).toMatchObject({ rate: 1.5, unit: 'ratio' });
    expect(averageDays(31, 3)).toEqual({ numerator: 31, denominator: 3, rate: 10.33, unit: 'days' });
    expect(count(7)).toEqual({ numerator: 7, denominator: null, rate: null, unit: 'count' });
  });
});

describe('indicator period (domain.md §3.6 "period = calendar year unless stated")', () => {
  const today = '2027-07-15';
  const failure = (input: { from?: string; to?: string }) => {
    try {
      resolveIndicatorPeriod(input, today);
    } catch (e) {
      return e instanceof InvalidValueError ? { field: e.field, code: e.code } : e;
    }
    return null;
  };

  it('defaults to the current calendar year up to today', () => {
    expect(resolveIndicatorPeriod({}, today)).toEqual({ from: '2027-01-01', to: today, referenceDate: today });
    expect(resolveIndicatorPeriod({ to: '2026-06-30' }, today)).toEqual({ from: '2026-01-01', to: '2026-06-30', referenceDate: '2026-06-30' });
  });

  it('takes states on `to`, or on today when `to` lies ahead', () => {
    expect(resolveIndicatorPeriod({ from: '2027-01-01', to: '2027-12-31' }, today).referenceDate).toBe(today);
  });

  it('refuses impossible dates, a reversed period, more than 366 days and a start in the future', () => {
    expect(failure({ from: '2027-02-30' })).toEqual({ field: 'from', code: 'invalid_date' });
    expect(failure({ to: '2027-7-1' })).toEqual({ field: 'to', code: 'invalid_date' });
    expect(failure({ from: '2027-03-01', to: '2027-02-28' })).toEqual({ field: 'from', code: 'period_reversed' });
    expect(failure({ from: '2026-07-14', to: '2027-07-15' })).toEqual({ field: 'to', code: 'period_too_long' });
    expect(failure({ from: '2027-07-16', to: '2027-08-01' })).toEqual({ field: 'from', code: 'period_in_future' });
  });

  it('a leap year is one period: 366 days pass', () => {
    expect(resolveIndicatorPeriod({ from: '2024-01-01', to: '2024-12-31' }, today).from).toBe('2024-01-01');
    expect(resolveIndicatorPeriod({ from: '2026-07-15', to: '2027-07-15' }, today).to).toBe(today);
  });
});
