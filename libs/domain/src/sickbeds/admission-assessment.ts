import { BusinessRuleError, InvalidValueError } from '../shared/domain-error';
import { InstitutionLevel, isPrimaryCare } from '../organizations/institution-level';

/** 建床评估 results (three values, after the TW home-acute-care IG, domain.md §4.1). */
export const ASSESSMENT_RESULTS = ['eligible', 'ineligible', 'pending'] as const;
export type AssessmentResult = (typeof ASSESSMENT_RESULTS)[number];

/** Why going to hospital is hard for this patient: at least one must hold (domain.md §4.3 admission criteria). */
export const ADMISSION_INDICATIONS = [
  'bedridden_or_disabled',
  'frail_elderly',
  'post_discharge_treatment',
  'rehab_after_stroke_or_fracture',
  'terminal_or_palliative',
  'long_term_tube_or_wound_care',
] as const;
export type AdmissionIndication = (typeof ADMISSION_INDICATIONS)[number];

/**
 * Findings that exclude a household sickbed whatever else holds (domain.md
 * §4.3 "Exclude"). Undiagnosed, unstable, unsafe home and no caregiver are
 * the negative answers of the checklist's yes/no items instead.
 */
export const ADMISSION_EXCLUSIONS = ['needs_hospital_rescue', 'needs_large_equipment', 'infectious_period'] as const;
export type AdmissionExclusion = (typeof ADMISSION_EXCLUSIONS)[number];

/** The eligibility checklist a doctor fills in at the bedside. */
export interface EligibilityCriteria {
  diagnosisClear: boolean;
  conditionStable: boolean;
  /** Safe access, power and water at home. */
  homeSafe: boolean;
  caregiverPresent: boolean;
  indications: AdmissionIndication[];
  exclusions: AdmissionExclusion[];
}

/** The checklist items that fail, in a stable order; empty means the patient qualifies. */
export function unmetCriteria(c: EligibilityCriteria): string[] {
  const unmet: string[] = [];
  if (!c.diagnosisClear) unmet.push('diagnosisClear');
  if (!c.conditionStable) unmet.push('conditionStable');
  if (!c.homeSafe) unmet.push('homeSafe');
  if (!c.caregiverPresent) unmet.push('caregiverPresent');
  if (c.indications.length === 0) unmet.push('indications');
  for (const exclusion of c.exclusions) unmet.push(`exclusions.${exclusion}`);
  return unmet;
}

export interface AssessmentInput {
  result: AssessmentResult;
  criteria: EligibilityCriteria;
  /** Barthel ADL index, 0–100 in steps of 5 [D]. */
  functionalScore?: number | null;
  reason?: string | null;
}

/**
 * An assessment must agree with its own checklist: "eligible" only when every
 * item holds, "ineligible" and "pending" with a reason.
 */
export function validateAssessment(a: AssessmentInput): void {
  if (a.functionalScore !== undefined && a.functionalScore !== null) {
    if (!Number.isInteger(a.functionalScore) || a.functionalScore < 0 || a.functionalScore > 100 || a.functionalScore % 5 !== 0) {
      throw new InvalidValueError('functionalScore', 'barthel_score', 'Barthel index is 0 to 100 in steps of 5');
    }
  }
  const unmet = unmetCriteria(a.criteria);
  if (a.result === 'eligible' && unmet.length > 0) {
    throw new InvalidValueError('result', 'criteria_not_met', `eligible needs every criterion; unmet: ${unmet.join(', ')}`, {
      unmet: unmet.join(', '),
    });
  }
  if (a.result !== 'eligible' && !a.reason?.trim()) {
    throw new InvalidValueError('reason', 'reason_required', `a reason is required when the result is ${a.result}`);
  }
}

/** What approval (and opening) needs: an eligible assessment and the signed agreement and consent (domain.md §4.2, §4.3). */
export function assertMayApprove(latest: { result: AssessmentResult; consentSigned: boolean; agreementSigned: boolean } | null): void {
  if (!latest || latest.result !== 'eligible') {
    throw new BusinessRuleError('sickbed_not_assessed_eligible', 'approval needs an assessment with result eligible');
  }
  if (!latest.consentSigned || !latest.agreementSigned) {
    throw new BusinessRuleError('sickbed_consent_missing', 'approval needs the signed agreement and informed consent');
  }
}

/** Rejection needs an assessment that found the patient ineligible (domain.md §4.2). */
export function assertMayReject(latest: { result: AssessmentResult } | null): void {
  if (!latest || latest.result !== 'ineligible') {
    throw new BusinessRuleError('sickbed_not_assessed_ineligible', 'rejection needs an assessment with result ineligible');
  }
}

/** 续床 needs a fresh reassessment that finds the patient still eligible (domain.md §4.3 Extension). */
export function assertReassessmentAllowsExtension(reassessment: AssessmentInput): void {
  validateAssessment(reassessment);
  if (reassessment.result !== 'eligible') {
    throw new BusinessRuleError('sickbed_reassessment_not_eligible', 'an extension needs a reassessment with result eligible');
  }
}

/** Who may run household sickbeds: primary-care institutions, or a county hospital (domain.md §4.3 Who may open). */
export function mayRunSickbeds(level: InstitutionLevel): boolean {
  return isPrimaryCare(level) || level === 'county_hospital';
}
