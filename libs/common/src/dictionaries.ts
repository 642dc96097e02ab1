import { POPULATION_TAG_LABELS, PopulationTag } from '@countycare/domain';
import type { Locale } from './problem/messages';

export type Labels = Record<Locale, string>;
export type Dictionary = Record<string, Labels>;

const DICTIONARIES: Record<string, Dictionary> = {};

/** Adds the Chinese and English labels of an enum (api.md: `GET /dictionaries`). Each context registers its own. */
export function registerDictionary(name: string, entries: Dictionary): void {
  DICTIONARIES[name] = { ...(DICTIONARIES[name] ?? {}), ...entries };
}

export function dictionaries(): Record<string, Dictionary> {
  return DICTIONARIES;
}

registerDictionary('role', {
  system_admin: { 'zh-CN': '系统管理员', en: 'System administrator' },
  county_admin: { 'zh-CN': '医共体/县级管理员', en: 'County administrator' },
  institution_admin: { 'zh-CN': '机构管理员', en: 'Institution administrator' },
  gp: { 'zh-CN': '家庭医生', en: 'General practitioner' },
  nurse: { 'zh-CN': '护士', en: 'Nurse' },
  referral_desk: { 'zh-CN': '转诊服务岗', en: 'Referral desk' },
  resident: { 'zh-CN': '居民', en: 'Resident' },
});

registerDictionary('institution_level', {
  village_clinic: { 'zh-CN': '村卫生室', en: 'Village clinic' },
  township_center: { 'zh-CN': '乡镇卫生院/社区卫生服务中心', en: 'Township health centre' },
  county_hospital: { 'zh-CN': '县级医院', en: 'County hospital' },
  city_hospital: { 'zh-CN': '市级医院', en: 'City hospital' },
  provincial_hospital: { 'zh-CN': '省级医院', en: 'Provincial hospital' },
});

const POPULATION_TAG_EN: Record<PopulationTag, string> = {
  elderly_65: 'Aged 65 and over', child_0_6: 'Child aged 0-6', pregnant: 'Pregnant or postpartum', hypertension: 'Hypertension',
  diabetes_t2: 'Type 2 diabetes', copd: 'COPD', severe_mental: 'Severe mental disorder', tuberculosis: 'Tuberculosis',
  disabled: 'Disabled', low_income: 'Low income', cancer: 'Cancer', family_planning_special: 'Family-planning special household',
};
registerDictionary('population_tag', Object.fromEntries(
  (Object.keys(POPULATION_TAG_LABELS) as PopulationTag[]).map((tag) => [tag, { 'zh-CN': POPULATION_TAG_LABELS[tag], en: POPULATION_TAG_EN[tag] }]),
));

registerDictionary('team_member_role', {
  gp_lead: { 'zh-CN': '团队长', en: 'Team lead' },
  gp: { 'zh-CN': '家庭医生', en: 'GP' },
  nurse: { 'zh-CN': '护士', en: 'Nurse' },
  public_health: { 'zh-CN': '公卫人员', en: 'Public-health staff' },
  village_doctor: { 'zh-CN': '乡村医生', en: 'Village doctor' },
  specialist: { 'zh-CN': '专科医生', en: 'Specialist' },
  pharmacist: { 'zh-CN': '药师', en: 'Pharmacist' },
  health_manager: { 'zh-CN': '健康管理师', en: 'Health manager' },
  tcm: { 'zh-CN': '中医', en: 'TCM practitioner' },
});

registerDictionary('audit_action', {
  read: { 'zh-CN': '查看', en: 'Read' },
  create: { 'zh-CN': '新建', en: 'Create' },
  update: { 'zh-CN': '修改', en: 'Update' },
  transition: { 'zh-CN': '状态变更', en: 'Status change' },
  reveal_pii: { 'zh-CN': '查看完整证件号/手机号', en: 'Revealed identity or phone number' },
  export: { 'zh-CN': '导出', en: 'Export' },
  import: { 'zh-CN': '导入', en: 'Import' },
  login: { 'zh-CN': '登录', en: 'Sign-in' },
  login_failed: { 'zh-CN': '登录失败', en: 'Failed sign-in' },
  lockout: { 'zh-CN': '账号锁定', en: 'Account locked' },
  logout: { 'zh-CN': '退出', en: 'Sign-out' },
  token_reuse: { 'zh-CN': '令牌重复使用', en: 'Token reuse' },
  permission_change: { 'zh-CN': '权限变更', en: 'Permission change' },
});
