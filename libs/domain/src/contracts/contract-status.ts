import { StateMachine } from '../shared/state-machine';

/** Contract states (domain.md §3.2): YLZ's ten codes and B-soft's four, normalised. */
export const CONTRACT_STATUSES = [
  'pending', 'scheduled', 'active', 'terminating', 'expired', 'terminated', 'rejected', 'cancelled',
] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

/**
 * Events of the contract machine. The first group are what people do (and
 * what a 409 lists as allowed actions); the second group only the use cases
 * and the scheduler raise.
 */
export const CONTRACT_ACTIONS = [
  'confirm', 'reject', 'cancel', 'terminate', 'withdraw_termination', 'renew',
] as const;
export const CONTRACT_SYSTEM_EVENTS = ['schedule', 'request_termination', 'activate', 'expire'] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];
export type ContractEvent = ContractAction | (typeof CONTRACT_SYSTEM_EVENTS)[number];

/** The residents' "one team at a time" rule counts these as open (§3.2). */
export const OPEN_CONTRACT_STATUSES: readonly ContractStatus[] = ['active', 'terminating'];
/** §3.2 "Terminal states": nothing moves them except a renewal creating a successor. */
export const TERMINAL_CONTRACT_STATUSES: readonly ContractStatus[] = ['expired', 'terminated', 'rejected', 'cancelled'];

/**
 * §3.2 as a table. `renew` leaves the contract where it is: it creates the
 * successor. An expired contract may still be renewed within the grace days
 * (§3.3 "Renewal grace"); `terminate` on a terminating contract is the team
 * approving the resident's request.
 */
const TABLE = {
  pending: { confirm: 'active', schedule: 'scheduled', reject: 'rejected', cancel: 'cancelled' },
  scheduled: { activate: 'active', cancel: 'cancelled' },
  active: { request_termination: 'terminating', terminate: 'terminated', renew: 'active', expire: 'expired' },
  terminating: { terminate: 'terminated', withdraw_termination: 'active', expire: 'expired' },
  expired: { renew: 'expired' },
  terminated: {},
  rejected: {},
  cancelled: {},
} as const satisfies Record<ContractStatus, Partial<Record<ContractEvent, ContractStatus>>>;

/** The machine; its `allowed()` names only what a person can do, never the scheduler's events. */
export class ContractStateMachine extends StateMachine<ContractStatus, ContractEvent> {
  constructor() {
    super('contract', TABLE);
  }

  override allowed(state: ContractStatus): ContractEvent[] {
    return super.allowed(state).filter((e) => (CONTRACT_ACTIONS as readonly string[]).includes(e));
  }
}

export const contractMachine = new ContractStateMachine();

export function isContractStatus(value: string): value is ContractStatus {
  return (CONTRACT_STATUSES as readonly string[]).includes(value);
}
