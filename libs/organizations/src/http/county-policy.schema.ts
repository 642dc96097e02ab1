import { Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiSchema, ApiSchemaOptions } from '@nestjs/swagger';
import { COUNTY_POLICY_LIMITS, DEDUCTIBLE_SCHEMES, DEFAULT_COUNTY_POLICY, FRACTIONAL_POLICY_SETTINGS, INSTITUTION_LEVELS } from '@countycare/domain';

/** What each setting controls (docs/domain.md §8); the numbers (default, range, whole or not) come from the domain's own tables. */
const DESCRIPTIONS: Record<string, string> = {
  '': 'County settings (docs/domain.md §8)',
  contract: 'Family-doctor contracts (docs/domain.md §3)',
  'contract.termMonths': 'Contract term, months (§3.3)',
  'contract.expiringWithinDays': 'Days before the end date at which the team is reminded that a contract expires',
  'contract.renewalGraceDays': 'Days after the end date an expired contract may still be renewed; the renewal rate counts them',
  'contract.maxActivePerGp': 'Most open contracts per GP (panel size)',
  'contract.maxBackdateDays': 'How many days back a team may date a signing entered later (§3.3)',
  'contract.maxStartAheadDays': 'How many days ahead a team or a resident may start a new contract (§3.3)',
  sickbed: 'Household sickbeds (docs/domain.md §4)',
  'sickbed.maxCycleDays': 'Longest cycle, days (§4.3)',
  'sickbed.endWarningDays': 'Days before the planned end at which the end-of-cycle warning shows',
  'sickbed.firstRoundHours': 'First doctor round within this many hours of opening',
  'sickbed.doctorRoundIntervalDays': 'Doctor rounds at least every N days; the most a bed\'s plan may use',
  'sickbed.nurseVisitIntervalDays': 'Nurse visits at least every N days; the most a bed\'s plan may use',
  referral: 'Two-way referrals (docs/domain.md §5)',
  'referral.replyHours': 'Hours the receiving side has to accept or reject, by urgency (§5.3)',
  'referral.replyHours.routine': 'Reply limit of routine referrals, hours (0.25 = 15 minutes)',
  'referral.replyHours.urgent': 'Reply limit of urgent (加急) referrals, hours (0.25 = 15 minutes)',
  'referral.replyHours.emergent': 'Reply limit of the green channel (emergent, 危急), hours (0.05 = 3 minutes; default a quarter hour)',
  'referral.noShowDays': 'Days after the appointment before a referral whose patient did not arrive expires',
  'referral.downFollowUpDays': 'Days after a down-referral by which the team follows the patient up',
  insurance: 'Continuous counting of the inpatient deductible (docs/domain.md §5.5)',
  'insurance.chainWindowDays': 'Days between two stays that still continue a deductible chain',
  'insurance.linkedStayMaxDays': 'How many days before an up-referral a recorded admission at the sender may have started and still be the stay it leaves',
  'insurance.deductibleByLevel': 'Standard inpatient deductible per institution level, yuan (0 to 1,000,000, at most 2 decimals), for every '
    + 'insurance scheme; no built-in amounts',
  'insurance.deductibleByScheme': 'The deductible of a level under one insurance scheme (employee 职工医保, resident 居民医保) where it differs from '
    + '`deductibleByLevel`, which every other level and scheme pays (§5.5); same amounts and levels',
  audit: 'The audit log (docs/domain.md §7.5)',
  'audit.retentionMonths': 'Whole months the audit events of a month stay in the database after it ends before the worker archives '
    + 'and drops them; a minimum: a month leaves only once it is older than every county\'s retention (at least 6, 网络安全法 Art. 21)',
};

/** As `validateDeductibles` in the domain. */
const MAX_DEDUCTIBLE_YUAN = 1_000_000;

/** Yuan per institution level, a level left out having none. */
const LEVEL_TABLE = {
  type: 'object' as const,
  properties: Object.fromEntries(INSTITUTION_LEVELS.map((level) => [level, { type: 'number' as const, minimum: 0, maximum: MAX_DEDUCTIBLE_YUAN }])),
  additionalProperties: false,
};

const pascal = (path: string) => path.split('.').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

/**
 * The policy's OpenAPI schema, built from DEFAULT_COUNTY_POLICY and the
 * domain's range table, so a setting added there is documented with its
 * range at once. `view`: every setting present (GET answers the effective
 * policy). `patch`: every setting optional (PATCH changes only what it
 * names). Unknown keys are refused: `additionalProperties: false`.
 */
function policyModel(path: string, node: object, mode: 'view' | 'patch'): Type<unknown> {
  const name = `${path ? pascal(path) : 'County'}Policy${mode === 'patch' ? 'Patch' : ''}`;
  const model = { [name]: class {} }[name];
  const description = DESCRIPTIONS[path] + (mode === 'patch' ? '; name only the settings to change' : '');
  ApiSchema({ name, description, additionalProperties: false } as ApiSchemaOptions)(model);
  const property = mode === 'view' ? ApiProperty : ApiPropertyOptional;
  for (const [key, value] of Object.entries(node)) {
    const field = path ? `${path}.${key}` : key;
    const fieldDescription = DESCRIPTIONS[field] ?? 'docs/domain.md §8';
    if (field === 'insurance.deductibleByLevel') {
      property({ ...LEVEL_TABLE, description: `${fieldDescription}. A level left out has none configured` })(model.prototype, key);
    } else if (field === 'insurance.deductibleByScheme') {
      property({
        type: 'object', properties: Object.fromEntries(DEDUCTIBLE_SCHEMES.map((scheme) => [scheme, LEVEL_TABLE])), additionalProperties: false,
        description: `${fieldDescription}. A scheme or level left out pays deductibleByLevel`,
      })(model.prototype, key);
    } else if (typeof value === 'object' && value !== null) {
      property({ type: policyModel(field, value, mode), description: fieldDescription })(model.prototype, key);
    } else {
      const [minimum, maximum] = COUNTY_POLICY_LIMITS[field] ?? [0, Number.MAX_SAFE_INTEGER];
      property({
        type: FRACTIONAL_POLICY_SETTINGS.has(field) ? 'number' : 'integer', minimum, maximum, default: value, description: fieldDescription,
      })(model.prototype, key);
    }
  }
  return model;
}

/** The effective county policy, as `GET /counties/:id` answers it. */
export const CountyPolicyView = policyModel('', DEFAULT_COUNTY_POLICY, 'view');
/** A partial county policy: the body of `PATCH /counties/:id/policy` and the overrides of a new county. */
export const CountyPolicyPatch = policyModel('', DEFAULT_COUNTY_POLICY, 'patch');
