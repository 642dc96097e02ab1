import { ageOn } from '../identity/id-number';
import { CalendarDate } from '../shared/calendar-date';
import { InvalidValueError } from '../shared/domain-error';

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

/** Chinese labels of the tags (重点人群分类), as GET /dictionaries shows them; rosters may use them instead of codes. */
export const POPULATION_TAG_LABELS: Record<PopulationTag, string> = {
  elderly_65: '65岁及以上老年人',
  child_0_6: '0-6岁儿童',
  pregnant: '孕产妇',
  hypertension: '高血压',
  diabetes_t2: '2型糖尿病',
  copd: '慢阻肺',
  severe_mental: '严重精神障碍',
  tuberculosis: '肺结核',
  disabled: '残疾人',
  low_income: '低收入人口',
  cancer: '肿瘤',
  family_planning_special: '计划生育特殊家庭',
};

/** Other names rosters commonly use for the same groups. */
const TAG_SYNONYMS: Record<string, PopulationTag> = {
  老年人: 'elderly_65', 儿童: 'child_0_6', 孕妇: 'pregnant', 产妇: 'pregnant', 糖尿病: 'diabetes_t2',
  慢性阻塞性肺疾病: 'copd', 精神障碍: 'severe_mental', 结核病: 'tuberculosis', 残疾: 'disabled',
  低保: 'low_income', 低收入人群: 'low_income', 困难家庭: 'low_income', 癌症: 'cancer', 计生特殊家庭: 'family_planning_special',
};

const TAG_BY_NAME: ReadonlyMap<string, PopulationTag> = new Map<string, PopulationTag>([
  ...[...DERIVED_TAGS, ...RECORDED_TAGS].map((t) => [t, t] as [string, PopulationTag]),
  ...Object.entries(POPULATION_TAG_LABELS).map(([t, label]) => [label, t as PopulationTag] as [string, PopulationTag]),
  ...Object.entries(TAG_SYNONYMS),
]);

/**
 * A list of tags as a roster cell holds it: codes or Chinese labels separated
 * by `|`, `;`, `、`, `,` or spaces. Age-based tags are dropped (they are
 * derived from the birth date, never stored); an unknown tag is an error.
 */
export function parseTagList(raw: string, field = 'tags'): RecordedTag[] {
  const out = new Set<RecordedTag>();
  for (const part of String(raw ?? '').split(/[|;；、,，\s]+/)) {
    const name = part.trim();
    if (!name) continue;
    const tag = TAG_BY_NAME.get(name) ?? TAG_BY_NAME.get(name.toLowerCase());
    if (!tag) throw new InvalidValueError(field, 'unknown_tag', `unknown population tag ${name}`, { tag: name });
    if (isRecordedTag(tag)) out.add(tag);
  }
  return RECORDED_TAGS.filter((t) => out.has(t));
}

/** Tags that only fit one sex: pregnancy care (孕产妇) is for women. */
export function assertTagsFitSex(tags: readonly string[], sex: 'male' | 'female', field = 'tags'): void {
  if (sex === 'male' && tags.includes('pregnant')) {
    throw new InvalidValueError(field, 'tag_sex_mismatch', 'the pregnant tag needs a female resident', { tag: 'pregnant' });
  }
}
