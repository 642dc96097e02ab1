import { excludedFromRenewalRate, TERMINATION_REASONS, TerminationReason } from '../contracts/termination';
import { DerivedTag, PopulationTag, RecordedTag } from '../residents/population-tags';
import { addMonths, CalendarDate } from '../shared/calendar-date';
import { count, IndicatorValue, proportion, UnavailableIndicator } from './indicator';

/**
 * 重点人群 as the glossary of domain.md §1 lists them: 65+, 0-6, pregnant and
 * postpartum women, hypertension, T2 diabetes, severe mental disorder, TB,
 * disabled, poor or special families. COPD and cancer are recorded tags of
 * local personalised packages (§3.4), not key populations.
 */
export const KEY_POPULATION_TAGS = [
  'elderly_65', 'child_0_6', 'pregnant', 'hypertension', 'diabetes_t2', 'severe_mental', 'tuberculosis', 'disabled', 'low_income',
  'family_planning_special',
] as const satisfies readonly PopulationTag[];
export type KeyPopulationTag = (typeof KEY_POPULATION_TAGS)[number];

/** The key-population tags a clinician records (the others follow from the birth date). */
export const RECORDED_KEY_POPULATION_TAGS = KEY_POPULATION_TAGS.filter(
  (t): t is KeyPopulationTag & RecordedTag => t !== 'elderly_65' && t !== 'child_0_6',
);

/**
 * Birth dates of the age-derived tags on a date, so a query can count them
 * without computing ages (same rule as `derivedTags`): 65 or older when born
 * on or before `elderlyBornOnOrBefore`, 0-6 when born after `childBornAfter`.
 * A 29 February falls back to the 28th in common years, as birthdays do.
 */
export function ageTagBirthBounds(onDate: CalendarDate): Record<DerivedTag, CalendarDate> {
  return { elderly_65: addMonths(onDate, -65 * 12), child_0_6: addMonths(onDate, -7 * 12) };
}

/** §3.6 续约率 leaves out contracts ended by death or moving away. */
export const RENEWAL_EXCLUDED_REASONS: readonly TerminationReason[] = TERMINATION_REASONS.filter((r) => excludedFromRenewalRate(r));

/** What the contract indicator queries count (domain.md §3.6). */
export interface ContractIndicatorCounts {
  /** The county's registry (active residents), by key population; null below county level (residents belong to a county only). */
  registry: { residents: number; keyPopulation: number; byTag: Record<KeyPopulationTag, number> } | null;
  /** Of those, the residents with a contract active on the reference date (in the scope's teams or institution). */
  contracted: { residents: number; keyPopulation: number; byTag: Record<KeyPopulationTag, number> };
  /** Plan windows (not dropped) of contracts active in the period: Σ due, Σ min(delivered, due). */
  plan: { promised: number; counted: number };
  /** Contracts whose term ended in the period. */
  ended: {
    contracts: number;
    fullyFulfilled: number;
    /** Ended other than by death or moving away (renewal denominator). */
    renewable: number;
    renewed: number;
    renewedSameTeam: number;
  };
  renewalGraceDays: number;
  /** Valid service records delivered in the period, per signing and delivering institution. */
  services: Array<{ contractInstitutionId: string; deliveringInstitutionId: string; services: number }>;
}

export type ContractIndicatorName =
  | 'coverage' | 'keyPopulationCoverage' | 'itemFulfilment' | 'personFulfilment' | 'renewalRate' | 'renewalRateSameTeam'
  | 'serviceVolume' | 'sharedServiceShare';

export interface ContractIndicators {
  indicators: Record<ContractIndicatorName, IndicatorValue>;
  keyPopulationByTag: Array<IndicatorValue & { tag: KeyPopulationTag }>;
}

/**
 * The §3.6 formulas on the counted figures:
 * - 签约率 = residents with a contract active on the reference date ÷ registered residents
 *   (no census figure is stored, so the registry stands for 常住人口);
 * - 重点人群签约率 = the same over residents with any key-population tag, once per person, and per tag;
 * - 履约率 (item) = Σ min(delivered, promised) ÷ Σ promised over the plan windows of contracts active in the period;
 * - 履约率 (person) = contracts fully fulfilled ÷ contracts whose term ended in the period;
 * - 续约率 = ended contracts with a successor for the same resident starting ≤ grace days after the end ÷ ended
 *   contracts, deaths and moves out excluded; also with the same team;
 * - service volume and the share delivered by another institution than the signing one (county-wide sharing).
 */
export function contractIndicators(c: ContractIndicatorCounts): ContractIndicators {
  const registryNote = c.registry ? { noteCode: 'coverage_registry_denominator' } : { noteCode: 'coverage_county_scope_only' };
  const totalServices = c.services.reduce((sum, s) => sum + s.services, 0);
  const shared = c.services.filter((s) => s.contractInstitutionId !== s.deliveringInstitutionId).reduce((sum, s) => sum + s.services, 0);
  const renewalNote = { noteCode: 'renewal_rule', noteParams: { graceDays: c.renewalGraceDays } };
  return {
    indicators: {
      coverage: proportion(c.contracted.residents, c.registry?.residents ?? null, registryNote),
      keyPopulationCoverage: proportion(c.contracted.keyPopulation, c.registry?.keyPopulation ?? null, registryNote),
      itemFulfilment: proportion(c.plan.counted, c.plan.promised, { noteCode: 'fulfilment_item_rule' }),
      personFulfilment: proportion(c.ended.fullyFulfilled, c.ended.contracts),
      renewalRate: proportion(c.ended.renewed, c.ended.renewable, renewalNote),
      renewalRateSameTeam: proportion(c.ended.renewedSameTeam, c.ended.renewable, renewalNote),
      serviceVolume: count(totalServices),
      sharedServiceShare: proportion(shared, totalServices, { noteCode: 'shared_services_rule' }),
    },
    keyPopulationByTag: KEY_POPULATION_TAGS.map((tag) => ({
      tag, ...proportion(c.contracted.byTag[tag], c.registry ? c.registry.byTag[tag] : null),
    })),
  };
}

/** §3.6 indicators whose data CountyCare does not hold. */
export const CONTRACT_UNAVAILABLE: readonly UnavailableIndicator[] = [
  { name: 'satisfaction', reasonCode: 'unavailable_no_survey' },
  { name: 'contractedPrimaryCareVisitShare', reasonCode: 'unavailable_needs_visit_feed' },
  { name: 'hypertensionStandardManagement', reasonCode: 'unavailable_no_spec_item_mapping' },
  { name: 'bloodPressureControl', reasonCode: 'unavailable_no_spec_item_mapping' },
];
