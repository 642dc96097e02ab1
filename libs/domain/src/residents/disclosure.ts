import type { Role } from '../access/roles';

/** What of a resident's identity a caller sees in full; everything else is masked (domain.md §7.3). */
export interface Disclosure {
  fullName: boolean;
  fullIdNumber: boolean;
  fullPhone: boolean;
  /** Street address beyond the township (for home visits). */
  fullAddress: boolean;
  /** Severe mental disorder and TB tags. */
  sensitiveTags: boolean;
}

const CARE_TEAM: readonly Role[] = ['gp', 'nurse'];

/**
 * Lists mask names and numbers for everyone; a detail view shows the name to
 * clinicians and the desk, the address to clinicians; ID and phone numbers
 * only when explicitly revealed by a role allowed to (and then audited).
 * Residents always see their own record in full.
 */
export function residentDisclosure(args: { role: Role; self: boolean; view: 'list' | 'detail'; reveal: boolean }): Disclosure {
  if (args.self) return { fullName: true, fullIdNumber: true, fullPhone: true, fullAddress: true, sensitiveTags: true };
  const clinician = CARE_TEAM.includes(args.role);
  if (args.view === 'list') {
    return { fullName: false, fullIdNumber: false, fullPhone: false, fullAddress: false, sensitiveTags: clinician };
  }
  return {
    fullName: clinician || args.role === 'referral_desk',
    fullIdNumber: args.reveal,
    fullPhone: args.reveal,
    fullAddress: clinician,
    sensitiveTags: clinician,
  };
}

/**
 * Why full ID and phone numbers are shown (domain.md §7.3): the purpose of
 * use every reveal names, kept in its audit event and shown to the resident
 * in their access log (PIPL Art. 6: no more than the purpose needs).
 */
export const REVEAL_REASONS = [
  'contact_resident', // call the resident: a follow-up, a visit, an appointment
  'verify_identity', // check who is in front of you against their ID card
  'insurance_settlement', // 医保结算: the scheme needs the full number
  'referral_arrangement', // book the receiving hospital, arrange transport
  'registry_correction', // correct the resident's registration
] as const;
export type RevealReason = (typeof REVEAL_REASONS)[number];
