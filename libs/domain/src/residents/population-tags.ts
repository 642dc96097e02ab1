import { ageOn } from '../identity/id-number';
import { CalendarDate } from '../shared/calendar-date';

/** Key-population tags a clinician records (重点人群, domain.md §3.1). */
export const RECORDED_TAGS = [
  'pregnant', 'hypertension', 'diabetes_t2', 'copd', 'severe_mental', 'tuberculosis', 'disabled', 'low_income', 'cancer',
  'family_planning_special',
] as const;
export type RecordedTag = (typeof RECORDED_TAGS)[number];

/** Tags that follow from the birth date; never typed, so they cannot go stale. */
export const DERIVED_TAGS = ['elderly_65', 'child_0_6'] as const;
export type DerivedTag = (typeof DERIVED_TAGS)[number];
export type PopulationTag = RecordedTag | DerivedTag;

/** Extra-sensitive groups (精神卫生法; GB/T 39725): shown only to the care team and the resident. */
export const SENSITIVE_TAGS: readonly PopulationTag[] = ['severe_mental', 'tuberculosis'];

export function isRecordedTag(tag: string): tag is RecordedTag {
  return (RECORDED_TAGS as readonly string[]).includes(tag);
}

/** Age-based tags on `today`: 65 and over (national elderly service), 0-6 years (child health). */
export function derivedTags(birthDate: CalendarDate, today: CalendarDate): DerivedTag[] {
  const age = ageOn(birthDate, today);
  const tags: DerivedTag[] = [];
  if (age >= 65) tags.push('elderly_65');
  if (age <= 6) tags.push('child_0_6');
  return tags;
}

/** Recorded plus derived tags, each once, in a stable order. */
export function populationTags(recorded: readonly string[], birthDate: CalendarDate, today: CalendarDate): PopulationTag[] {
  const set = new Set<PopulationTag>([...derivedTags(birthDate, today), ...recorded.filter(isRecordedTag)]);
  return [...DERIVED_TAGS, ...RECORDED_TAGS].filter((t) => set.has(t));
}
