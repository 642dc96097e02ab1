import { BusinessRuleError, InvalidValueError } from '../shared/domain-error';
import {
  assertMayApprove, assertMayReject, mayRunSickbeds, assertReassessmentAllowsExtension, EligibilityCriteria, unmetCriteria, validateAssessment,
} from './admission-assessment';

const good: EligibilityCriteria = {
  diagnosisClear: true, conditionStable: true, homeSafe: true, caregiverPresent: true, indications: ['bedridden_or_disabled'], exclusions: [],
};

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

describe('admission assessment (domain.md §4.1 AdmissionAssessment, §4.3 admission criteria)', () => {
  it('a patient meeting every criterion has nothing unmet', () => {
    expect(unmetCriteria(good)).toEqual([]);
  });

  it('lists every failed item, exclusions included', () => {
    expect(unmetCriteria({ ...good, conditionStable: false, caregiverPresent: false, indications: [], exclusions: ['infectious_period'] }))
      .toEqual(['conditionStable', 'caregiverPresent', 'indications', 'exclusions.infectious_period']);
  });

  it('refuses "eligible" when the checklist says otherwise (400 on result)', () => {
    expect(() => validateAssessment({ result: 'eligible', criteria: { ...good, homeSafe: false } })).toThrow(InvalidValueError);
    expect(codeOf(() => validateAssessment({ result: 'eligible', criteria: { ...good, exclusions: ['needs_large_equipment'] } }))).toBe('criteria_not_met');
    expect(() => validateAssessment({ result: 'eligible', criteria: good })).not.toThrow();
  });

  it('ineligible and pending need a reason', () => {
    expect(codeOf(() => validateAssessment({ result: 'ineligible', criteria: good }))).toBe('reason_required');
    expect(codeOf(() => validateAssessment({ result: 'pending', criteria: good, reason: '  ' }))).toBe('reason_required');
    expect(() => validateAssessment({ result: 'ineligible', criteria: good, reason: '需住院抢救' })).not.toThrow();
  });

  it('Barthel index is 0–100 in steps of 5', () => {
    expect(() => validateAssessment({ result: 'eligible', criteria: good, functionalScore: 35 })).not.toThrow();
    expect(codeOf(() => validateAssessment({ result: 'eligible', criteria: good, functionalScore: 37 }))).toBe('barthel_score');
    expect(codeOf(() => validateAssessment({ result: 'eligible', criteria: good, functionalScore: 105 }))).toBe('barthel_score');
  });

  it('approval needs an eligible assessment and both signatures (§4.2 approve guard)', () => {
    expect(codeOf(() => assertMayApprove(null))).toBe('sickbed_not_assessed_eligible');
    expect(codeOf(() => assertMayApprove({ result: 'pending', consentSigned: true, agreementSigned: true }))).toBe('sickbed_not_assessed_eligible');
    expect(codeOf(() => assertMayApprove({ result: 'eligible', consentSigned: false, agreementSigned: true }))).toBe('sickbed_consent_missing');
    expect(codeOf(() => assertMayApprove({ result: 'eligible', consentSigned: true, agreementSigned: false }))).toBe('sickbed_consent_missing');
    expect(() => assertMayApprove({ result: 'eligible', consentSigned: true, agreementSigned: true })).not.toThrow();
  });

  it('rejection needs an ineligible assessment', () => {
    expect(() => assertMayReject({ result: 'eligible' })).toThrow(BusinessRuleError);
    expect(() => assertMayReject(null)).toThrow(BusinessRuleError);
    expect(() => assertMayReject({ result: 'ineligible' })).not.toThrow();
  });

  it('an extension needs a reassessment that still finds the patient eligible (§4.3 Extension)', () => {
    expect(codeOf(() => assertReassessmentAllowsExtension({ result: 'pending', criteria: good, reason: '待复查' }))).toBe('sickbed_reassessment_not_eligible');
    expect(codeOf(() => assertReassessmentAllowsExtension({ result: 'eligible', criteria: { ...good, indications: [] } }))).toBe('criteria_not_met');
    expect(() => assertReassessmentAllowsExtension({ result: 'eligible', criteria: good })).not.toThrow();
  });

  it('beds are run by primary care or a county hospital, not by city or provincial hospitals (§4.3 Who may open)', () => {
    expect(['village_clinic', 'township_center', 'county_hospital'].every((l) => mayRunSickbeds(l as never))).toBe(true);
    expect(mayRunSickbeds('city_hospital')).toBe(false);
    expect(mayRunSickbeds('provincial_hospital')).toBe(false);
  });
});
