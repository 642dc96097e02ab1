import { BusinessRuleError, InvalidValueError } from '../shared/domain-error';
import {
  assertStartDate, contractEndDate, inForceOn, renewalStartDate, serviceEndDate, startOnConfirmation, statusOnSigning,
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

  it('the signing window is the county\'s: a team may back-date or schedule within it, a resident cannot apply for the past', () => {
    const window = { maxBackdateDays: 30, maxStartAheadDays: 30 };
    expect(() => assertStartDate('2026-02-01', '2026-03-01', 'team', window)).not.toThrow();
    expect(() => assertStartDate('2026-01-29', '2026-03-01', 'team', window)).toThrow(InvalidValueError);
    expect(() => assertStartDate('2026-03-31', '2026-03-01', 'team', window)).not.toThrow();
    expect(() => assertStartDate('2026-04-01', '2026-03-01', 'team', window)).toThrow(InvalidValueError);
    expect(() => assertStartDate('2026-02-28', '2026-03-01', 'resident', window)).toThrow(InvalidValueError);
    expect(() => assertStartDate('2026-04-01', '2026-03-01', 'resident', window)).toThrow(InvalidValueError);
    // a county that schedules signings a quarter ahead sets it so
    expect(() => assertStartDate('2026-05-30', '2026-03-01', 'team', { maxBackdateDays: 0, maxStartAheadDays: 90 })).not.toThrow();
    expect(() => assertStartDate('2026-02-28', '2026-03-01', 'team', { maxBackdateDays: 0, maxStartAheadDays: 90 })).toThrow(InvalidValueError);
  });

  it('services count up to the end date, or the termination day when earlier', () => {
    expect(serviceEndDate({ endDate: '2026-12-31', terminatedOn: null })).toBe('2026-12-31');
    expect(serviceEndDate({ endDate: '2026-12-31', terminatedOn: '2026-05-02' })).toBe('2026-05-02');
  });

  it('a contract is in force from its start through its end; a termination takes effect on its own day (§3.3, §3.6)', () => {
    const c = { startDate: '2026-03-01', endDate: '2027-02-28', terminatedOn: null };
    expect(inForceOn(c, '2026-02-28')).toBe(false);
    expect(inForceOn(c, '2026-03-01')).toBe(true);
    expect(inForceOn(c, '2027-02-28')).toBe(true);
    expect(inForceOn(c, '2027-03-01')).toBe(false);
    const ended = { ...c, terminatedOn: '2026-05-02' };
    expect(inForceOn(ended, '2026-05-01')).toBe(true);
    expect(inForceOn(ended, '2026-05-02')).toBe(false);
    // yet services of the termination day still count toward fulfilment
    expect(serviceEndDate(ended)).toBe('2026-05-02');
  });
});
