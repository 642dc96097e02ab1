import { addDays, CalendarDate, compareDates, daysBetween } from '../shared/calendar-date';
import { contractEndDate } from './contract-term';
import type { DeliveryModality, PayloadField, ServiceModality, ServicePayload } from './service-package';

/**
 * A plan window (§3.1 ServicePlan): how many deliveries of one item are due
 * between two dates. Quarterly items get one window per quarter of the
 * contract year (the §3.5 spacing rule: at most one visit counts per
 * quarter); items whose frequency divides the year evenly (2, 3, 4, 6, 12)
 * get as many equal windows; any other frequency gets one window per
 * contract year holding all of its deliveries.
 */
export interface PlanWindow {
  windowStart: CalendarDate;
  windowEnd: CalendarDate;
  /** Target date: the lead days before the window closes, so an overdue visit can still count. */
  dueDate: CalendarDate;
  dueCount: number;
}

/** Days before a window closes at which its visit is due [D]. */
export const FOLLOW_UP_LEAD_DAYS = 14;

function dueDateOf(windowStart: CalendarDate, windowEnd: CalendarDate): CalendarDate {
  const target = addDays(windowEnd, -FOLLOW_UP_LEAD_DAYS);
  return compareDates(target, windowStart) < 0 ? windowStart : target;
}

/** Months per window when the yearly count splits the year evenly, else null. */
export function windowMonths(timesPerYear: number): number | null {
  return timesPerYear >= 2 && timesPerYear <= 12 && 12 % timesPerYear === 0 ? 12 / timesPerYear : null;
}

/** The windows of one item over a term from `start` to `end` (inclusive). */
export function planWindows(item: { timesPerYear: number }, start: CalendarDate, end: CalendarDate): PlanWindow[] {
  const months = windowMonths(item.timesPerYear);
  const step = months ?? 12;
  const windows: PlanWindow[] = [];
  let windowStart = start;
  for (let k = 1; compareDates(windowStart, end) <= 0; k++) {
    const fullEnd = contractEndDate(start, step * k);
    const windowEnd = compareDates(fullEnd, end) > 0 ? end : fullEnd;
    let dueCount = months ? 1 : item.timesPerYear;
    if (!months && windowEnd !== fullEnd) {
      // a term that is not a whole number of years: promise the yearly count pro rata
      const fullDays = daysBetween(windowStart, fullEnd) + 1;
      dueCount = Math.max(1, Math.round((item.timesPerYear * (daysBetween(windowStart, windowEnd) + 1)) / fullDays));
    }
    windows.push({ windowStart, windowEnd, dueDate: dueDateOf(windowStart, windowEnd), dueCount });
    windowStart = addDays(windowEnd, 1);
  }
  return windows;
}

/** §3.5 rule 2: which delivered modalities fill an item of each modality (a visit in person also does for a call). */
const SATISFIED_BY: Record<ServiceModality, readonly DeliveryModality[]> = {
  face_to_face: ['face_to_face', 'home'],
  home: ['home'],
  phone: ['phone', 'face_to_face', 'home'],
  online: ['online', 'phone', 'face_to_face', 'home'],
  any: ['face_to_face', 'home', 'phone', 'online'],
};

/**
 * Why a delivered service does not count toward fulfilment: it does not fill
 * its item (modality, required data), it falls in no plan window of the
 * item (e.g. after a termination), its window already had every delivery it
 * promised (surplus), or it was voided.
 */
export type NotCountedReason = 'modality_mismatch' | 'missing_data' | 'outside_plan' | 'window_already_met' | 'voided';

export type ServiceVerdict = { counts: true } | { counts: false; reason: NotCountedReason };

/**
 * Whether a delivered service fills its item (§3.5 rules 2 and 3). A phone
 * follow-up of a face-to-face item is still recorded, it just does not count
 * (§3.4: "Phone follow-ups may be logged, but they do not fill those slots").
 */
export function serviceCounts(
  item: { modality: ServiceModality; requiredData: readonly PayloadField[] },
  record: { modality: DeliveryModality; payload: ServicePayload | null },
): ServiceVerdict {
  if (!SATISFIED_BY[item.modality].includes(record.modality)) return { counts: false, reason: 'modality_mismatch' };
  const missing = item.requiredData.some((field) => typeof record.payload?.[field] !== 'number');
  if (missing) return { counts: false, reason: 'missing_data' };
  return { counts: true };
}

/**
 * Whether one more delivery counts (§3.5, §3.6): it must fill its item and
 * fall in a plan window that still needs it. The first `dueCount` qualifying
 * deliveries of a window count, later ones are surplus: the same rule as the
 * totals, min(delivered, promised) per window, so a record's flag and its
 * contract's fulfilment always agree. `deliveredBefore` is the window's
 * qualifying deliveries before this one.
 */
export function countsInWindow(
  verdict: ServiceVerdict,
  window: { dueCount: number; deliveredBefore: number } | null,
): ServiceVerdict {
  if (!verdict.counts) return verdict;
  if (!window) return { counts: false, reason: 'outside_plan' };
  if (window.deliveredBefore >= window.dueCount) return { counts: false, reason: 'window_already_met' };
  return verdict;
}

export type PlanStatus = 'open' | 'met' | 'missed' | 'dropped';

/** A window's status from its counts and dates: met when enough was delivered, missed once it closed. */
export function windowStatus(w: { dueCount: number; deliveredCount: number; windowEnd: CalendarDate | null }, today: CalendarDate): PlanStatus {
  if (w.deliveredCount >= w.dueCount) return 'met';
  if (w.windowEnd !== null && compareDates(w.windowEnd, today) < 0) return 'missed';
  return 'open';
}

/**
 * A window's status when its contract ends on `endOn` (§3.5 last bullet):
 * what was met stays met; windows due after the end leave the denominator
 * (dropped); the rest were missed.
 */
export function windowStatusAtEnd(w: { dueCount: number; deliveredCount: number; dueDate: CalendarDate }, endOn: CalendarDate): PlanStatus {
  if (w.deliveredCount >= w.dueCount) return 'met';
  return compareDates(w.dueDate, endOn) > 0 ? 'dropped' : 'missed';
}

export interface ItemFulfilment {
  code: string;
  name: string;
  modality: ServiceModality;
  promised: number;
  /** Deliveries that qualified, surplus included. */
  delivered: number;
  /** Deliveries that count: at most the promised number per window. */
  counted: number;
  /** counted / promised, 0..1 (4 decimals). */
  rate: number;
}

export interface Fulfilment {
  items: ItemFulfilment[];
  overall: { promised: number; counted: number; rate: number };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10_000) / 10_000);

/**
 * §3.5/§3.6 履约率: per item Σ min(delivered, promised) / Σ promised over its
 * windows, overall the same sums over all items, so surplus on one item (or
 * in one quarter) never hides a gap on another. Dropped windows do not count.
 */
export function fulfilment(
  windows: Array<{ itemCode: string; itemName: string; modality: ServiceModality; dueCount: number; deliveredCount: number; status: PlanStatus }>,
): Fulfilment {
  const byItem = new Map<string, ItemFulfilment>();
  for (const w of windows) {
    let item = byItem.get(w.itemCode);
    if (!item) {
      item = { code: w.itemCode, name: w.itemName, modality: w.modality, promised: 0, delivered: 0, counted: 0, rate: 0 };
      byItem.set(w.itemCode, item);
    }
    if (w.status === 'dropped') continue;
    item.promised += w.dueCount;
    item.delivered += w.deliveredCount;
    item.counted += Math.min(w.deliveredCount, w.dueCount);
  }
  const items = [...byItem.values()].map((i) => ({ ...i, rate: ratio(i.counted, i.promised) }));
  const promised = items.reduce((s, i) => s + i.promised, 0);
  const counted = items.reduce((s, i) => s + i.counted, 0);
  return { items, overall: { promised, counted, rate: ratio(counted, promised) } };
}
