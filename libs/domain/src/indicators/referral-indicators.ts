import { fenToYuan } from '../referrals/continuous-deductible';
import { REFERRAL_DIRECTIONS, ReferralDirection } from '../referrals/referral-state';
import { count, IndicatorValue, proportion, ratio, UnavailableIndicator } from './indicator';

/** Referral flows of one direction in the period (instants in the county zone). */
export interface ReferralFlowCounts {
  /** Submitted (latest submission) in the period. */
  submitted: number;
  /** Of those, accepted, rejected or returned by the reply deadline. */
  answeredInTime: number;
  /** Of those, not answered and not yet late: still within the deadline, or called off before it. */
  undecided: number;
  /** Arrived (到诊) in the period; completed ones included. */
  arrived: number;
  /** Completed in the period. */
  completed: number;
}

/** What the referral indicator queries count (domain.md §5.6). */
export interface ReferralIndicatorCounts {
  byDirection: Record<ReferralDirection, ReferralFlowCounts>;
  /** Appointments in the period whose outcome is known: arrived (or completed) or expired as a no-show. */
  appointments: { decided: number; arrived: number };
  /** Completions in the period with an inpatient admission and a stored continuous-deductible estimate (§5.5). */
  deductible: { admitted: number; standardFen: number; dueFen: number };
}

export type ReferralIndicatorName =
  | 'upReferrals' | 'downReferrals' | 'downToUpRatio' | 'timelyAnswerRate' | 'arrivalRate' | 'outOfCountyRate';

export interface ReferralIndicators {
  indicators: Record<ReferralIndicatorName, IndicatorValue>;
  byDirection: Array<ReferralFlowCounts & { direction: ReferralDirection }>;
  continuousDeductible: { admittedReferrals: number; standardYuan: number; dueYuan: number; relievedYuan: number };
}

/**
 * §5.6 on the counted figures:
 * - 上转人次 / 下转人次 = referrals arrived (or completed) in the period, by direction;
 * - 下转比 = down ÷ up;
 * - 受理及时率 = answered within the reply limit ÷ submitted, leaving out referrals whose
 *   limit has not passed yet or that were called off unanswered before it (they could not be late);
 * - 转诊到诊率 = arrived ÷ scheduled, over appointments in the period with a known outcome;
 * - 县外转诊率 = up-referrals to institutions outside the county ÷ up-referrals submitted: always 0,
 *   because CountyCare only routes referrals inside the resident's county (§5.2 guard);
 * - continuous deductible totals of admitted referrals (estimates; the insurance settlement prevails).
 */
export function referralIndicators(c: ReferralIndicatorCounts): ReferralIndicators {
  const { up, down } = c.byDirection;
  const submitted = up.submitted + down.submitted;
  const decidable = submitted - up.undecided - down.undecided;
  return {
    indicators: {
      upReferrals: count(up.arrived, { noteCode: 'referrals_arrived_rule' }),
      downReferrals: count(down.arrived, { noteCode: 'referrals_arrived_rule' }),
      downToUpRatio: ratio(down.arrived, up.arrived),
      timelyAnswerRate: proportion(up.answeredInTime + down.answeredInTime, decidable, { noteCode: 'timely_answer_rule' }),
      arrivalRate: proportion(c.appointments.arrived, c.appointments.decided, { noteCode: 'arrival_rate_rule' }),
      outOfCountyRate: proportion(0, up.submitted, { noteCode: 'out_of_county_not_supported' }),
    },
    byDirection: REFERRAL_DIRECTIONS.map((direction) => ({ direction, ...c.byDirection[direction] })),
    continuousDeductible: {
      admittedReferrals: c.deductible.admitted,
      standardYuan: fenToYuan(c.deductible.standardFen),
      dueYuan: fenToYuan(c.deductible.dueFen),
      relievedYuan: fenToYuan(c.deductible.standardFen - c.deductible.dueFen),
    },
  };
}

/** §5.6 indicators that need the insurance settlement or the hospitals' HIS. */
export const REFERRAL_UNAVAILABLE: readonly UnavailableIndicator[] = [
  { name: 'countyRetentionRate', reasonCode: 'unavailable_needs_settlement_data' },
  { name: 'inCountyInpatientShare', reasonCode: 'unavailable_needs_settlement_data' },
  { name: 'primaryCareVisitShare', reasonCode: 'unavailable_needs_visit_feed' },
  { name: 'downToLeadHospitalDischarges', reasonCode: 'unavailable_needs_visit_feed' },
  { name: 'outOfProvinceFiling', reasonCode: 'unavailable_needs_settlement_data' },
];
