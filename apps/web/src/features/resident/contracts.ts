import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type Contract = components['schemas']['ContractView'];
export type ContractStatus = Contract['status'];

export const MY_CONTRACTS_KEY = ['me', 'contracts'] as const;

export function loadMyContracts() {
  return call(api.GET('/api/v1/me/contracts', { params: { query: { limit: 50 } } }));
}

/** Statuses that hold the resident's one open contract (domain.md §3.2): a new application is refused while one exists. */
export const OPEN_STATUSES: readonly ContractStatus[] = ['pending', 'scheduled', 'active', 'terminating'];

/** Actions of `allowedActions` a resident may take on their own contract (confirm and reject are the team's). */
export const RESIDENT_ACTIONS = ['renew', 'terminate', 'withdraw_termination', 'cancel'] as const;
export type ResidentAction = (typeof RESIDENT_ACTIONS)[number];

export function residentActions(contract: Contract): ResidentAction[] {
  return RESIDENT_ACTIONS.filter((a) => contract.allowedActions.includes(a) && !(a === 'renew' && contract.successorId));
}

/** The If-Match header of a change based on this contract's version. */
export function ifMatch(contract: Contract) {
  return { 'If-Match': `"${contract.version}"` };
}
