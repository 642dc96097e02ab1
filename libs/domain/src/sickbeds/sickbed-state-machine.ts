import { StateMachine } from '../shared/state-machine';

/** 家庭病床 episode states, domain.md §4.2 (application, assessment and episode in one record). */
export const SICKBED_STATUSES = ['applied', 'assessing', 'approved', 'active', 'closing', 'closed', 'rejected', 'cancelled'] as const;
export type SickbedStatus = (typeof SICKBED_STATUSES)[number];

/** States in which the resident "has an open episode" (at most one, domain.md §4.3). */
export const OPEN_SICKBED_STATUSES: readonly SickbedStatus[] = ['applied', 'assessing', 'approved', 'active', 'closing'];

/**
 * Events on an episode. `amend`, `assess`, `round`, `order`, `stop_order` and `extend`
 * keep the state but are listed so that a 409 names every action the current
 * state allows (a round on a closed bed answers illegal_transition).
 */
export const SICKBED_EVENTS = [
  'amend', 'submit', 'assess', 'return', 'approve', 'reject', 'cancel', 'open',
  'round', 'order', 'stop_order', 'extend', 'close', 'undo_close', 'finalize',
] as const;
export type SickbedEvent = (typeof SICKBED_EVENTS)[number];

/**
 * The transition table of domain.md §4.2. `amend` edits an application
 * (after a return, B-soft 退回 then resubmission); `close` is 预撤床 (closure recorded,
 * → closing), and on a closing bed re-records the closure (the summary written
 * after an admission closed the bed); `finalize` settles it (→ closed);
 * `undo_close` is 取消撤床.
 * Passing plannedEndDate never moves the state: the episode stays active and
 * is flagged overdue until a doctor closes it.
 */
export const SickbedStateMachine = new StateMachine<SickbedStatus, SickbedEvent>('sickbed', {
  applied: { amend: 'applied', submit: 'assessing', cancel: 'cancelled' },
  assessing: { assess: 'assessing', return: 'applied', reject: 'rejected', approve: 'approved', cancel: 'cancelled' },
  approved: { open: 'active', cancel: 'cancelled' },
  active: { round: 'active', order: 'active', stop_order: 'active', extend: 'active', close: 'closing' },
  closing: { close: 'closing', stop_order: 'closing', undo_close: 'active', finalize: 'closed' },
  closed: {},
  rejected: {},
  cancelled: {},
});

export function isOpenSickbedStatus(status: SickbedStatus): boolean {
  return OPEN_SICKBED_STATUSES.includes(status);
}
