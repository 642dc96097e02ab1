import { continuousDeductible, fenToYuan, RecordedStay, sourceStayCredit, standardDeductibleFen, yuanToFen } from './continuous-deductible';

const LEVELS = { township_center: 300, county_hospital: 800, city_hospital: 1200.5 };
const TABLES = { deductibleByLevel: LEVELS, deductibleByScheme: {} };
const D = (level: keyof typeof LEVELS) => standardDeductibleFen(TABLES, level, null);

describe('continuous deductible (连续计算起付线, domain.md §5.5)', () => {
  it('reads D(k) per institution level in fen, null when the county has none', () => {
    expect(D('township_center')).toBe(30_000);
    expect(D('city_hospital')).toBe(120_050);
    expect(standardDeductibleFen(TABLES, 'provincial_hospital', null)).toBeNull();
  });

  it('reads D(k) by level and insurance scheme: the scheme\'s own amount first, else the level\'s for every scheme', () => {
    const tables = { deductibleByLevel: LEVELS, deductibleByScheme: { employee: { county_hospital: 600 }, resident: { county_hospital: 900, provincial_hospital: 2000 } } };
    expect(standardDeductibleFen(tables, 'county_hospital', 'employee')).toBe(60_000);
    expect(standardDeductibleFen(tables, 'county_hospital', 'resident')).toBe(90_000);
    // no amount of its own for the level: the level's amount
    expect(standardDeductibleFen(tables, 'township_center', 'employee')).toBe(30_000);
    // other schemes and a referral without a scheme pay the level's amount
    expect(standardDeductibleFen(tables, 'county_hospital', 'other')).toBe(80_000);
    expect(standardDeductibleFen(tables, 'county_hospital', null)).toBe(80_000);
    // a scheme may set a level the shared table leaves out; the others still have none
    expect(standardDeductibleFen(tables, 'provincial_hospital', 'resident')).toBe(200_000);
    expect(standardDeductibleFen(tables, 'provincial_hospital', 'employee')).toBeNull();
  });

  it('continues a chain across schemes of each episode: the credit is money, D(k) is the episode\'s own', () => {
    const tables = { deductibleByLevel: LEVELS, deductibleByScheme: { employee: { county_hospital: 600 } } };
    const up = continuousDeductible({
      standardFen: standardDeductibleFen(tables, 'county_hospital', 'employee'), predecessor: { creditedFen: 30_000, endedOn: '2026-03-01' },
      admittedOn: '2026-03-02', chainWindowDays: 3,
    });
    expect(up).toMatchObject({ basis: 'chained', standardFen: 60_000, dueFen: 30_000, creditedAfterFen: 60_000 });
  });

  it('§5.5 example, up the chain: township paid 300, county D = 800 -> due 500, credited 800', () => {
    const up = continuousDeductible({
      standardFen: D('county_hospital'), predecessor: { creditedFen: 30_000, endedOn: '2026-03-01' }, admittedOn: '2026-03-02', chainWindowDays: 3,
    });
    expect(up).toEqual({ basis: 'chained', standardFen: 80_000, creditedBeforeFen: 30_000, dueFen: 50_000, creditedAfterFen: 80_000 });
  });

  it('§5.5 example, back down the chain: township D = 300 after 800 credited -> due 0, credit stays 800', () => {
    const down = continuousDeductible({
      standardFen: D('township_center'), predecessor: { creditedFen: 80_000, endedOn: '2026-03-10' }, admittedOn: '2026-03-13', chainWindowDays: 3,
    });
    expect(down).toEqual({ basis: 'chained', standardFen: 30_000, creditedBeforeFen: 80_000, dueFen: 0, creditedAfterFen: 80_000 });
  });

  it('credits no more than the eligible cost actually spent: C(k) = C(k-1) + min(due, cost)', () => {
    const r = continuousDeductible({
      standardFen: 80_000, predecessor: { creditedFen: 30_000, endedOn: '2026-03-01' }, admittedOn: '2026-03-01', chainWindowDays: 3, eligibleCostFen: 20_000,
    });
    expect(r.dueFen).toBe(50_000);
    expect(r.creditedAfterFen).toBe(50_000);
  });

  it('outside the window the chain breaks: full D(k)', () => {
    const base = { standardFen: 80_000, chainWindowDays: 3 };
    const pred = { creditedFen: 30_000, endedOn: '2026-03-01' };
    expect(continuousDeductible({ ...base, predecessor: pred, admittedOn: '2026-03-04' }).basis).toBe('chained');
    const late = continuousDeductible({ ...base, predecessor: pred, admittedOn: '2026-03-05' });
    expect(late).toEqual({ basis: 'outside_window', standardFen: 80_000, creditedBeforeFen: 0, dueFen: 80_000, creditedAfterFen: 80_000 });
    expect(continuousDeductible({ ...base, predecessor: pred, admittedOn: '2026-02-28' }).basis).toBe('outside_window');
    expect(continuousDeductible({ ...base, chainWindowDays: 0, predecessor: pred, admittedOn: '2026-03-01' }).basis).toBe('chained');
  });

  it('stops at the insurance-year boundary even inside the window', () => {
    const r = continuousDeductible({
      standardFen: 80_000, predecessor: { creditedFen: 30_000, endedOn: '2026-12-31' }, admittedOn: '2027-01-01', chainWindowDays: 3,
    });
    expect(r).toMatchObject({ basis: 'year_boundary', dueFen: 80_000, creditedBeforeFen: 0 });
  });

  it('unknown credit or no referral chain: full D(k)', () => {
    expect(continuousDeductible({ standardFen: 80_000, predecessor: null, admittedOn: '2026-03-01', chainWindowDays: 3 }))
      .toMatchObject({ basis: 'no_chain', dueFen: 80_000 });
    expect(continuousDeductible({ standardFen: 80_000, predecessor: { creditedFen: null, endedOn: '2026-03-01' }, admittedOn: '2026-03-01', chainWindowDays: 3 }))
      .toMatchObject({ basis: 'unknown_credit', dueFen: 80_000, creditedAfterFen: 80_000 });
  });

  it('estimates nothing when the level has no configured deductible', () => {
    expect(continuousDeductible({ standardFen: null, predecessor: { creditedFen: 30_000, endedOn: '2026-03-01' }, admittedOn: '2026-03-01', chainWindowDays: 3 }))
      .toEqual({ basis: 'not_configured', standardFen: null, creditedBeforeFen: 0, dueFen: null, creditedAfterFen: null });
  });

  it('keeps money in integer fen', () => {
    expect(yuanToFen(0.29)).toBe(29);
    expect(yuanToFen(1200.5)).toBe(120_050);
    expect(fenToYuan(120_050)).toBe(1200.5);
    expect(() => yuanToFen(1.005, 'eligibleCost')).toThrow(expect.objectContaining({ field: 'eligibleCost', code: 'money_format' }));
    expect(() => yuanToFen(-1)).toThrow(expect.objectContaining({ code: 'money_format' }));
  });

  describe('the stay an up-referral leaves (the chain CountyCare already holds)', () => {
    // township stay paid 300 (stated), then county admitted: C before 300, due 500, C after 800
    const countyStay = { admittedOn: '2026-03-02', creditedBeforeFen: 30_000, creditedAfterFen: 80_000 };
    const link = (stay: RecordedStay | null, statedPaidFen: number | null, referredOn = '2026-03-10') =>
      sourceStayCredit({ stay, statedPaidFen, referredOn, maxStayDays: 90 });

    it('township -> county (admitted) -> city credits everything paid in the chain, not only a typed figure', () => {
      expect(link(countyStay, null)).toEqual({ creditedFen: 80_000, linked: true });
      const city = continuousDeductible({
        standardFen: 150_000, predecessor: { creditedFen: link(countyStay, null)!.creditedFen, endedOn: '2026-03-10' },
        admittedOn: '2026-03-11', chainWindowDays: 3,
      });
      expect(city).toMatchObject({ basis: 'chained', creditedBeforeFen: 80_000, dueFen: 70_000, creditedAfterFen: 150_000 });
    });

    it('a figure the sending side states replaces the stay\'s own estimate, on top of what came before it', () => {
      // the county settled 550 although we estimated 500
      expect(link(countyStay, 55_000)).toEqual({ creditedFen: 85_000, linked: true });
      // a stay whose level had no configured deductible: only the stated figure and the earlier credit
      expect(link({ admittedOn: '2026-03-02', creditedBeforeFen: 0, creditedAfterFen: null }, 55_000)).toEqual({ creditedFen: 55_000, linked: true });
      expect(link({ admittedOn: '2026-03-02', creditedBeforeFen: 0, creditedAfterFen: null }, null)).toEqual({ creditedFen: null, linked: true });
    });

    it('without a recorded stay the stated figure alone is the credit; with neither there is no predecessor', () => {
      expect(link(null, 30_000)).toEqual({ creditedFen: 30_000, linked: false });
      expect(link(null, null)).toBeNull();
    });

    it('an old or last-year stay is not the one the patient leaves', () => {
      expect(link(countyStay, null, '2026-05-31')).toEqual({ creditedFen: 80_000, linked: true });
      expect(link(countyStay, null, '2026-06-01')).toBeNull();
      expect(link({ ...countyStay, admittedOn: '2025-12-30' }, 30_000, '2026-01-02')).toEqual({ creditedFen: 30_000, linked: false });
      // a stay admitted after the referral was sent cannot be its source
      expect(link(countyStay, null, '2026-03-01')).toBeNull();
    });
  });
});
