/**
 * The patient's consent to share records with the receiving institution
 * (domain.md §5.4): the writer records it; left out, the open contract's
 * county-wide sharing consent (一地签约、县域服务共享) stands for it; without a
 * contract, no consent.
 */
export function referralConsent(recorded: boolean | undefined | null, contractSharing: boolean | null): boolean {
  if (recorded === true || recorded === false) return recorded;
  return contractSharing === true;
}

/**
 * Whether a reader sees a referral's clinical content (diagnoses, summary,
 * history, results, vitals): without consent the receiving institution sees
 * the demographics and the reason only (domain.md §5.4); the sending side, the
 * resident and the county's oversight see it all. A referral written before
 * consent was recorded (null) reads as before.
 */
export function seesClinicalContent(input: {
  consentToShare: boolean | null;
  readerInstitutionId: string | null;
  fromInstitutionId: string;
  toInstitutionId: string;
}): boolean {
  if (input.consentToShare !== false) return true;
  return input.readerInstitutionId !== input.toInstitutionId || input.toInstitutionId === input.fromInstitutionId;
}
