import { BusinessRuleError, InvalidValueError } from '../shared/domain-error';
import {
  assertReferralFitsOutcome, bedDays, cycleEndDate, endWarningDate, isCycleEnding, isCycleOverdue, nextCycle, validateClosureDate,
  validateStartDate,
} from './sickbed-cycle';

describe('cycles (domain.md §4.2 open/extend guards, §4.3 max cycle 90 days, warning 7 days)', () => {
  it('a cycle lasts at most maxCycleDays with both ends counted', () => {
    expect(cycleEndDate('2026-03-02', 90)).toBe('2026-05-30');
    expect(cycleEndDate('2026-03-02', 30)).toBe('2026-03-31');
    expect(cycleEndDate('2026-03-02', 90, '2026-04-15')).toBe('2026-04-15');
    expect(() => cycleEndDate('2026-03-02', 90, '2026-05-31')).toThrow(InvalidValueError);
    expect(() => cycleEndDate('2026-03-02', 90, '2026-03-01')).toThrow(InvalidValueError);
  });

  it('an extension starts the day after the planned end, with a new end and cycle number', () => {
    expect(nextCycle({ cycleNo: 1, plannedEndDate: '2026-05-30' }, '2026-05-25', 90))
      .toEqual({ cycleNo: 2, startDate: '2026-05-31', plannedEndDate: '2026-08-28' });
    expect(nextCycle({ cycleNo: 2, plannedEndDate: '2026-08-28' }, '2026-08-28', 90, '2026-09-30').plannedEndDate).toBe('2026-09-30');
  });

  it('cannot extend once the planned end has passed', () => {
    expect(() => nextCycle({ cycleNo: 1, plannedEndDate: '2026-05-30' }, '2026-05-31', 90)).toThrow(BusinessRuleError);
  });

  it('warns from endWarningDays before the end through the end date', () => {
    expect(endWarningDate('2026-05-30', 7)).toBe('2026-05-23');
    expect(isCycleEnding('2026-05-30', '2026-05-22', 7)).toBe(false);
    expect(isCycleEnding('2026-05-30', '2026-05-23', 7)).toBe(true);
    expect(isCycleEnding('2026-05-30', '2026-05-30', 7)).toBe(true);
    expect(isCycleEnding('2026-05-30', '2026-05-31', 7)).toBe(false);
  });

  it('is overdue the day after the planned end (§4.4 overdue episodes)', () => {
    expect(isCycleOverdue('2026-05-30', '2026-05-30')).toBe(false);
    expect(isCycleOverdue('2026-05-30', '2026-05-31')).toBe(true);
  });

  it('a start date may be up to 7 days back and 30 ahead', () => {
    expect(() => validateStartDate('2026-03-01', '2026-03-08')).not.toThrow();
    expect(() => validateStartDate('2026-02-28', '2026-03-08')).toThrow(InvalidValueError);
    expect(() => validateStartDate('2026-04-07', '2026-03-08')).not.toThrow();
    expect(() => validateStartDate('2026-04-08', '2026-03-08')).toThrow(InvalidValueError);
  });
});

describe('closure (domain.md §4.2 recordClosure, §4.1 bedDays)', () => {
  it('counts bed days inclusively (B-soft end − start + 1)', () => {
    expect(bedDays('2026-03-02', '2026-03-02')).toBe(1);
    expect(bedDays('2026-03-02', '2026-03-31')).toBe(30);
    expect(bedDays('2026-02-20', '2026-03-01')).toBe(10);
    expect(bedDays('2024-02-20', '2024-03-01')).toBe(11); // leap year
    expect(() => bedDays('2026-03-02', '2026-03-01')).toThrow(InvalidValueError);
  });

  it('closure date lies between the start and today', () => {
    expect(() => validateClosureDate('2026-03-02', '2026-03-02', '2026-03-10')).not.toThrow();
    expect(() => validateClosureDate('2026-03-01', '2026-03-02', '2026-03-10')).toThrow(InvalidValueError);
    expect(() => validateClosureDate('2026-03-11', '2026-03-02', '2026-03-10')).toThrow(InvalidValueError);
  });

  it('a linked referral goes only with a hospital transfer', () => {
    expect(() => assertReferralFitsOutcome('improved', true)).toThrow(InvalidValueError);
    expect(() => assertReferralFitsOutcome('transferred_to_hospital', true)).not.toThrow();
    expect(() => assertReferralFitsOutcome('improved', false)).not.toThrow();
  });
});
