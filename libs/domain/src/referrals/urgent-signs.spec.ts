import { LatestVitals, newerReading, suggestedUrgency, URGENT_SIGN_MAX_AGE_HOURS, urgentSigns, VitalReading } from './urgent-signs';

const NOW = new Date('2026-03-01T08:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);
const reading = (value: number, ageHours = 1, source: VitalReading['source'] = 'sickbed_round'): VitalReading => ({
  value, recordedAt: hoursAgo(ageHours), source, sourceId: `${source}-${value}`,
});
const none: LatestVitals = { sbp: null, dbp: null, glucose: null };
const codes = (v: Partial<LatestVitals>, flags: Parameters<typeof urgentSigns>[1] = []) => urgentSigns({ ...none, ...v }, flags, NOW).map((s) => s.code);

describe('urgent-referral triggers (domain.md §5.3 green channel)', () => {
  it('SBP ≥ 180 and/or DBP ≥ 110 mmHg, each at its threshold and not below', () => {
    expect(codes({ sbp: reading(180) })).toEqual(['sbp_high']);
    expect(codes({ sbp: reading(179) })).toEqual([]);
    expect(codes({ dbp: reading(110) })).toEqual(['dbp_high']);
    expect(codes({ dbp: reading(109) })).toEqual([]);
    expect(codes({ sbp: reading(200), dbp: reading(120) })).toEqual(['sbp_high', 'dbp_high']);
  });

  it('glucose ≥ 16.7 or ≤ 3.9 mmol/L, at the thresholds and not inside them', () => {
    expect(codes({ glucose: reading(16.7) })).toEqual(['glucose_high']);
    expect(codes({ glucose: reading(16.6) })).toEqual([]);
    expect(codes({ glucose: reading(3.9) })).toEqual(['glucose_low']);
    expect(codes({ glucose: reading(4.0) })).toEqual([]);
  });

  it('the ticked red flags (altered consciousness, chest pain, pregnancy with hypertension) are signs, each once', () => {
    expect(codes({}, ['chest_pain', 'chest_pain', 'pregnancy_hypertension'])).toEqual(['chest_pain', 'pregnancy_hypertension']);
    expect(codes({ sbp: reading(185) }, ['altered_consciousness'])).toEqual(['sbp_high', 'altered_consciousness']);
  });

  it('a sign names its reading, the threshold, when and where it was measured', () => {
    const [sign] = urgentSigns({ ...none, sbp: reading(186, 3, 'service') }, [], NOW);
    expect(sign).toEqual({ code: 'sbp_high', value: 186, threshold: 180, recordedAt: hoursAgo(3), source: 'service', sourceId: 'service-186', stale: false });
  });

  it('suggests the green channel for a current sign; a reading older than the window is shown stale and suggests nothing', () => {
    expect(suggestedUrgency(urgentSigns({ ...none, sbp: reading(190, URGENT_SIGN_MAX_AGE_HOURS) }, [], NOW))).toBe('emergent');
    const old = urgentSigns({ ...none, sbp: reading(190, URGENT_SIGN_MAX_AGE_HOURS + 0.01) }, [], NOW);
    expect(old).toMatchObject([{ code: 'sbp_high', stale: true }]);
    expect(suggestedUrgency(old)).toBeNull();
    // a red flag is observed now
    expect(suggestedUrgency(urgentSigns({ ...none, sbp: reading(190, 1000) }, ['chest_pain'], NOW))).toBe('emergent');
    expect(suggestedUrgency([])).toBeNull();
  });

  it('takes the newer reading of a sign from the two sources; a tie keeps the first', () => {
    const round = reading(150, 5, 'sickbed_round');
    const service = reading(182, 2, 'service');
    expect(newerReading(round, service)).toBe(service);
    expect(newerReading(service, round)).toBe(service);
    expect(newerReading(null, round)).toBe(round);
    expect(newerReading(round, null)).toBe(round);
    const tie = { ...service, value: 100 };
    expect(newerReading(service, tie)).toBe(service);
  });
});
