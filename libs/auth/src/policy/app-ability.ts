import { AbilityBuilder, createMongoAbility, MongoAbility } from '@casl/ability';
import type { Principal } from '@countycare/common';
import { OPEN_CONTRACT_STATUSES } from '@countycare/domain';

/**
 * What can be done. Beyond CRUD, the verbs name the domain actions whose
 * allowed roles differ (signing vs. logging a service vs. working the desk).
 */
export type Action =
  | 'read' | 'create' | 'update' | 'manage'
  /** see identity and phone numbers unmasked (audited) */
  | 'reveal'
  | 'import' | 'createAccount'
  /** contracts: GP signs for the team; resident applies; team reviews (confirm/reject) */
  | 'sign' | 'apply' | 'review' | 'terminate' | 'renew' | 'cancel'
  /** log a delivered service on a contract (county-wide sharing) */
  | 'logService'
  /** sickbeds */
  | 'open' | 'round' | 'order' | 'extend' | 'close'
  /** referrals: create and send; desk or receiving institution works them */
  | 'refer' | 'triage';

export type SubjectType =
  | 'County' | 'Institution' | 'Team' | 'Staff' | 'Resident' | 'ServicePackage' | 'Contract' | 'ServiceRecord'
  | 'Sickbed' | 'Referral' | 'AuditEvent' | 'Indicator';

export type AppAbility = MongoAbility<[Action, SubjectType | Record<string, unknown>]>;

const OPEN_CONTRACT = { $in: [...OPEN_CONTRACT_STATUSES] };

/**
 * The whole access matrix: for each role, which actions on which records,
 * bounded by conditions on the record's own fields (countyId, institutionId,
 * teamId, residentId, assigned clinicians). Records outside these conditions
 * answer 404; a role with no rule at all for an action answers 403.
 */
export function defineAbility(p: Principal): AppAbility {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  /** A scoped rule is only granted when every id it is bound to exists (a GP without a team gets no team rule). */
  const can = (action: Action | Action[], type: SubjectType | SubjectType[], conditions?: Record<string, unknown>) => {
    if (conditions && Object.values(conditions).some((v) => v === null || v === undefined)) return;
    builder.can(action, type, conditions as never);
  };
  const county = p.countyId;
  const institution = p.institutionId;
  const team = p.teamId;

  switch (p.role) {
    case 'system_admin':
      can('manage', ['County', 'Institution', 'Team', 'Staff']);
      can('read', ['Resident', 'ServicePackage', 'Contract', 'ServiceRecord', 'Sickbed', 'Referral', 'AuditEvent', 'Indicator']);
      break;

    case 'county_admin':
      can(['read', 'update'], 'County', { id: county });
      can('manage', ['Institution', 'Team', 'Staff', 'ServicePackage'], { countyId: county });
      can(['read', 'create', 'update', 'reveal', 'import', 'createAccount'], 'Resident', { countyId: county });
      can('read', ['Contract', 'ServiceRecord', 'Sickbed', 'Referral', 'AuditEvent', 'Indicator'], { countyId: county });
      break;

    case 'institution_admin':
      can('read', 'County', { id: county });
      can('read', ['Institution', 'Team', 'ServicePackage'], { countyId: county });
      can('update', 'Institution', { id: institution });
      can('manage', ['Team', 'Staff'], { institutionId: institution });
      can('create', 'ServicePackage', { countyId: county });
      can(['read', 'create', 'update', 'import', 'createAccount'], 'Resident', { countyId: county });
      can('read', ['Contract', 'Sickbed', 'Indicator'], { institutionId: institution });
      can('read', 'ServiceRecord', { deliveringInstitutionId: institution });
      can('read', 'ServiceRecord', { contractInstitutionId: institution });
      can('read', 'Referral', { fromInstitutionId: institution });
      can('read', 'Referral', { toInstitutionId: institution });
      break;

    case 'gp':
    case 'nurse': {
      const gp = p.role === 'gp';
      can('read', ['County'], { id: county });
      can('read', ['Institution', 'Team', 'ServicePackage'], { countyId: county });
      can(['read', 'create', 'update', 'createAccount'], 'Resident', { countyId: county });
      // full ID and phone numbers: the resident's care team only (their contract's or sickbed's team, its responsible clinicians)
      can('reveal', 'Resident', { countyId: county, careTeamIds: team });
      can('reveal', 'Resident', { countyId: county, careUserIds: p.userId });
      // own team's contracts; any open contract of the county for shared service delivery
      can('read', 'Contract', { teamId: team });
      can(['read', 'logService'], 'Contract', { countyId: county, status: OPEN_CONTRACT });
      can('read', 'ServiceRecord', { teamId: team });
      can('read', 'ServiceRecord', { deliveringInstitutionId: institution });
      // a record entered in error is voided by the clinician who logged it (domain.md §7.6)
      can('update', 'ServiceRecord', { deliveredById: p.userId });
      if (gp) can(['sign', 'review', 'terminate', 'renew', 'cancel'], 'Contract', { teamId: team });
      // sickbeds of the team, or the ones this clinician is responsible for; orders (医嘱) are a GP's (issue #5)
      can(['read', 'round'], 'Sickbed', { teamId: team });
      can(['read', 'round'], 'Sickbed', gp ? { responsibleDoctorId: p.userId } : { responsibleNurseId: p.userId });
      if (gp) {
        can(['open', 'order', 'extend', 'close', 'cancel'], 'Sickbed', { teamId: team });
        can(['open', 'order', 'extend', 'close', 'cancel'], 'Sickbed', { responsibleDoctorId: p.userId });
      }
      // referrals the clinician wrote, about the team's residents, or addressed to the institution: its doctors receive
      // referred patients (accept, schedule, arrive, complete) as its desk does, and primary care takes patients back
      // (domain.md §5.2); its nurses see who is coming
      can('read', 'Referral', { teamId: team });
      can('read', 'Referral', { createdById: p.userId });
      can('read', 'Referral', { toInstitutionId: institution });
      if (gp) {
        can(['refer', 'update', 'cancel'], 'Referral', { createdById: p.userId });
        can('refer', 'Referral', { fromInstitutionId: institution });
        can('triage', 'Referral', { toInstitutionId: institution });
      }
      can('read', 'Indicator', { teamId: team });
      break;
    }

    case 'referral_desk':
      can('read', ['Institution', 'Team'], { countyId: county });
      can('read', 'Resident', { countyId: county });
      // full numbers of the patients whose referral the desk is working (to call them about the appointment)
      can('reveal', 'Resident', { countyId: county, referralInstitutionIds: institution });
      can('read', 'Referral', { fromInstitutionId: institution });
      can(['read', 'triage'], 'Referral', { toInstitutionId: institution });
      // the desk starts down-referrals only (domain.md §2.2); up-referrals are written by GPs
      can('refer', 'Referral', { direction: 'down', fromInstitutionId: institution });
      can('cancel', 'Referral', { fromInstitutionId: institution });
      can('read', 'Indicator', { institutionId: institution });
      break;

    case 'resident':
      can(['read', 'reveal'], 'Resident', { id: p.residentId });
      can('read', ['Contract', 'ServiceRecord', 'Sickbed', 'Referral', 'AuditEvent'], { residentId: p.residentId });
      // the patient may call a referral off (domain.md §5.2 cancel: requester, patient or desk)
      can('cancel', 'Referral', { residentId: p.residentId });
      // the resident asks to end or renew; the team approves (domain.md §2.2 RESIDENT: request sign/renew/terminate)
      can(['apply', 'cancel', 'terminate', 'renew'], 'Contract', { residentId: p.residentId });
      // a household sickbed for themselves, through their team (domain.md §4.2 "doctor or resident applies"); withdrawn before it opens
      can(['apply', 'cancel'], 'Sickbed', { residentId: p.residentId });
      can('read', 'ServicePackage', { countyId: county });
      can('read', 'Institution', { countyId: county });
      break;
  }
  return builder.build();
}
