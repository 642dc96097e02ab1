import { IllegalTransitionError } from './domain-error';

/** For each state, the events it accepts and the state each one leads to. */
export type TransitionTable<S extends string, E extends string> = Readonly<Record<S, Readonly<Partial<Record<E, S>>>>>;

/**
 * A state machine as a table. Guards (who may, what must be present) live with
 * the use case; the table only says which moves exist.
 */
export class StateMachine<S extends string, E extends string> {
  constructor(
    readonly name: string,
    private readonly table: TransitionTable<S, E>,
  ) {}

  /** The state `event` leads to from `state`, or an IllegalTransitionError naming the allowed events. */
  next(state: S, event: E): S {
    const to = this.table[state]?.[event];
    if (to === undefined) throw new IllegalTransitionError(this.name, state, event, this.allowed(state));
    return to;
  }

  can(state: S, event: E): boolean {
    return this.table[state]?.[event] !== undefined;
  }

  allowed(state: S): E[] {
    return Object.keys(this.table[state] ?? {}) as E[];
  }

  isTerminal(state: S): boolean {
    return this.allowed(state).length === 0;
  }

  states(): S[] {
    return Object.keys(this.table) as S[];
  }
}
