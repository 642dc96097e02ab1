import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

/** The API's shapes this feature shows (never hand-written: the generated schema). */
export type Contract = components['schemas']['ContractView'];
export type ServiceRecord = components['schemas']['ServiceRecordView'];
export type FollowUp = components['schemas']['FollowUpView'];
export type RoundWorkItem = components['schemas']['RoundWorkItemView'];
export type Notification = components['schemas']['NotificationView'];
export type Resident = components['schemas']['ResidentView'];
export type ServicePackage = components['schemas']['ServicePackageView'];
export type PackageItem = components['schemas']['PackageItemView'];
export type Institution = components['schemas']['InstitutionView'];
export type Referral = components['schemas']['ReferralDetailView'];
export type ReferralListItem = components['schemas']['ReferralView'];
export type LogServiceBody = components['schemas']['LogServiceDto'];
export type TerminationReason = components['schemas']['TerminateContractDto']['reason'];
export type SignWay = components['schemas']['CreateContractDto']['signWay'];
export type DeliveryModality = LogServiceBody['modality'];

/** Query keys of this feature; cached reads (useCachedQuery) are under ['cached', ...key]. */
export const keys = {
  contract: (id: string) => ['contract', id] as const,
  services: (id: string) => ['contract-services', id] as const,
  followUps: (due: 'overdue' | 'this_week') => ['follow-ups', due] as const,
  rounds: (due: 'today' | 'overdue') => ['rounds', due] as const,
  notifications: ['notifications', 'unread'] as const,
  residentContracts: (residentId: string) => ['contracts', 'resident', residentId] as const,
  residentReferrals: (residentId: string) => ['referrals', 'resident', residentId] as const,
  resident: (id: string) => ['resident', id] as const,
  referral: (id: string) => ['referral', id] as const,
};

/** A version for If-Match, as the API takes it: "3". */
export const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

export const loadContract = (id: string) => call(api.GET('/api/v1/contracts/{id}', { params: { path: { id } } }));

export const loadServices = (id: string) =>
  call(api.GET('/api/v1/contracts/{id}/services', { params: { path: { id }, query: { limit: 50 } } }));

export const loadFollowUps = (due: 'overdue' | 'this_week') =>
  call(api.GET('/api/v1/worklists/follow-ups', { params: { query: { due, limit: 100 } } }));

export const loadRounds = (due: 'today' | 'overdue') =>
  call(api.GET('/api/v1/worklists/rounds', { params: { query: { due, limit: 100 } } }));

export const loadNotifications = () =>
  call(api.GET('/api/v1/notifications', { params: { query: { unread: 'true', limit: 50 } } }));

/** Institution levels, lowest first (libs/domain/src/organizations/institution-level.ts). */
export const INSTITUTION_LEVELS = ['village_clinic', 'township_center', 'county_hospital', 'city_hospital', 'provincial_hospital'] as const;
export const levelRank = (level: string) => INSTITUTION_LEVELS.indexOf(level as (typeof INSTITUTION_LEVELS)[number]);
