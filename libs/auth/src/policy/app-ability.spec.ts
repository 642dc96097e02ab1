import type { Principal } from '@countycare/common';
import { Policy } from './policy.service';

const base: Principal = {
  userId: 'u-gp', username: 'gp', displayName: 'GP', role: 'gp', countyId: 'cA', institutionId: 'iA1', teamId: 'tA1',
  residentId: null, sessionId: 's',
};
const as = (p: Partial<Principal>): Principal => ({ ...base, ...p });
const policy = new Policy();

describe('policy layer (design.md "Access control": role may? record in scope?)', () => {
  it('a GP reads residents of its own county only', () => {
    const gp = as({});
    expect(policy.can(gp, 'read', 'Resident', { countyId: 'cA' })).toBe(true);
    expect(policy.can(gp, 'read', 'Resident', { countyId: 'cB' })).toBe(false);
  });

  it('a GP reads its team\'s contracts and, under county sharing, any open contract of the county', () => {
    const gp = as({ teamId: 'tA2' });
    expect(policy.can(gp, 'read', 'Contract', { teamId: 'tA2', countyId: 'cA', status: 'expired' })).toBe(true);
    expect(policy.can(gp, 'read', 'Contract', { teamId: 'tA1', countyId: 'cA', status: 'active' })).toBe(true);
    expect(policy.can(gp, 'logService', 'Contract', { teamId: 'tA1', countyId: 'cA', status: 'active' })).toBe(true);
    expect(policy.can(gp, 'read', 'Contract', { teamId: 'tA1', countyId: 'cA', status: 'expired' })).toBe(false);
    expect(policy.can(gp, 'logService', 'Contract', { teamId: 'tB1', countyId: 'cB', status: 'active' })).toBe(false);
    expect(policy.can(gp, 'sign', 'Contract', { teamId: 'tA1' })).toBe(false);
  });

  it('full numbers (reveal) only for the resident\'s care team and the desk working their referral (domain.md §7.3)', () => {
    const resident = { countyId: 'cA', careTeamIds: ['tA1'], careUserIds: ['u-nurse-9'], referralInstitutionIds: ['hospA', 'iA1'] };
    expect(policy.can(as({}), 'reveal', 'Resident', resident)).toBe(true);
    expect(policy.can(as({ teamId: 'tA2' }), 'reveal', 'Resident', resident)).toBe(false);
    expect(policy.can(as({ role: 'nurse', userId: 'u-nurse-9', teamId: 'tX' }), 'reveal', 'Resident', resident)).toBe(true);
    expect(policy.can(as({ teamId: 'tA1' }), 'reveal', 'Resident', { ...resident, countyId: 'cB' })).toBe(false);
    expect(policy.can(as({ role: 'referral_desk', institutionId: 'hospA', teamId: null }), 'reveal', 'Resident', resident)).toBe(true);
    expect(policy.can(as({ role: 'referral_desk', institutionId: 'hospB', teamId: null }), 'reveal', 'Resident', resident)).toBe(false);
    expect(policy.can(as({ role: 'referral_desk', institutionId: 'hospA', teamId: null }), 'reveal', 'Resident', { countyId: 'cA' })).toBe(false);
    expect(policy.roleMay(as({ role: 'institution_admin' }), 'reveal', 'Resident')).toBe(false);
    expect(policy.can(as({ role: 'county_admin' }), 'reveal', 'Resident', { countyId: 'cA' })).toBe(true);
  });

  it('the receiving institution\'s doctors triage referrals addressed to it; its nurses read them', () => {
    const referral = { direction: 'up', toInstitutionId: 'hospA', fromInstitutionId: 'iA1', countyId: 'cA' };
    const hospitalGp = as({ institutionId: 'hospA', teamId: null });
    expect(policy.can(hospitalGp, 'triage', 'Referral', referral)).toBe(true);
    expect(policy.can(as({ role: 'nurse', institutionId: 'hospA', teamId: null }), 'read', 'Referral', referral)).toBe(true);
    expect(policy.roleMay(as({ role: 'nurse' }), 'triage', 'Referral')).toBe(false);
    expect(policy.can(as({ institutionId: 'hospB', teamId: null }), 'triage', 'Referral', referral)).toBe(false);
  });

  it('a nurse logs services but may never sign (403 material)', () => {
    const nurse = as({ role: 'nurse' });
    expect(policy.roleMay(nurse, 'logService', 'Contract')).toBe(true);
    expect(policy.roleMay(nurse, 'sign', 'Contract')).toBe(false);
    expect(() => policy.assertRole(nurse, 'sign', 'Contract')).toThrow(expect.objectContaining({ status: 403 }));
  });

  it('a role allowed the action but out of scope gets 404, not 403', () => {
    const desk = as({ role: 'referral_desk', institutionId: 'hospA', teamId: null });
    expect(() => policy.assertCan(desk, 'triage', 'Referral', { toInstitutionId: 'hospB' }, 'referral')).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(() => policy.assertCan(desk, 'triage', 'Referral', { toInstitutionId: 'hospA' }, 'referral')).not.toThrow();
  });

  it('a clinician without a team gets no team-scoped rule (null never matches null)', () => {
    const hospitalGp = as({ teamId: null, institutionId: 'hospA' });
    expect(policy.can(hospitalGp, 'read', 'Contract', { teamId: null, countyId: 'cA', status: 'expired' })).toBe(false);
    expect(policy.can(hospitalGp, 'read', 'Sickbed', { teamId: null, responsibleDoctorId: 'other' })).toBe(false);
  });

  it('residents see only their own records', () => {
    const resident = as({ role: 'resident', residentId: 'r1', teamId: null, institutionId: null });
    expect(policy.can(resident, 'read', 'Contract', { residentId: 'r1' })).toBe(true);
    expect(policy.can(resident, 'read', 'Contract', { residentId: 'r2' })).toBe(false);
    expect(policy.roleMay(resident, 'read', 'AuditEvent')).toBe(true);
    expect(policy.roleMay(resident, 'logService', 'Contract')).toBe(false);
  });

  it('admins: county admin the county, institution admin the institution, system admin reads all', () => {
    const county = as({ role: 'county_admin', institutionId: null, teamId: null });
    const inst = as({ role: 'institution_admin', teamId: null });
    const sys = as({ role: 'system_admin', countyId: null, institutionId: null, teamId: null });
    expect(policy.can(county, 'create', 'Institution', { countyId: 'cA' })).toBe(true);
    expect(policy.can(county, 'create', 'Institution', { countyId: 'cB' })).toBe(false);
    expect(policy.can(inst, 'create', 'Team', { countyId: 'cA', institutionId: 'iA1' })).toBe(true);
    expect(policy.can(inst, 'create', 'Team', { countyId: 'cA', institutionId: 'iA2' })).toBe(false);
    expect(policy.can(sys, 'read', 'Referral', { countyId: 'anything' })).toBe(true);
    expect(policy.roleMay(sys, 'sign', 'Contract')).toBe(false);
  });

  it('turns the scope into a WHERE clause for lists, and none for unrestricted roles', () => {
    const sys = as({ role: 'system_admin', countyId: null, institutionId: null, teamId: null });
    expect(policy.scopeWhere(sys, 'read', 'Resident', 'r')).toBeNull();
    expect(policy.scopeWhere(as({}), 'read', 'Resident', 'r')).not.toBeNull();
    expect(() => policy.scopeWhere(as({ role: 'referral_desk' }), 'read', 'Contract', 'c')).toThrow(expect.objectContaining({ status: 403 }));
  });
});
