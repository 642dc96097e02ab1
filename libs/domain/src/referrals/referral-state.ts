import { IllegalTransitionError, InvalidValueError } from '../shared/domain-error';
import { StateMachine, TransitionTable } from '../shared/state-machine';

export const REFERRAL_DIRECTIONS = ['up', 'down'] as const;
/** 上转 (to a higher level) / 下转 (back to primary care, 康复回转). */
export type ReferralDirection = (typeof REFERRAL_DIRECTIONS)[number];

export const REFERRAL_URGENCIES = ['routine', 'urgent', 'emergent'] as const;
/**
 * The referral's priority (domain.md §5.1 priority, §5.3): `emergent` is the
 * green channel (绿色通道): first in the queue, its own reply limit (minutes),
 * arrival at the emergency department without scheduling. `urgent` has a
 * shorter reply limit than `routine` and sorts between the two.
 */
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

export const REFERRAL_KINDS = ['outpatient', 'inpatient', 'diagnostic', 'emergency'] as const;
/** What the receiving side is asked for (domain.md §5.1 kind, §5.3 "kinds seen"): a clinic visit, an admission, an examination (检查), the emergency department. */
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

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
 * Only a green-channel (emergent) referral may arrive straight from ACCEPTED
 * (emergency department, domain.md §5.2, §5.3); routine and urgent ones are
 * scheduled first.
 */
function guardAllows(status: ReferralStatus, event: ReferralAction, urgency: ReferralUrgency): boolean {
  if (status === 'accepted' && event === 'arrive') return urgency === 'emergent';
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

const RANK: Record<ReferralUrgency, number> = { emergent: 0, urgent: 1, routine: 2 };

/** Queue priority (domain.md §5.3 "priority desc"): the green channel first, then urgent, then routine (lower rank sorts first). */
export function urgencyRank(urgency: ReferralUrgency): number {
  return RANK[urgency];
}

/** The SQL of `urgencyRank` for the stored, indexed column the desk queue sorts on (one expression for both databases). */
export const URGENCY_RANK_SQL = "CASE urgency WHEN 'emergent' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END";

/**
 * An emergency-department referral is the green channel by definition: it
 * cannot wait for a routine or urgent reply limit.
 */
export function assertKindPriority(kind: ReferralKind, urgency: ReferralUrgency): void {
  if (kind === 'emergency' && urgency !== 'emergent') {
    throw new InvalidValueError('urgency', 'referral_emergency_not_emergent', 'an emergency referral is emergent (green channel)', { kind, urgency });
  }
}
