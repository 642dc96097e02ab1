import { ReferralFlowCounts, ReferralIndicatorCounts, referralIndicators } from './referral-indicators';

const flow = (over: Partial<ReferralFlowCounts> = {}): ReferralFlowCounts => ({
  submitted: 0, answeredInTime: 0, undecided: 0, arrived: 0, completed: 0, ...over,
});

const counts = (over: Partial<ReferralIndicatorCounts> = {}): ReferralIndicatorCounts => ({
  byDirection: {
    up: flow({ submitted: 5, answeredInTime: 3, undecided: 0, arrived: 2, completed: 1 }),
    down: flow({ submitted: 1, answeredInTime: 1, arrived: 1, completed: 1 }),
  },
  appointments: { decided: 4, arrived: 3 },
  deductible: { admitted: 2, standardFen: 110_000, dueFen: 50_000 },
  ...over,
});

describe('referral indicators (domain.md §5.6)', () => {
  it('上转人次 / 下转人次 = referrals arrived (or completed) in the period; 下转比 = down ÷ up', () => {
    const { indicators } = referralIndicators(counts());
    expect(indicators.upReferrals).toMatchObject({ numerator: 2, unit: 'count' });
    expect(indicators.downReferrals).toMatchObject({ numerator: 1, unit: 'count' });
    expect(indicators.downToUpRatio).toEqual({ numerator: 1, denominator: 2, rate: 0.5, unit: 'ratio' });
  });

  it('下转比 has no rate without up-referrals', () => {
    const none = counts({ byDirection: { up: flow(), down: flow({ arrived: 2 }) } });
    expect(referralIndicators(none).indicators.downToUpRatio).toMatchObject({ numerator: 2, denominator: 0, rate: null });
  });

  it('受理及时率 = answered within the limit ÷ submitted, leaving out those not yet late (still running or called off in time)', () => {
    expect(referralIndicators(counts()).indicators.timelyAnswerRate).toMatchObject({ numerator: 4, denominator: 6, rate: 0.6667 });
    const pending = counts({ byDirection: { up: flow({ submitted: 5, answeredInTime: 3, undecided: 2 }), down: flow() } });
    expect(referralIndicators(pending).indicators.timelyAnswerRate).toMatchObject({ numerator: 3, denominator: 3, rate: 1 });
  });

  it('转诊到诊率 = arrived ÷ scheduled with a known outcome', () => {
    expect(referralIndicators(counts()).indicators.arrivalRate).toMatchObject({ numerator: 3, denominator: 4, rate: 0.75 });
  });

  it('县外转诊率 is 0 of the up-referrals submitted: referrals only go to institutions of the county', () => {
    expect(referralIndicators(counts()).indicators.outOfCountyRate).toEqual({
      numerator: 0, denominator: 5, rate: 0, unit: 'proportion', noteCode: 'out_of_county_not_supported',
    });
  });

  it('continuous deductible totals in yuan: standard, still due, and relieved by the chain (§5.5)', () => {
    expect(referralIndicators(counts()).continuousDeductible).toEqual({ admittedReferrals: 2, standardYuan: 1100, dueYuan: 500, relievedYuan: 600 });
  });

  it('lists both directions in a stable order', () => {
    expect(referralIndicators(counts()).byDirection.map((d) => d.direction)).toEqual(['up', 'down']);
  });
});
