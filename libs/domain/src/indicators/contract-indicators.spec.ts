import { fulfilment } from '../contracts/fulfilment';
import { derivedTags } from '../residents/population-tags';
import { addDays } from '../shared/calendar-date';
import {
  ageTagBirthBounds, ContractIndicatorCounts, contractIndicators, KEY_POPULATION_TAGS, KeyPopulationTag, RECORDED_KEY_POPULATION_TAGS,
  RENEWAL_EXCLUDED_REASONS,
} from './contract-indicators';

const tags = (values: Partial<Record<KeyPopulationTag, number>>) =>
  Object.fromEntries(KEY_POPULATION_TAGS.map((t) => [t, values[t] ?? 0])) as Record<KeyPopulationTag, number>;

const counts = (over: Partial<ContractIndicatorCounts> = {}): ContractIndicatorCounts => ({
  registry: { residents: 8, keyPopulation: 7, byTag: tags({ elderly_65: 4, hypertension: 1, disabled: 1 }) },
  contracted: { residents: 4, keyPopulation: 3, byTag: tags({ elderly_65: 1, hypertension: 1 }) },
  plan: { promised: 32, counted: 9 },
  ended: { contracts: 3, fullyFulfilled: 1, renewable: 2, renewed: 1, renewedSameTeam: 1 },
  renewalGraceDays: 30,
  services: [
    { contractInstitutionId: 'town1', deliveringInstitutionId: 'town1', services: 1 },
    { contractInstitutionId: 'town1', deliveringInstitutionId: 'town2', services: 1 },
    { contractInstitutionId: 'town2', deliveringInstitutionId: 'town2', services: 2 },
  ],
  ...over,
});

describe('family-doctor contract indicators (domain.md §3.6)', () => {
  it('签约率 = residents with an active contract ÷ registered residents (the registry stands for the census)', () => {
    expect(contractIndicators(counts()).indicators.coverage).toEqual({
      numerator: 4, denominator: 8, rate: 0.5, unit: 'proportion', noteCode: 'coverage_registry_denominator',
    });
  });

  it('重点人群签约率 counts each person once, and is reported per tag (null where nobody has the tag)', () => {
    const out = contractIndicators(counts());
    expect(out.indicators.keyPopulationCoverage).toMatchObject({ numerator: 3, denominator: 7, rate: 0.4286 });
    expect(out.keyPopulationByTag.map((t) => t.tag)).toEqual([...KEY_POPULATION_TAGS]);
    expect(out.keyPopulationByTag.find((t) => t.tag === 'elderly_65')).toMatchObject({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(out.keyPopulationByTag.find((t) => t.tag === 'disabled')).toMatchObject({ numerator: 0, denominator: 1, rate: 0 });
    expect(out.keyPopulationByTag.find((t) => t.tag === 'pregnant')).toMatchObject({ numerator: 0, denominator: 0, rate: null });
  });

  it('below county level there is no registry denominator: coverage has a numerator and says why it has no rate', () => {
    const out = contractIndicators(counts({ registry: null }));
    expect(out.indicators.coverage).toEqual({
      numerator: 4, denominator: null, rate: null, unit: 'proportion', noteCode: 'coverage_county_scope_only',
    });
    expect(out.keyPopulationByTag[0]).toMatchObject({ denominator: null, rate: null });
  });

  it('履约率 (item) = Σ min(delivered, promised) ÷ Σ promised: the same sums as a contract\'s own fulfilment (§3.5)', () => {
    const windows = [
      { itemCode: 'htn', itemName: 'h', modality: 'face_to_face' as const, dueCount: 1, deliveredCount: 3, status: 'met' as const },
      { itemCode: 'htn', itemName: 'h', modality: 'face_to_face' as const, dueCount: 1, deliveredCount: 0, status: 'missed' as const },
      { itemCode: 'chk', itemName: 'c', modality: 'any' as const, dueCount: 2, deliveredCount: 1, status: 'open' as const },
      { itemCode: 'chk', itemName: 'c', modality: 'any' as const, dueCount: 1, deliveredCount: 0, status: 'dropped' as const },
    ];
    const kept = windows.filter((w) => w.status !== 'dropped');
    const plan = {
      promised: kept.reduce((s, w) => s + w.dueCount, 0),
      counted: kept.reduce((s, w) => s + Math.min(w.deliveredCount, w.dueCount), 0),
    };
    const item = contractIndicators(counts({ plan })).indicators.itemFulfilment;
    expect(item).toMatchObject({ numerator: 2, denominator: 4, rate: 0.5 });
    expect(item.rate).toBe(fulfilment(windows).overall.rate);
  });

  it('履约率 (person) = fully fulfilled ÷ ended; 续约率 = renewed ÷ ended less deaths and moves out, also with the same team', () => {
    const out = contractIndicators(counts({ ended: { contracts: 4, fullyFulfilled: 1, renewable: 3, renewed: 2, renewedSameTeam: 1 } }));
    expect(out.indicators.personFulfilment).toMatchObject({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(out.indicators.renewalRate).toMatchObject({
      numerator: 2, denominator: 3, rate: 0.6667, noteCode: 'renewal_rule', noteParams: { graceDays: 30 },
    });
    expect(out.indicators.renewalRateSameTeam).toMatchObject({ numerator: 1, denominator: 3, rate: 0.3333 });
    expect([...RENEWAL_EXCLUDED_REASONS].sort()).toEqual(['deceased', 'moved_out']);
  });

  it('service volume by deliverer: the share delivered by another institution than the signing one', () => {
    const out = contractIndicators(counts());
    expect(out.indicators.serviceVolume).toMatchObject({ numerator: 4, unit: 'count', rate: null });
    expect(out.indicators.sharedServiceShare).toMatchObject({ numerator: 1, denominator: 4, rate: 0.25 });
    expect(contractIndicators(counts({ services: [] })).indicators.sharedServiceShare).toMatchObject({ denominator: 0, rate: null });
  });

  it('key populations are the glossary\'s groups (§1 重点人群): COPD and cancer are not among them', () => {
    expect(KEY_POPULATION_TAGS).not.toContain('copd');
    expect(KEY_POPULATION_TAGS).not.toContain('cancer');
    expect(RECORDED_KEY_POPULATION_TAGS).not.toContain('elderly_65');
    expect(RECORDED_KEY_POPULATION_TAGS).toHaveLength(KEY_POPULATION_TAGS.length - 2);
  });
});

describe('age-derived tags as birth-date bounds (same rule as derivedTags, residents/population-tags)', () => {
  it('agrees with derivedTags for every birth date around the bounds, leap days included', () => {
    for (const onDate of ['2027-06-30', '2028-02-29', '2027-02-28', '2027-03-01', '2028-03-01']) {
      const bounds = ageTagBirthBounds(onDate);
      for (const anchor of [bounds.elderly_65, bounds.child_0_6]) {
        for (let offset = -3; offset <= 3; offset++) {
          const birth = addDays(anchor, offset);
          const derived = derivedTags(birth, onDate);
          expect({ onDate, birth, elderly: birth <= bounds.elderly_65, child: birth > bounds.child_0_6 })
            .toEqual({ onDate, birth, elderly: derived.includes('elderly_65'), child: derived.includes('child_0_6') });
        }
      }
    }
  });

  it('65 on the 65th birthday, no longer 0-6 on the 7th', () => {
    expect(ageTagBirthBounds('2027-06-30')).toEqual({ elderly_65: '1962-06-30', child_0_6: '2020-06-30' });
    expect(ageTagBirthBounds('2028-02-29')).toEqual({ elderly_65: '1963-02-28', child_0_6: '2021-02-28' });
  });
});
