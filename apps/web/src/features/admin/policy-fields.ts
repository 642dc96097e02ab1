/** Institution levels, lowest first (libs/domain/src/organizations/institution-level.ts). */
export const DEDUCTIBLE_LEVELS = ['village_clinic', 'township_center', 'county_hospital', 'city_hospital', 'provincial_hospital'] as const;
/** The deductible columns: every scheme (`deductibleByLevel`), then the schemes with a table of their own (`deductibleByScheme`). */
export const DEDUCTIBLE_SCHEMES = ['all', 'employee', 'resident'] as const;
export type DeductibleScheme = (typeof DEDUCTIBLE_SCHEMES)[number];

/** The county settings of domain.md §8 as form fields: path in the policy, allowed range, whole number or not, labels. */
export interface PolicyField {
  path: [string, string] | [string, string, string] | [string, string, string, string];
  min: number;
  max: number;
  precision: number;
  zh: string;
  en: string;
  /** A deductible: its cell in the level × scheme table rather than a field of its own */
  deductible?: { level: (typeof DEDUCTIBLE_LEVELS)[number]; scheme: DeductibleScheme };
}

const deductible = (level: (typeof DEDUCTIBLE_LEVELS)[number], scheme: DeductibleScheme): PolicyField => ({
  path: scheme === 'all' ? ['insurance', 'deductibleByLevel', level] : ['insurance', 'deductibleByScheme', scheme, level],
  min: 0, max: 1000000, precision: 2, zh: '起付线（元）', en: 'Deductible (yuan)', deductible: { level, scheme },
});

export const POLICY_GROUPS: { key: string; zh: string; en: string; fields: PolicyField[] }[] = [
  {
    key: 'contract', zh: '家庭医生签约', en: 'Family-doctor contracts',
    fields: [
      { path: ['contract', 'termMonths'], min: 1, max: 60, precision: 0, zh: '签约期限（月）', en: 'Contract term (months)' },
      { path: ['contract', 'maxBackdateDays'], min: 0, max: 365, precision: 0, zh: '最多补签天数', en: 'Most days a signing may be backdated' },
      { path: ['contract', 'maxStartAheadDays'], min: 0, max: 366, precision: 0, zh: '最多提前开始天数', en: 'Most days a contract may start ahead' },
      { path: ['contract', 'expiringWithinDays'], min: 1, max: 365, precision: 0, zh: '到期提醒（提前天数）', en: 'Expiry reminder (days before)' },
      { path: ['contract', 'renewalGraceDays'], min: 0, max: 365, precision: 0, zh: '续约宽限（天）', en: 'Renewal grace (days)' },
      { path: ['contract', 'maxActivePerGp'], min: 1, max: 100000, precision: 0, zh: '每位医生最多签约数', en: 'Most open contracts per GP' },
    ],
  },
  {
    key: 'sickbed', zh: '家庭病床', en: 'Household sickbeds',
    fields: [
      { path: ['sickbed', 'maxCycleDays'], min: 1, max: 365, precision: 0, zh: '最长建床周期（天）', en: 'Longest cycle (days)' },
      { path: ['sickbed', 'endWarningDays'], min: 0, max: 60, precision: 0, zh: '周期结束提醒（提前天数）', en: 'End-of-cycle warning (days before)' },
      { path: ['sickbed', 'firstRoundHours'], min: 1, max: 240, precision: 0, zh: '建床后首次查床时限（小时）', en: 'First doctor round within (hours)' },
      { path: ['sickbed', 'doctorRoundIntervalDays'], min: 1, max: 60, precision: 0, zh: '医生查床间隔（天）', en: 'Doctor round interval (days)' },
      { path: ['sickbed', 'nurseVisitIntervalDays'], min: 1, max: 60, precision: 0, zh: '护士上门间隔（天）', en: 'Nurse visit interval (days)' },
    ],
  },
  {
    key: 'referral', zh: '双向转诊', en: 'Two-way referrals',
    fields: [
      { path: ['referral', 'replyHours', 'routine'], min: 0.25, max: 720, precision: 2, zh: '普通转诊答复时限（小时）', en: 'Reply limit, routine (hours)' },
      { path: ['referral', 'replyHours', 'urgent'], min: 0.25, max: 720, precision: 2, zh: '加急转诊答复时限（小时）', en: 'Reply limit, urgent (hours)' },
      { path: ['referral', 'replyHours', 'emergent'], min: 0.05, max: 24, precision: 2, zh: '危急（绿色通道）答复时限（小时）', en: 'Reply limit, emergent / green channel (hours)' },
      { path: ['referral', 'noShowDays'], min: 1, max: 90, precision: 0, zh: '爽约过期（预约后天数）', en: 'No-show expiry (days after the appointment)' },
      { path: ['referral', 'downFollowUpDays'], min: 1, max: 90, precision: 0, zh: '下转后随访时限（天）', en: 'Follow-up after a down-referral (days)' },
    ],
  },
  {
    key: 'insurance', zh: '连续计算起付线', en: 'Continuous deductible',
    fields: [
      { path: ['insurance', 'chainWindowDays'], min: 0, max: 90, precision: 0, zh: '连续计算间隔（天）', en: 'Gap that still continues a chain (days)' },
      { path: ['insurance', 'linkedStayMaxDays'], min: 1, max: 366, precision: 0, zh: '关联住院最长回溯（天）', en: 'Linked stay looks back at most (days)' },
      ...DEDUCTIBLE_SCHEMES.flatMap((scheme) => DEDUCTIBLE_LEVELS.map((level) => deductible(level, scheme))),
    ],
  },
  {
    key: 'audit', zh: '审计日志', en: 'Audit log',
    fields: [{ path: ['audit', 'retentionMonths'], min: 6, max: 360, precision: 0, zh: '审计日志保留（月，不少于 6）', en: 'Audit retention (months, at least 6)' }],
  },
];

type Tree = Record<string, unknown>;

/** The number at a path of any depth (`insurance.deductibleByScheme.employee.county_hospital`), or undefined. */
export function valueAt(tree: Tree, path: readonly string[]): number | undefined {
  let node: unknown = tree;
  for (const key of path) node = node && typeof node === 'object' ? (node as Tree)[key] : undefined;
  return typeof node === 'number' ? node : undefined;
}

/**
 * The partial policy of what the form changed: only the settings whose value differs from the effective one, nested
 * as deep as their paths (a scheme's deductible is four levels down).
 */
export function changedPolicy(current: Tree, next: Tree): Tree {
  const patch: Tree = {};
  for (const group of POLICY_GROUPS) {
    for (const field of group.fields) {
      const before = valueAt(current, field.path);
      const after = valueAt(next, field.path);
      if (after === undefined || after === null || after === before) continue;
      let node = patch;
      field.path.slice(0, -1).forEach((key) => {
        node[key] = (node[key] as Tree | undefined) ?? {};
        node = node[key] as Tree;
      });
      node[field.path[field.path.length - 1]] = after;
    }
  }
  return patch;
}
