/** The roles of issue #2; each user holds exactly one. */
export const ROLES = ['system_admin', 'county_admin', 'institution_admin', 'gp', 'nurse', 'referral_desk', 'resident'] as const;
export type Role = (typeof ROLES)[number];

export const STAFF_ROLES: readonly Role[] = ['county_admin', 'institution_admin', 'gp', 'nurse', 'referral_desk'];
/** Clinicians who deliver care and log services (county-wide sharing applies to them). */
export const CLINICAL_ROLES: readonly Role[] = ['gp', 'nurse'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
