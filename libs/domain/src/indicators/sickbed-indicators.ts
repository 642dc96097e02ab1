import { BED_TYPES, BedType, CLOSURE_OUTCOMES, ClosureOutcome } from '../sickbeds/sickbed-cycle';
import { CalendarDate, compareDates, daysBetween } from '../shared/calendar-date';
import { averageDays, count, IndicatorPeriod, IndicatorValue, proportion } from './indicator';

/**
 * Round compliance (domain.md §4.4 "rounds done on time ÷ rounds due"),
 * defined on what is stored: each opened episode's round plan (doctor and
 * nurse intervals, fixed at opening) and its recorded rounds. The indicator
 * query evaluates exactly this in one SQL statement; these functions are
 * its reference, pinned by unit tests.
 *
 * For an episode and a kind of round, within the part of the period the bed
 * was open (`observationWindow`):
 * - due = ⌊open days ÷ interval⌋ (a bed open 30 days with a 7-day interval owes 4 rounds);
 * - done on time = rounds of that kind on a day of the window, at most `interval` days
 *   (county-zone calendar days) after the previous round of the kind, or after the start date for the first;
 * - compliance = Σ min(done on time, due) ÷ Σ due over episodes, so extra rounds
 *   for one patient never hide missed rounds for another.
 * The 48-hour first-round rule is not part of the ratio: a late first round simply
 * opens a long gap, and the rounds worklist already flags it.
 */
export function observationWindow(
  bed: { startDate: CalendarDate; closureDate: CalendarDate | null },
  period: Pick<IndicatorPeriod, 'from' | 'referenceDate'>,
): { from: CalendarDate; to: CalendarDate; days: number } | null {
  const from = compareDates(bed.startDate, period.from) > 0 ? bed.startDate : period.from;
  const to = bed.closureDate !== null && compareDates(bed.closureDate, period.referenceDate) < 0 ? bed.closureDate : period.referenceDate;
  if (compareDates(from, to) > 0) return null;
  return { from, to, days: daysBetween(from, to) + 1 };
}

export function roundsDue(openDays: number, intervalDays: number): number {
  return Math.floor(openDays / intervalDays);
}

export function roundOnTime(previousDay: CalendarDate, visitDay: CalendarDate, intervalDays: number): boolean {
  return daysBetween(previousDay, visitDay) <= intervalDays;
}

/** What the sickbed indicator queries count (domain.md §4.4). */
export interface SickbedIndicatorCounts {
  /** Episodes opened (建床, `openedAt`) in the period, per institution and bed type. */
  opened: Array<{ institutionId: string; bedType: BedType | null; beds: number }>;
  /** Episodes open on the reference date: started, and not closed before it. */
  openOnReferenceDate: number;
  /** Episodes closed (撤床 finalized) with a closure date in the period, per outcome. */
  closed: Array<{ outcome: ClosureOutcome | null; beds: number; bedDays: number }>;
  /** Per kind: Σ due and Σ min(done on time, due) over episodes. */
  rounds: Record<'doctor' | 'nurse', { due: number; onTime: number }>;
  /** Active today past their planned end date without an extension. */
  overdueToday: number;
}

export type SickbedIndicatorName =
  | 'bedsOpened' | 'openBeds' | 'averageBedDays' | 'roundCompliance' | 'nurseVisitCompliance' | 'transferToHospitalRate'
  | 'overdueEpisodes';

export interface SickbedIndicators {
  indicators: Record<SickbedIndicatorName, IndicatorValue>;
  openedByBedType: Array<{ bedType: BedType; beds: number }>;
  openedByInstitution: Array<{ institutionId: string; beds: number }>;
  outcomeMix: Array<IndicatorValue & { outcome: ClosureOutcome }>;
}

/**
 * §4.4: beds opened; open beds on the reference date; average bed days =
 * Σ bedDays of episodes closed in the period ÷ their count; round and nurse
 * visit compliance (see above); transfer-to-hospital rate = closed with
 * outcome transferred_to_hospital ÷ closed; outcome mix; overdue episodes.
 */
export function sickbedIndicators(c: SickbedIndicatorCounts): SickbedIndicators {
  const opened = c.opened.reduce((sum, o) => sum + o.beds, 0);
  const closed = c.closed.reduce((sum, o) => sum + o.beds, 0);
  const bedDays = c.closed.reduce((sum, o) => sum + o.bedDays, 0);
  const closedWith = (outcome: ClosureOutcome) => c.closed.filter((o) => o.outcome === outcome).reduce((sum, o) => sum + o.beds, 0);
  const byInstitution = new Map<string, number>();
  for (const o of c.opened) byInstitution.set(o.institutionId, (byInstitution.get(o.institutionId) ?? 0) + o.beds);
  const compliance = { noteCode: 'round_compliance_rule' };
  return {
    indicators: {
      bedsOpened: count(opened),
      openBeds: count(c.openOnReferenceDate, { noteCode: 'on_reference_date' }),
      averageBedDays: averageDays(bedDays, closed),
      roundCompliance: proportion(c.rounds.doctor.onTime, c.rounds.doctor.due, compliance),
      nurseVisitCompliance: proportion(c.rounds.nurse.onTime, c.rounds.nurse.due, compliance),
      transferToHospitalRate: proportion(closedWith('transferred_to_hospital'), closed),
      overdueEpisodes: count(c.overdueToday, { noteCode: 'overdue_today' }),
    },
    openedByBedType: BED_TYPES.map((bedType) => ({
      bedType, beds: c.opened.filter((o) => o.bedType === bedType).reduce((sum, o) => sum + o.beds, 0),
    })),
    openedByInstitution: [...byInstitution].map(([institutionId, beds]) => ({ institutionId, beds })),
    outcomeMix: CLOSURE_OUTCOMES.map((outcome) => ({ outcome, ...proportion(closedWith(outcome), closed) })),
  };
}
