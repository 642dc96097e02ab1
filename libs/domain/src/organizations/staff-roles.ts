import type { Role } from '../access/roles';

/**
 * Which staff roles an administrator may hand out (and later disable):
 * least privilege (domain.md §7.7) means nobody creates an account stronger
 * than their own scope. A county admin staffs the county; an institution
 * admin staffs its institution with clinicians and desk clerks only.
 */
const GRANTABLE: Partial<Record<Role, readonly Role[]>> = {
  system_admin: ['county_admin', 'institution_admin', 'gp', 'nurse', 'referral_desk'],
  county_admin: ['county_admin', 'institution_admin', 'gp', 'nurse', 'referral_desk'],
  institution_admin: ['gp', 'nurse', 'referral_desk'],
};

export function mayGrantRole(actorRole: Role, staffRole: Role): boolean {
  return GRANTABLE[actorRole]?.includes(staffRole) ?? false;
}

/** Member roles of a GP team (domain.md §3.1), in lower_snake_case. */
export const TEAM_MEMBER_ROLES = ['gp_lead', 'gp', 'nurse', 'public_health', 'village_doctor', 'specialist', 'pharmacist', 'health_manager', 'tcm'] as const;
export type TeamMemberRole = (typeof TEAM_MEMBER_ROLES)[number];

/** What a team member may do on the team follows from their account: a nurse account cannot be the team's GP. */
const MEMBER_ROLES_BY_ACCOUNT: Partial<Record<Role, readonly TeamMemberRole[]>> = {
  gp: ['gp_lead', 'gp', 'village_doctor', 'specialist', 'tcm', 'health_manager'],
  nurse: ['nurse', 'public_health', 'health_manager', 'pharmacist'],
};

export function memberRoleFits(accountRole: Role, memberRole: TeamMemberRole): boolean {
  return MEMBER_ROLES_BY_ACCOUNT[accountRole]?.includes(memberRole) ?? false;
}
