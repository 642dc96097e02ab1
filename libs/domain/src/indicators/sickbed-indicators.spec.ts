import { observationWindow, roundOnTime, roundsDue, SickbedIndicatorCounts, sickbedIndicators } from './sickbed-indicators';

const counts = (over: Partial<SickbedIndicatorCounts> = {}): SickbedIndicatorCounts => ({
  opened: [
    { institutionId: 'town1', bedType: 'rehabilitation', beds: 2 },
    { institutionId: 'town1', bedType: 'treatment', beds: 1 },
    { institutionId: 'town2', bedType: 'rehabilitation', beds: 1 },
  ],
  openOnReferenceDate: 2,
  closed: [
    { outcome: 'improved', beds: 1, bedDays: 21 },
    { outcome: 'transferred_to_hospital', beds: 1, bedDays: 10 },
  ],
  rounds: { doctor: { due: 16, onTime: 7 }, nurse: { due: 16, onTime: 3 } },
  overdueToday: 1,
  ...over,
});

describe('household-sickbed indicators (domain.md §4.4)', () => {
  it('beds opened, open beds on the reference date and overdue episodes are counts', () => {
    const { indicators } = sickbedIndicators(counts());
    expect(indicators.bedsOpened).toEqual({ numerator: 4, denominator: null, rate: null, unit: 'count' });
    expect(indicators.openBeds).toMatchObject({ numerator: 2, unit: 'count', noteCode: 'on_reference_date' });
    expect(indicators.overdueEpisodes).toMatchObject({ numerator: 1, noteCode: 'overdue_today' });
  });

  it('average bed days = Σ bed days of episodes closed in the period ÷ their count', () => {
    expect(sickbedIndicators(counts()).indicators.averageBedDays).toEqual({ numerator: 31, denominator: 2, rate: 15.5, unit: 'days' });
    expect(sickbedIndicators(counts({ closed: [] })).indicators.averageBedDays).toMatchObject({ denominator: 0, rate: null });
  });

  it('transfer-to-hospital rate = closed with outcome transferred ÷ closed; the outcome mix lists every outcome', () => {
    const out = sickbedIndicators(counts());
    expect(out.indicators.transferToHospitalRate).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(out.outcomeMix).toHaveLength(8);
    expect(out.outcomeMix.find((o) => o.outcome === 'improved')).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(out.outcomeMix.find((o) => o.outcome === 'died')).toMatchObject({ numerator: 0, rate: 0 });
  });

  it('round and nurse-visit compliance = rounds on time ÷ rounds due', () => {
    const { indicators } = sickbedIndicators(counts());
    expect(indicators.roundCompliance).toMatchObject({ numerator: 7, denominator: 16, rate: 0.4375, noteCode: 'round_compliance_rule' });
    expect(indicators.nurseVisitCompliance).toMatchObject({ numerator: 3, denominator: 16, rate: 0.1875 });
  });

  it('breaks beds opened down by bed type (every type listed) and by institution', () => {
    const out = sickbedIndicators(counts());
    expect(out.openedByBedType).toEqual([
      { bedType: 'treatment', beds: 1 }, { bedType: 'rehabilitation', beds: 3 }, { bedType: 'palliative', beds: 0 },
    ]);
    expect(out.openedByInstitution).toEqual([{ institutionId: 'town1', beds: 3 }, { institutionId: 'town2', beds: 1 }]);
  });
});

describe('round compliance rule (domain.md §4.3 doctor rounds and nurse visits, §4.4)', () => {
  const period = { from: '2027-01-01', referenceDate: '2027-06-30' };

  it('observes a bed from its start (or the period start) to its closure (or the reference date), both days counted', () => {
    expect(observationWindow({ startDate: '2027-03-01', closureDate: '2027-03-21' }, period)).toEqual({ from: '2027-03-01', to: '2027-03-21', days: 21 });
    expect(observationWindow({ startDate: '2026-12-20', closureDate: null }, period)).toEqual({ from: '2027-01-01', to: '2027-06-30', days: 181 });
    expect(observationWindow({ startDate: '2026-12-01', closureDate: '2026-12-30' }, period)).toBeNull();
  });

  it('owes ⌊open days ÷ interval⌋ rounds: 21 days weekly = 3, 30 days = 4, 6 days = 0', () => {
    expect(roundsDue(21, 7)).toBe(3);
    expect(roundsDue(30, 7)).toBe(4);
    expect(roundsDue(6, 7)).toBe(0);
  });

  it('a round is on time at most `interval` days after the previous one (or the start date)', () => {
    expect(roundOnTime('2027-03-02', '2027-03-09', 7)).toBe(true);
    expect(roundOnTime('2027-03-09', '2027-03-20', 7)).toBe(false);
    expect(roundOnTime('2027-03-01', '2027-03-02', 7)).toBe(true);
  });
});
