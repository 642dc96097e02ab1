import { countsInWindow, fulfilment, planWindows, serviceCounts, windowMonths, windowStatus, windowStatusAtEnd } from './fulfilment';

describe('plan windows (domain.md §3.1 ServicePlan, §3.5 spacing)', () => {
  it('splits a quarterly item into four quarters of the contract year that tile the term', () => {
    expect(planWindows({ timesPerYear: 4 }, '2026-01-31', '2027-01-30')).toEqual([
      { windowStart: '2026-01-31', windowEnd: '2026-04-30', dueDate: '2026-04-16', dueCount: 1 },
      { windowStart: '2026-05-01', windowEnd: '2026-07-30', dueDate: '2026-07-16', dueCount: 1 },
      { windowStart: '2026-07-31', windowEnd: '2026-10-30', dueDate: '2026-10-16', dueCount: 1 },
      { windowStart: '2026-10-31', windowEnd: '2027-01-30', dueDate: '2027-01-16', dueCount: 1 },
    ]);
  });

  it('gives a yearly item, or one that does not split the year, a single window with the whole count', () => {
    expect(planWindows({ timesPerYear: 1 }, '2024-02-29', '2025-02-28')).toEqual([
      { windowStart: '2024-02-29', windowEnd: '2025-02-28', dueDate: '2025-02-14', dueCount: 1 },
    ]);
    expect(planWindows({ timesPerYear: 5 }, '2026-03-01', '2027-02-28')).toEqual([
      { windowStart: '2026-03-01', windowEnd: '2027-02-28', dueDate: '2027-02-14', dueCount: 5 },
    ]);
    expect(windowMonths(12)).toBe(1);
    expect(windowMonths(5)).toBeNull();
    expect(windowMonths(24)).toBeNull();
  });

  it('monthly windows keep their due date inside short windows', () => {
    const windows = planWindows({ timesPerYear: 12 }, '2026-01-01', '2026-12-31');
    expect(windows).toHaveLength(12);
    expect(windows[1]).toEqual({ windowStart: '2026-02-01', windowEnd: '2026-02-28', dueDate: '2026-02-14', dueCount: 1 });
  });
});

describe('what counts as fulfilled (domain.md §3.5)', () => {
  const htn = { modality: 'face_to_face' as const, requiredData: ['sbp', 'dbp'] as const };

  it('a face-to-face item needs a face-to-face or home visit; a phone call is logged but does not count', () => {
    expect(serviceCounts({ ...htn, requiredData: [] }, { modality: 'home', payload: null })).toEqual({ counts: true });
    expect(serviceCounts({ ...htn, requiredData: [] }, { modality: 'phone', payload: null })).toEqual({ counts: false, reason: 'modality_mismatch' });
    expect(serviceCounts({ modality: 'phone', requiredData: [] }, { modality: 'face_to_face', payload: null })).toEqual({ counts: true });
    expect(serviceCounts({ modality: 'any', requiredData: [] }, { modality: 'online', payload: null })).toEqual({ counts: true });
  });

  it('a hypertension follow-up needs both blood pressure readings', () => {
    expect(serviceCounts(htn, { modality: 'face_to_face', payload: { sbp: 150 } })).toEqual({ counts: false, reason: 'missing_data' });
    expect(serviceCounts(htn, { modality: 'face_to_face', payload: { sbp: 150, dbp: 95 } })).toEqual({ counts: true });
  });

  it('Σ min(delivered, promised) / Σ promised: over-delivery of one item does not hide another item\'s gap', () => {
    const w = (itemCode: string, dueCount: number, deliveredCount: number) => ({
      itemCode, itemName: itemCode, modality: 'face_to_face' as const, dueCount, deliveredCount, status: 'open' as const,
    });
    // health check promised 1, delivered 5; follow-ups promised 4 (one per quarter), delivered 1
    const result = fulfilment([w('check', 1, 5), w('fu', 1, 1), w('fu', 1, 0), w('fu', 1, 0), w('fu', 1, 0)]);
    expect(result.items).toEqual([
      { code: 'check', name: 'check', modality: 'face_to_face', promised: 1, delivered: 5, counted: 1, rate: 1 },
      { code: 'fu', name: 'fu', modality: 'face_to_face', promised: 4, delivered: 1, counted: 1, rate: 0.25 },
    ]);
    expect(result.overall).toEqual({ promised: 5, counted: 2, rate: 0.4 });
  });

  it('four visits in one quarter fill one quarter only (spacing)', () => {
    const q = (deliveredCount: number) => ({ itemCode: 'fu', itemName: 'fu', modality: 'face_to_face' as const, dueCount: 1, deliveredCount, status: 'open' as const });
    expect(fulfilment([q(4), q(0), q(0), q(0)]).overall).toEqual({ promised: 4, counted: 1, rate: 0.25 });
  });

  it('dropped windows leave the denominator', () => {
    const result = fulfilment([
      { itemCode: 'fu', itemName: 'fu', modality: 'any', dueCount: 1, deliveredCount: 1, status: 'met' },
      { itemCode: 'fu', itemName: 'fu', modality: 'any', dueCount: 1, deliveredCount: 0, status: 'dropped' },
    ]);
    expect(result.overall).toEqual({ promised: 1, counted: 1, rate: 1 });
    expect(fulfilment([]).overall).toEqual({ promised: 0, counted: 0, rate: 0 });
  });

  it('a window is met, open until it closes, then missed', () => {
    expect(windowStatus({ dueCount: 1, deliveredCount: 1, windowEnd: '2026-03-31' }, '2026-05-01')).toBe('met');
    expect(windowStatus({ dueCount: 1, deliveredCount: 0, windowEnd: '2026-03-31' }, '2026-03-31')).toBe('open');
    expect(windowStatus({ dueCount: 1, deliveredCount: 0, windowEnd: '2026-03-31' }, '2026-04-01')).toBe('missed');
    expect(windowStatus({ dueCount: 1, deliveredCount: 0, windowEnd: null }, '2030-01-01')).toBe('open');
  });

  it('on termination, windows due later drop out and earlier ones stay (met or missed)', () => {
    expect(windowStatusAtEnd({ dueCount: 1, deliveredCount: 0, dueDate: '2026-06-16' }, '2026-05-01')).toBe('dropped');
    expect(windowStatusAtEnd({ dueCount: 1, deliveredCount: 0, dueDate: '2026-03-16' }, '2026-05-01')).toBe('missed');
    expect(windowStatusAtEnd({ dueCount: 1, deliveredCount: 1, dueDate: '2026-06-16' }, '2026-05-01')).toBe('met');
  });
});

describe('a record counts by the rule of the totals (§3.5, §3.6)', () => {
  const fills = { counts: true } as const;

  it('the first dueCount qualifying deliveries of a window count, later ones are surplus', () => {
    expect(countsInWindow(fills, { dueCount: 1, deliveredBefore: 0 })).toEqual({ counts: true });
    expect(countsInWindow(fills, { dueCount: 1, deliveredBefore: 1 })).toEqual({ counts: false, reason: 'window_already_met' });
    expect(countsInWindow(fills, { dueCount: 2, deliveredBefore: 1 })).toEqual({ counts: true });
    expect(countsInWindow(fills, { dueCount: 2, deliveredBefore: 2 })).toEqual({ counts: false, reason: 'window_already_met' });
  });

  it('a delivery in no window of the item does not count; one that does not fill its item keeps its own reason', () => {
    expect(countsInWindow(fills, null)).toEqual({ counts: false, reason: 'outside_plan' });
    expect(countsInWindow({ counts: false, reason: 'modality_mismatch' }, { dueCount: 1, deliveredBefore: 0 }))
      .toEqual({ counts: false, reason: 'modality_mismatch' });
  });

  it('the flags of a window\'s records add up to the counted total min(delivered, due)', () => {
    for (const [due, delivered] of [[1, 3], [2, 1], [4, 4], [1, 0]]) {
      const flags = Array.from({ length: delivered }, (_, k) => countsInWindow(fills, { dueCount: due, deliveredBefore: k }).counts);
      const counted = fulfilment([{ itemCode: 'x', itemName: 'x', modality: 'any', dueCount: due, deliveredCount: delivered, status: 'open' }]).overall.counted;
      expect(flags.filter(Boolean).length).toBe(counted);
    }
  });
});
