import { BusinessRuleError, InvalidValueError } from '../shared/domain-error';
import {
  assertStartDate, contractEndDate, renewalStartDate, serviceEndDate, startOnConfirmation, statusOnSigning,
} from './contract-term';

describe('contract term (domain.md §3.3)', () => {
  it('ends one year minus one day after the start', () => {
    expect(contractEndDate('2026-01-15')).toBe('2027-01-14');
    expect(contractEndDate('2026-01-01')).toBe('2026-12-31');
    expect(contractEndDate('2023-03-01')).toBe('2024-02-29');
    expect(contractEndDate('2026-03-01', 6)).toBe('2026-08-31');
  });

  it('a term starting on 29 February runs to 28 February, and its renewal starts on 1 March', () => {
    expect(contractEndDate('2024-02-29')).toBe('2025-02-28');
    expect(renewalStartDate({ status: 'active', endDate: '2025-02-28' }, '2025-01-10', 30)).toBe('2025-03-01');
    expect(contractEndDate('2025-03-01')).toBe('2026-02-28');
  });

  it('is active when it starts today or earlier, scheduled when it starts later', () => {
    expect(statusOnSigning('2026-03-01', '2026-03-01')).toBe('active');
    expect(statusOnSigning('2026-02-20', '2026-03-01')).toBe('active');
    expect(statusOnSigning('2026-03-02', '2026-03-01')).toBe('scheduled');
  });

  it('a renewal starts the day after the predecessor ends, or today once that has passed within the grace days', () => {
    expect(renewalStartDate({ status: 'active', endDate: '2026-06-30' }, '2026-06-01', 30)).toBe('2026-07-01');
    expect(renewalStartDate({ status: 'expired', endDate: '2026-06-30' }, '2026-07-20', 30)).toBe('2026-07-20');
    expect(renewalStartDate({ status: 'expired', endDate: '2026-06-30' }, '2026-07-30', 30)).toBe('2026-07-30');
    expect(() => renewalStartDate({ status: 'expired', endDate: '2026-06-30' }, '2026-07-31', 30)).toThrow(BusinessRuleError);
  });

  it('a confirmed application never starts before its confirmation', () => {
    expect(startOnConfirmation('2026-03-01', '2026-03-05')).toBe('2026-03-05');
    expect(startOnConfirmation('2026-03-09', '2026-03-05')).toBe('2026-03-09');
  });

  it('a team may back-date a paper signing by 30 days, a resident cannot apply for the past', () => {
    expect(() => assertStartDate('2026-02-01', '2026-03-01', 'team')).not.toThrow();
    expect(() => assertStartDate('2026-01-29', '2026-03-01', 'team')).toThrow(InvalidValueError);
    expect(() => assertStartDate('2026-02-28', '2026-03-01', 'resident')).toThrow(InvalidValueError);
    expect(() => assertStartDate('2027-03-03', '2026-03-01', 'resident')).toThrow(InvalidValueError);
  });

  it('services count up to the end date, or the termination day when earlier', () => {
    expect(serviceEndDate({ endDate: '2026-12-31', terminatedOn: null })).toBe('2026-12-31');
    expect(serviceEndDate({ endDate: '2026-12-31', terminatedOn: '2026-05-02' })).toBe('2026-05-02');
  });
});
