/**
 * Errors a business rule raises. They carry no HTTP knowledge: one exception
 * filter turns each kind into problem+json (invalid -> 400, conflict -> 409).
 */
export abstract class DomainError extends Error {
  abstract readonly kind: 'invalid' | 'conflict';
  /** Stable machine code, also the key of the localized message. */
  abstract readonly code: string;
  /** Values interpolated into the localized message. */
  params: Record<string, string | number> = {};
}

/** A value that breaks a rule of its own (bad ID number, vitals out of range). */
export class InvalidValueError extends DomainError {
  readonly kind = 'invalid' as const;
  constructor(
    readonly field: string,
    readonly code: string,
    message: string,
    override params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** A rule about the current state of the world (capacity, one open contract, window). */
export class BusinessRuleError extends DomainError {
  readonly kind = 'conflict' as const;
  constructor(
    readonly code: string,
    message: string,
    override params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

/** An event the state machine does not allow from the current state. */
export class IllegalTransitionError extends DomainError {
  readonly kind = 'conflict' as const;
  readonly code = 'illegal_transition';
  constructor(
    readonly machine: string,
    readonly state: string,
    readonly event: string,
    readonly allowed: readonly string[],
  ) {
    super(`${machine}: cannot ${event} when ${state}; allowed: ${allowed.join(', ') || 'none'}`);
    this.params = { machine, state, event, allowed: allowed.join(', ') || '-' };
  }
}
