import { IllegalTransitionError } from '../shared/domain-error';
import {
  CONTRACT_ACTIONS, CONTRACT_STATUSES, ContractEvent, contractMachine, ContractStatus, CONTRACT_SYSTEM_EVENTS, TERMINAL_CONTRACT_STATUSES,
} from './contract-status';

/** domain.md §3.2, row by row. */
const EXPECTED: Record<ContractStatus, Partial<Record<ContractEvent, ContractStatus>>> = {
  pending: { confirm: 'active', schedule: 'scheduled', reject: 'rejected', cancel: 'cancelled' },
  scheduled: { activate: 'active', cancel: 'cancelled' },
  active: { request_termination: 'terminating', terminate: 'terminated', renew: 'active', expire: 'expired' },
  terminating: { terminate: 'terminated', withdraw_termination: 'active', expire: 'expired' },
  expired: { renew: 'expired' },
  terminated: {},
  rejected: {},
  cancelled: {},
};
const EVENTS: ContractEvent[] = [...CONTRACT_ACTIONS, ...CONTRACT_SYSTEM_EVENTS];

describe('contract state machine (domain.md §3.2)', () => {
  for (const from of CONTRACT_STATUSES) {
    for (const event of EVENTS) {
      const to = EXPECTED[from][event];
      if (to) {
        it(`${from} --${event}--> ${to}`, () => expect(contractMachine.next(from, event)).toBe(to));
      } else {
        it(`${from} refuses ${event}`, () => expect(() => contractMachine.next(from, event)).toThrow(IllegalTransitionError));
      }
    }
  }

  it('names only the actions a person can take when refusing', () => {
    try {
      contractMachine.next('scheduled', 'confirm');
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as IllegalTransitionError).allowed).toEqual(['cancel']);
    }
    expect(contractMachine.allowed('pending')).toEqual(['confirm', 'reject', 'cancel']);
    expect(contractMachine.allowed('active')).toEqual(['terminate', 'renew']);
  });

  it('has the terminal states of §3.2 and no move out of them except a renewal', () => {
    expect([...TERMINAL_CONTRACT_STATUSES].sort()).toEqual(['cancelled', 'expired', 'rejected', 'terminated']);
    for (const s of TERMINAL_CONTRACT_STATUSES) {
      expect(EVENTS.filter((e) => contractMachine.can(s, e) && contractMachine.next(s, e) !== s)).toEqual([]);
    }
  });
});
