/** The transitions the receiving side (and a canceller) may be offered on a referral, in the order the buttons show. */
export const REFERRAL_ACTIONS = ['accept', 'schedule', 'reschedule', 'arrive', 'complete', 'return', 'reject', 'cancel'] as const;
export type ReferralActionKind = (typeof REFERRAL_ACTIONS)[number];

export function isReferralAction(a: string): a is ReferralActionKind {
  return (REFERRAL_ACTIONS as readonly string[]).includes(a);
}

/** Actions that end or send back the referral: shown as danger buttons. */
export const DESTRUCTIVE: readonly ReferralActionKind[] = ['reject', 'cancel', 'return'];

/** Actions whose body needs a reason (`ReferralReasonDto`). */
export const NEEDS_REASON: readonly ReferralActionKind[] = ['reject', 'return', 'cancel'];
