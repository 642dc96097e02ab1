import { PAYLOAD_FIELDS } from './service-package';
import { PAYLOAD_RANGES } from './service-measures';

describe('service measurement ranges (§3.5 rule 3)', () => {
  it('cover exactly the measurements a service record may carry', () => {
    expect(Object.keys(PAYLOAD_RANGES).sort()).toEqual([...PAYLOAD_FIELDS].sort());
  });

  it('are wide plausibility bounds: blood pressure 40–300 / 20–200 mmHg, glucose and weight to one decimal', () => {
    expect(PAYLOAD_RANGES.sbp).toEqual({ min: 40, max: 300, decimals: 0 });
    expect(PAYLOAD_RANGES.dbp).toEqual({ min: 20, max: 200, decimals: 0 });
    expect(PAYLOAD_RANGES.fastingGlucose.decimals).toBe(1);
    expect(PAYLOAD_RANGES.weightKg.decimals).toBe(1);
    for (const range of Object.values(PAYLOAD_RANGES)) expect(range.min).toBeLessThan(range.max);
  });
});
