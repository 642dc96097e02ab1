import { IllegalTransitionError } from '../shared/domain-error';
import { isOpenSickbedStatus, SICKBED_STATUSES, SickbedEvent, SickbedStateMachine, SickbedStatus } from './sickbed-state-machine';

describe('household-sickbed state machine (domain.md §4.2)', () => {
  const moves: Array<[SickbedStatus, SickbedEvent, SickbedStatus]> = [
    ['applied', 'amend', 'applied'],
    ['applied', 'submit', 'assessing'],
    ['applied', 'cancel', 'cancelled'],
    ['assessing', 'assess', 'assessing'],
    ['assessing', 'return', 'applied'],
    ['assessing', 'reject', 'rejected'],
    ['assessing', 'approve', 'approved'],
    ['assessing', 'cancel', 'cancelled'],
    ['approved', 'open', 'active'],
    ['approved', 'cancel', 'cancelled'],
    ['active', 'round', 'active'],
    ['active', 'order', 'active'],
    ['active', 'stop_order', 'active'],
    ['active', 'extend', 'active'],
    ['active', 'close', 'closing'],
    ['closing', 'close', 'closing'],
    ['closing', 'stop_order', 'closing'],
    ['closing', 'undo_close', 'active'],
    ['closing', 'finalize', 'closed'],
  ];

  it.each(moves)('%s --%s--> %s', (from, event, to) => {
    expect(SickbedStateMachine.next(from, event)).toBe(to);
  });

  it('has exactly the moves of the table and nothing else', () => {
    const listed = SICKBED_STATUSES.flatMap((s) => SickbedStateMachine.allowed(s).map((e) => `${s}:${e}`)).sort();
    expect(listed).toEqual(moves.map(([s, e]) => `${s}:${e}`).sort());
  });

  it('closed, rejected and cancelled are terminal', () => {
    for (const s of ['closed', 'rejected', 'cancelled'] as const) expect(SickbedStateMachine.isTerminal(s)).toBe(true);
  });

  it('refuses a round on a closed or closing bed, naming what is allowed', () => {
    expect(() => SickbedStateMachine.next('closed', 'round')).toThrow(IllegalTransitionError);
    try {
      SickbedStateMachine.next('closing', 'round');
      throw new Error('expected a refusal');
    } catch (e) {
      expect((e as IllegalTransitionError).allowed).toEqual(['close', 'stop_order', 'undo_close', 'finalize']);
    }
  });

  it('cannot open without approval, nor cancel an opened bed (it is closed instead)', () => {
    expect(SickbedStateMachine.can('assessing', 'open')).toBe(false);
    expect(SickbedStateMachine.can('active', 'cancel')).toBe(false);
  });

  it('an episode is open from application until it is closed, rejected or cancelled (§4.3 one open episode)', () => {
    expect(SICKBED_STATUSES.filter(isOpenSickbedStatus)).toEqual(['applied', 'assessing', 'approved', 'active', 'closing']);
  });
});
