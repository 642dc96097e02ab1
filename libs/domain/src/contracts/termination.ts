import { InvalidValueError } from '../shared/domain-error';

/** §3.1 TerminationReason: codes unioned from B-soft and YLZ. */
export const TERMINATION_REASONS = [
  'moved_out', 'deceased', 'resident_request', 'lost_contact', 'refused_service', 'resigned_other_team', 'invoice_voided', 'other',
] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];

export function isTerminationReason(value: string): value is TerminationReason {
  return (TERMINATION_REASONS as readonly string[]).includes(value);
}

/**
 * A termination needs a coded reason; `other` also needs a note saying what
 * happened, so the renewal-rate denominator (§3.6) can still be checked.
 */
export function assertTerminationReason(reason: string, note: string | null | undefined): TerminationReason {
  if (!isTerminationReason(reason)) throw new InvalidValueError('reason', 'isIn', 'reason is not a termination reason code');
  if (reason === 'other' && !note?.trim()) throw new InvalidValueError('note', 'termination_note_required', 'reason "other" needs a note');
  return reason;
}

/** §3.6 renewal rate: contracts ended by death or moving away leave its denominator. */
export function excludedFromRenewalRate(reason: TerminationReason | null): boolean {
  return reason === 'deceased' || reason === 'moved_out';
}

/** How the resident's signature was given (YLZ signWay 0/1/2, §1 代签). */
export const SIGN_WAYS = ['self', 'family_proxy', 'doctor_proxy'] as const;
export type SignWay = (typeof SIGN_WAYS)[number];

/** Under 14 a guardian signs and consents (PIPL Art. 31, §3.3 "Household signing"). */
export const GUARDIAN_AGE_LIMIT = 14;

export function assertSignWay(signWay: SignWay, residentAge: number): void {
  if (residentAge < GUARDIAN_AGE_LIMIT && signWay === 'self') {
    throw new InvalidValueError('signWay', 'guardian_required', 'a resident under 14 is signed for by a guardian (family_proxy)');
  }
}

/**
 * County-wide sharing (§2.2, §7.4 PIPL Art. 29): clinicians of the signing
 * institution always work on the contract; those of other member
 * institutions only when the resident gave the separate sharing consent.
 */
export function mayShareWithInstitution(contract: { institutionId: string; sharingConsent: boolean }, institutionId: string | null): boolean {
  return contract.institutionId === institutionId || contract.sharingConsent;
}
