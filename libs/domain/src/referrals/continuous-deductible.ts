import { InvalidValueError } from '../shared/domain-error';
import { CalendarDate, daysBetween } from '../shared/calendar-date';
import { InstitutionLevel } from '../organizations/institution-level';
import type { CountyPolicy } from '../organizations/county-policy';
import type { InsuranceType } from './insurance';

/** Yuan (≤ 2 decimals) to integer fen (分); money is never held as a float. */
export function yuanToFen(yuan: number, field = 'amount'): number {
  const fen = Math.round(yuan * 100);
  if (!Number.isFinite(yuan) || yuan < 0 || Math.abs(fen - yuan * 100) > 1e-6 || fen > 10_000_000_000) {
    throw new InvalidValueError(field, 'money_format', 'must be a non-negative amount in yuan with at most 2 decimals');
  }
  return fen;
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}

/**
 * D(k): the county's standard inpatient deductible for the receiving level
 * under the episode's insurance scheme, in fen: the scheme's own amount for
 * the level where the county set one, else the level's amount for every
 * scheme; null when neither is configured.
 */
export function standardDeductibleFen(
  insurance: Pick<CountyPolicy['insurance'], 'deductibleByLevel' | 'deductibleByScheme'>,
  level: InstitutionLevel,
  scheme: InsuranceType | null,
): number | null {
  const own = scheme === 'employee' || scheme === 'resident' ? insurance.deductibleByScheme[scheme]?.[level] : undefined;
  const yuan = own ?? insurance.deductibleByLevel[level];
  return yuan === undefined ? null : Math.round(yuan * 100);
}

/** The episode before this one in the referral chain, as far as CountyCare knows it. */
export interface ChainPredecessor {
  /** C(k−1): deductible already credited in the chain, in fen; null when the figure is unknown. */
  creditedFen: number | null;
  /** The day the previous episode ended (its discharge, or the referral that moved the patient on). */
  endedOn: CalendarDate;
}

/**
 * Why the figure is what it is:
 * - chained: continued from the predecessor, due = max(0, D − C);
 * - no_chain: no referred predecessor episode, full D;
 * - unknown_credit: a predecessor exists but its credited figure is unknown, full D;
 * - outside_window: admission more than `chainWindowDays` after the predecessor ended, full D;
 * - year_boundary: the predecessor ended in an earlier insurance year, full D;
 * - not_configured: the county has no deductible for this level; nothing is estimated.
 */
export type DeductibleBasis = 'chained' | 'no_chain' | 'unknown_credit' | 'outside_window' | 'year_boundary' | 'not_configured';

export interface DeductibleEstimate {
  basis: DeductibleBasis;
  /** D(k) */
  standardFen: number | null;
  /** C(k−1) as applied (0 when the chain does not continue) */
  creditedBeforeFen: number;
  /** due(k) = max(0, D(k) − C(k−1)) */
  dueFen: number | null;
  /** C(k) = C(k−1) + min(due(k), eligibleCost(k)); carried to the next episode of the chain */
  creditedAfterFen: number | null;
}

/**
 * The insurance year is the calendar year (domain.md §5.5 "the chain also
 * stops at the insurance year boundary", default [D]).
 */
export function sameInsuranceYear(a: CalendarDate, b: CalendarDate): boolean {
  return a.slice(0, 4) === b.slice(0, 4);
}

/**
 * 连续计算起付线 (domain.md §5.5). An estimate only: the insurance settlement
 * prevails (以医保结算为准). `eligibleCostFen` caps what this episode can
 * credit; when it is unknown the patient is taken to have paid the whole due.
 */
export function continuousDeductible(input: {
  standardFen: number | null;
  predecessor: ChainPredecessor | null;
  admittedOn: CalendarDate;
  chainWindowDays: number;
  eligibleCostFen?: number | null;
}): DeductibleEstimate {
  const { standardFen, predecessor, admittedOn, chainWindowDays } = input;
  if (standardFen === null) {
    return { basis: 'not_configured', standardFen: null, creditedBeforeFen: 0, dueFen: null, creditedAfterFen: null };
  }
  let basis: DeductibleBasis = 'chained';
  if (!predecessor) basis = 'no_chain';
  else if (predecessor.creditedFen === null) basis = 'unknown_credit';
  else if (!sameInsuranceYear(predecessor.endedOn, admittedOn)) basis = 'year_boundary';
  else {
    const gap = daysBetween(predecessor.endedOn, admittedOn);
    if (gap < 0 || gap > chainWindowDays) basis = 'outside_window';
  }
  const creditedBeforeFen = basis === 'chained' ? predecessor!.creditedFen! : 0;
  const dueFen = Math.max(0, standardFen - creditedBeforeFen);
  const eligible = input.eligibleCostFen ?? null;
  const creditedAfterFen = creditedBeforeFen + (eligible === null ? dueFen : Math.min(dueFen, eligible));
  return { basis, standardFen, creditedBeforeFen, dueFen, creditedAfterFen };
}

/** An inpatient stay at the sending institution that CountyCare recorded: an admitted referral addressed to it. */
export interface RecordedStay {
  admittedOn: CalendarDate;
  /** C before the stay, and after it (its own estimate added); null when the stay's level had no configured deductible. */
  creditedBeforeFen: number | null;
  creditedAfterFen: number | null;
}

/**
 * C(k−1) carried by an up-referral that leaves an inpatient stay (domain.md
 * §5.5): everything credited in the chain before that stay plus what was paid
 * in it. What was paid is the figure the sending side states (its settlement
 * prevails over our estimate) or, when it states none, the stay's recorded
 * estimate. A recorded stay admitted in another insurance year, or more than
 * `maxStayDays` before the referral, is not the stay the patient is leaving.
 * Null when the patient leaves no inpatient stay CountyCare knows of;
 * `creditedFen` null when the stay is known but what it credited is not.
 */
export function sourceStayCredit(input: {
  stay: RecordedStay | null;
  statedPaidFen: number | null;
  referredOn: CalendarDate;
  maxStayDays: number;
}): { creditedFen: number | null; linked: boolean } | null {
  const { stay, statedPaidFen, referredOn, maxStayDays } = input;
  const age = stay ? daysBetween(stay.admittedOn, referredOn) : -1;
  const linked = !!stay && age >= 0 && age <= maxStayDays && sameInsuranceYear(stay.admittedOn, referredOn);
  if (!linked) return statedPaidFen === null ? null : { creditedFen: statedPaidFen, linked: false };
  const before = stay!.creditedBeforeFen ?? 0;
  const estimated = stay!.creditedAfterFen === null ? null : stay!.creditedAfterFen - before;
  const paid = statedPaidFen ?? estimated;
  return { creditedFen: paid === null ? null : before + paid, linked: true };
}
