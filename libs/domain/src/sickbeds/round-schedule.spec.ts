import { DEFAULT_COUNTY_POLICY } from '../organizations/county-policy';
import { InvalidValueError } from '../shared/domain-error';
import { nextRoundDue, resolveRoundPlan, roundDueState, roundDueWindow, roundKindForRole, validateVisitTime } from './round-schedule';

const ZONE = 'Asia/Shanghai';
const plan = resolveRoundPlan(DEFAULT_COUNTY_POLICY.sickbed);
const at = (iso: string) => new Date(iso);

describe('round plan (domain.md §4.3 first visit 48 h, doctor and nurse at least weekly; §8 settings)', () => {
  it('takes the county defaults', () => {
    expect(plan).toEqual({ firstRoundHours: 48, doctorRoundIntervalDays: 7, nurseVisitIntervalDays: 7 });
  });

  it('may be tightened per patient but never loosened past the county minimum', () => {
    expect(resolveRoundPlan(DEFAULT_COUNTY_POLICY.sickbed, { nurseVisitIntervalDays: 3 }).nurseVisitIntervalDays).toBe(3);
    expect(() => resolveRoundPlan(DEFAULT_COUNTY_POLICY.sickbed, { doctorRoundIntervalDays: 8 })).toThrow(InvalidValueError);
    expect(() => resolveRoundPlan(DEFAULT_COUNTY_POLICY.sickbed, { doctorRoundIntervalDays: 0 })).toThrow(InvalidValueError);
  });

  it('follows a county that changed its settings', () => {
    const county = { ...DEFAULT_COUNTY_POLICY.sickbed, firstRoundHours: 24, doctorRoundIntervalDays: 3 };
    const p = resolveRoundPlan(county);
    expect(nextRoundDue({ kind: 'doctor', plan: p, openedAt: at('2026-03-02T02:00:00Z'), startDate: '2026-03-02', lastRoundAt: null, timeZone: ZONE }))
      .toEqual(at('2026-03-03T02:00:00Z'));
  });
});

describe('nextRoundDue (domain.md §4.3; computed in the county zone)', () => {
  const base = { plan, openedAt: at('2026-03-02T02:00:00Z'), startDate: '2026-03-02', timeZone: ZONE };

  it('first doctor round: firstRoundHours after opening, to the instant', () => {
    expect(nextRoundDue({ ...base, kind: 'doctor', lastRoundAt: null })).toEqual(at('2026-03-04T02:00:00Z'));
  });

  it('first doctor round of a bed that starts later: counted from the start day', () => {
    // start day 2026-03-05 begins at 2026-03-04T16:00Z in Shanghai
    expect(nextRoundDue({ ...base, startDate: '2026-03-05', kind: 'doctor', lastRoundAt: null })).toEqual(at('2026-03-06T16:00:00Z'));
  });

  it('first nurse visit: the interval after the opening day, from that day\'s local midnight', () => {
    expect(nextRoundDue({ ...base, kind: 'nurse', lastRoundAt: null })).toEqual(at('2026-03-08T16:00:00Z')); // 2026-03-09 00:00 +08
  });

  it('later rounds: interval days after the local day of the last round, across the week boundary', () => {
    // Saturday 2026-03-07 11:00 in Shanghai -> due Saturday 2026-03-14 (local midnight)
    expect(nextRoundDue({ ...base, kind: 'doctor', lastRoundAt: at('2026-03-07T03:00:00Z') })).toEqual(at('2026-03-13T16:00:00Z'));
  });

  it('a round at 20:00 UTC is already the next day in Shanghai, so the next one is due a day later than in UTC', () => {
    const last = at('2026-03-07T20:00:00Z'); // Sunday 2026-03-08 04:00 +08
    expect(nextRoundDue({ ...base, kind: 'doctor', lastRoundAt: last })).toEqual(at('2026-03-14T16:00:00Z')); // Sunday 2026-03-15 local
    expect(nextRoundDue({ ...base, kind: 'doctor', lastRoundAt: last, timeZone: 'UTC' })).toEqual(at('2026-03-14T00:00:00Z'));
  });

  it('uses the plan\'s own interval per kind', () => {
    const tight = { ...plan, nurseVisitIntervalDays: 2 };
    expect(nextRoundDue({ ...base, plan: tight, kind: 'nurse', lastRoundAt: at('2026-03-07T03:00:00Z') })).toEqual(at('2026-03-08T16:00:00Z'));
  });
});

describe('due today / overdue (calendar days in the county zone)', () => {
  const due = at('2026-03-14T16:00:00Z'); // due on Sunday 2026-03-15 in Shanghai

  it('is upcoming before its day, due today during it, overdue once the day is over', () => {
    expect(roundDueState(due, at('2026-03-14T15:59:59Z'), ZONE)).toBe('upcoming');
    expect(roundDueState(due, at('2026-03-15T15:59:59Z'), ZONE)).toBe('today');
    // Monday 00:00 in Shanghai, a new ISO week; in UTC it is still Sunday
    expect(roundDueState(due, at('2026-03-15T16:00:00Z'), ZONE)).toBe('overdue');
    expect(roundDueState(due, at('2026-03-15T20:00:00Z'), ZONE)).toBe('overdue');
  });

  it('at 20:00 UTC a round due that Sunday is already overdue in Shanghai, while a UTC clock still calls it today', () => {
    const sunday10 = at('2026-03-15T02:00:00Z'); // Sunday 10:00 in Shanghai, Sunday 02:00 in UTC
    expect(roundDueState(sunday10, at('2026-03-15T20:00:00Z'), ZONE)).toBe('overdue');
    expect(roundDueState(sunday10, at('2026-03-15T20:00:00Z'), 'UTC')).toBe('today');
  });

  it('an instant-precise first round is overdue from the next local day, not from its hour', () => {
    const firstDue = at('2026-03-04T02:00:00Z'); // 10:00 local on 2026-03-04
    expect(roundDueState(firstDue, at('2026-03-04T12:00:00Z'), ZONE)).toBe('today');
    expect(roundDueState(firstDue, at('2026-03-04T16:00:00Z'), ZONE)).toBe('overdue');
  });

  it('worklist windows: today is [local midnight, next local midnight), overdue is before local midnight', () => {
    expect(roundDueWindow('today', '2026-03-15', ZONE)).toEqual({ from: at('2026-03-14T16:00:00Z'), before: at('2026-03-15T16:00:00Z') });
    expect(roundDueWindow('overdue', '2026-03-15', ZONE)).toEqual({ from: null, before: at('2026-03-14T16:00:00Z') });
  });
});

describe('who records which round and when', () => {
  it('doctor rounds by GPs, nurse visits by nurses, nobody else', () => {
    expect(roundKindForRole('gp')).toBe('doctor');
    expect(roundKindForRole('nurse')).toBe('nurse');
    expect(roundKindForRole('institution_admin')).toBeNull();
    expect(roundKindForRole('resident')).toBeNull();
  });

  it('refuses visits in the future or before the bed began', () => {
    const bounds = { openedAt: at('2026-03-02T02:00:00Z'), startDate: '2026-03-02', now: at('2026-03-10T02:00:00Z'), timeZone: ZONE };
    expect(() => validateVisitTime(at('2026-03-10T02:04:00Z'), bounds)).not.toThrow(); // phone clock a little ahead
    expect(() => validateVisitTime(at('2026-03-10T03:00:00Z'), bounds)).toThrow(InvalidValueError);
    expect(() => validateVisitTime(at('2026-03-01T17:00:00Z'), bounds)).not.toThrow(); // 01:00 local on the start day
    expect(() => validateVisitTime(at('2026-03-01T15:59:00Z'), bounds)).toThrow(InvalidValueError);
  });
});
