import type { components } from '../../api/schema';
import type { Tone } from '../../shell/StatusTag';

type Referral = components['schemas']['ReferralView'];
export type SlaState = components['schemas']['SlaView']['state'];

export interface LiveSla {
  state: SlaState;
  deadline: string;
  /** Milliseconds to the reply deadline (negative: overdue) while the reply clock runs; null once answered. */
  left: number | null;
}

/** The last quarter of the reply window is "due soon" (domain.md §5.3), as the API computes it. */
const DUE_SOON_SHARE = 0.25;

/**
 * The SLA of a referral at `now`: while it waits for a reply (submitted) the state and the time left follow the clock
 * from the deadline the API gives, so a screen left open stays right between refreshes; once answered, the API's
 * final state (met / breached) stands.
 */
export function liveSla(referral: Pick<Referral, 'sla' | 'status' | 'submittedAt'>, now: number): LiveSla | null {
  const { sla } = referral;
  if (!sla) return null;
  if (referral.status !== 'submitted' || sla.state === 'met') return { state: sla.state, deadline: sla.deadline, left: null };
  const deadline = new Date(sla.deadline).getTime();
  const left = deadline - now;
  const submitted = referral.submittedAt ? new Date(referral.submittedAt).getTime() : deadline;
  const state: SlaState = left < 0 ? 'breached' : left <= (deadline - submitted) * DUE_SOON_SHARE ? 'due_soon' : 'on_time';
  return { state, deadline: sla.deadline, left };
}

export const SLA_TONE: Record<SlaState, Tone> = { on_time: 'success', due_soon: 'warning', breached: 'danger', met: 'info' };
