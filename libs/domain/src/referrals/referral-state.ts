import { IllegalTransitionError } from '../shared/domain-error';
import { StateMachine, TransitionTable } from '../shared/state-machine';

export const REFERRAL_DIRECTIONS = ['up', 'down'] as const;
/** 上转 (to a higher level) / 下转 (back to primary care, 康复回转). */
export type ReferralDirection = (typeof REFERRAL_DIRECTIONS)[number];

export const REFERRAL_URGENCIES = ['routine', 'urgent'] as const;
/** `urgent` is the green channel (绿色通道): priority in the queue, shorter reply limit, arrival without scheduling. */
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

export const REFERRAL_STATUSES = [
  'draft', 'submitted', 'accepted', 'scheduled', 'arrived', 'completed', 'rejected', 'cancelled', 'expired',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_ACTIONS = [
  'update', 'submit', 'return', 'accept', 'reject', 'schedule', 'reschedule', 'arrive', 'complete', 'cancel', 'expire',
] as const;
/** `return` is domain.md's returnForInfo (退回补充材料); `expire` is the scheduler's no-show rule. */
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/** Events only the system raises; never offered to a caller as an allowed action. */
const SYSTEM_ACTIONS: readonly ReferralAction[] = ['expire'];

/** domain.md §5.2, row by row. `update` edits a draft in place (needed after a return for information). */
const TABLE: TransitionTable<ReferralStatus, ReferralAction> = {
  draft: { update: 'draft', submit: 'submitted', cancel: 'cancelled' },
  submitted: { return: 'draft', accept: 'accepted', reject: 'rejected', cancel: 'cancelled' },
  accepted: { schedule: 'scheduled', arrive: 'arrived', cancel: 'cancelled' },
  scheduled: { reschedule: 'scheduled', arrive: 'arrived', cancel: 'cancelled', expire: 'expired' },
  arrived: { complete: 'completed' },
  completed: {},
  rejected: {},
  cancelled: {},
  expired: {},
};

export const REFERRAL_MACHINE = new StateMachine<ReferralStatus, ReferralAction>('referral', TABLE);

/** Statuses in which the receiving side still has work to do (the desk queue, domain.md §5.3). */
export const DESK_OPEN_STATUSES: readonly ReferralStatus[] = ['submitted', 'accepted', 'scheduled', 'arrived'];

export const TERMINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = REFERRAL_MACHINE.states().filter((s) => REFERRAL_MACHINE.isTerminal(s));

/**
 * Only a green-channel referral may arrive straight from ACCEPTED (emergency
 * department, domain.md §5.3); a routine one is scheduled first.
 */
function guardAllows(status: ReferralStatus, event: ReferralAction, urgency: ReferralUrgency): boolean {
  if (status === 'accepted' && event === 'arrive') return urgency === 'urgent';
  return true;
}

/** The actions a caller could take on a referral in this state (before asking who may). */
export function referralActions(status: ReferralStatus, urgency: ReferralUrgency): ReferralAction[] {
  return REFERRAL_MACHINE.allowed(status).filter((e) => !SYSTEM_ACTIONS.includes(e) && guardAllows(status, e, urgency));
}

/** The status `event` leads to, or an IllegalTransitionError (409) listing the allowed actions. */
export function nextReferralStatus(status: ReferralStatus, event: ReferralAction, urgency: ReferralUrgency): ReferralStatus {
  if (!REFERRAL_MACHINE.can(status, event) || !guardAllows(status, event, urgency)) {
    throw new IllegalTransitionError('referral', status, event, referralActions(status, urgency));
  }
  return REFERRAL_MACHINE.next(status, event);
}

/** Queue priority: the green channel first (lower rank sorts first). */
export function urgencyRank(urgency: ReferralUrgency): number {
  return urgency === 'urgent' ? 0 : 1;
}
