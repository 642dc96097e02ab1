import { IllegalTransitionError } from './domain-error';
import { StateMachine } from './state-machine';

type S = 'draft' | 'open' | 'closed';
type E = 'publish' | 'close' | 'reopen';
const machine = new StateMachine<S, E>('Thing', {
  draft: { publish: 'open' },
  open: { close: 'closed' },
  closed: {},
});

describe('StateMachine (style.md: a state machine is a table)', () => {
  it('moves along the table', () => {
    expect(machine.next('draft', 'publish')).toBe('open');
    expect(machine.next('open', 'close')).toBe('closed');
  });

  it('refuses a move the table lacks and names the allowed actions', () => {
    expect(() => machine.next('draft', 'close')).toThrow(IllegalTransitionError);
    try {
      machine.next('draft', 'close');
    } catch (e) {
      const err = e as IllegalTransitionError;
      expect(err.state).toBe('draft');
      expect(err.event).toBe('close');
      expect(err.allowed).toEqual(['publish']);
      expect(err.kind).toBe('conflict');
    }
  });

  it('knows terminal states', () => {
    expect(machine.isTerminal('closed')).toBe(true);
    expect(machine.isTerminal('open')).toBe(false);
    expect(machine.allowed('closed')).toEqual([]);
    expect(machine.can('open', 'reopen')).toBe(false);
  });
});
