import { InvalidValueError } from '../shared/domain-error';
import { validateVitals, Vitals } from './vitals';

function failure(v: Vitals): { field: string; code: string } | null {
  try {
    validateVitals(v);
    return null;
  } catch (e) {
    const err = e as InvalidValueError;
    return { field: err.field, code: err.code };
  }
}

describe('vital signs plausible ranges (issue #5; documented in vitals.ts)', () => {
  it('accepts a normal set and an empty set', () => {
    expect(failure({ sbp: 132, dbp: 84, pulse: 76, temperature: 36.6, spo2: 97, glucose: 6.8 })).toBeNull();
    expect(failure({})).toBeNull();
  });

  it('accepts readings at the edges of each range', () => {
    expect(failure({ sbp: 260, dbp: 160, pulse: 220, temperature: 42.5, spo2: 100, glucose: 35 })).toBeNull();
    expect(failure({ sbp: 50, dbp: 30, pulse: 25, temperature: 34, spo2: 50, glucose: 1 })).toBeNull();
  });

  it.each<[Vitals, string]>([
    [{ sbp: 261, dbp: 90 }, 'vitals.sbp'],
    [{ sbp: 120, dbp: 29 }, 'vitals.dbp'],
    [{ pulse: 24 }, 'vitals.pulse'],
    [{ pulse: 221 }, 'vitals.pulse'],
    [{ temperature: 33.9 }, 'vitals.temperature'],
    [{ temperature: 42.6 }, 'vitals.temperature'],
    [{ temperature: 36.65 }, 'vitals.temperature'],
    [{ spo2: 49 }, 'vitals.spo2'],
    [{ spo2: 101 }, 'vitals.spo2'],
    [{ spo2: 97.5 }, 'vitals.spo2'],
    [{ glucose: 0.9 }, 'vitals.glucose'],
    [{ glucose: 35.1 }, 'vitals.glucose'],
    [{ pulse: 80.5 }, 'vitals.pulse'],
  ])('refuses %j on %s', (v, field) => {
    expect(failure(v)).toEqual({ field, code: 'vital_out_of_range' });
  });

  it('refuses a diastolic pressure at or above the systolic', () => {
    expect(failure({ sbp: 120, dbp: 120 })).toEqual({ field: 'vitals.dbp', code: 'diastolic_not_below_systolic' });
    expect(failure({ sbp: 90, dbp: 110 })).toEqual({ field: 'vitals.dbp', code: 'diastolic_not_below_systolic' });
  });

  it('a blood pressure has both numbers', () => {
    expect(failure({ sbp: 120 })).toEqual({ field: 'vitals.dbp', code: 'blood_pressure_pair' });
    expect(failure({ dbp: 80 })).toEqual({ field: 'vitals.sbp', code: 'blood_pressure_pair' });
  });
});
