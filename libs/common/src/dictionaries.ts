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

registerDictionary('audit_outcome', {
  success: { 'zh-CN': '成功', en: 'Succeeded' },
  denied: { 'zh-CN': '被拒绝', en: 'Denied' },
  error: { 'zh-CN': '出错', en: 'Failed' },
});

registerDictionary('audit_purpose', {
  treatment: { 'zh-CN': '诊疗服务', en: 'Care' },
  admin: { 'zh-CN': '管理', en: 'Administration' },
  audit: { 'zh-CN': '审计', en: 'Audit' },
  statistics: { 'zh-CN': '统计', en: 'Statistics' },
  self: { 'zh-CN': '本人查看', en: 'Yourself' },
});

registerDictionary('chain_break_reason', {
  seal_missing: { 'zh-CN': '缺少封存记录', en: 'A seal is missing' },
  event_missing: { 'zh-CN': '日志记录缺失', en: 'An event is missing' },
  event_added: { 'zh-CN': '日志记录被插入', en: 'An event was added' },
  subject_orphan: { 'zh-CN': '记录的对象关联缺失', en: 'A subject row has no event' },
  prev_hash_mismatch: { 'zh-CN': '前序哈希不一致', en: 'The previous hash does not match' },
  unknown_format: { 'zh-CN': '记录格式无法识别', en: 'Unknown record format' },
  event_altered: { 'zh-CN': '日志记录被篡改', en: 'An event was altered' },
});

registerDictionary('staff_status', {
  active: { 'zh-CN': '启用', en: 'Active' },
  disabled: { 'zh-CN': '停用', en: 'Disabled' },
});

registerDictionary('indicator_unit', {
  proportion: { 'zh-CN': '比例', en: 'Proportion' },
  ratio: { 'zh-CN': '比值', en: 'Ratio' },
  days: { 'zh-CN': '天', en: 'Days' },
  count: { 'zh-CN': '数量', en: 'Count' },
});

/** What an audit event is about (`resourceType`): the resident's access log and the audit screen name it with these. */
registerDictionary('audit_resource', {
  contract: { 'zh-CN': '签约', en: 'Contract' },
  resident: { 'zh-CN': '个人档案', en: 'Personal record' },
  resident_account: { 'zh-CN': '居民账号', en: 'Resident login' },
  resident_roster: { 'zh-CN': '居民花名册', en: 'Resident roster' },
  sickbed: { 'zh-CN': '家庭病床', en: 'Household sickbed' },
  sickbed_round: { 'zh-CN': '查房记录', en: 'Sickbed round' },
  sickbed_rounds: { 'zh-CN': '查房记录', en: 'Sickbed rounds' },
  sickbed_order: { 'zh-CN': '医嘱', en: 'Sickbed order' },
  sickbed_orders: { 'zh-CN': '医嘱', en: 'Sickbed orders' },
  referral: { 'zh-CN': '转诊单', en: 'Referral' },
  service_record: { 'zh-CN': '服务记录', en: 'Service record' },
  service_package: { 'zh-CN': '服务包', en: 'Service package' },
  follow_up: { 'zh-CN': '随访任务', en: 'Follow-up' },
  audit_log: { 'zh-CN': '访问记录', en: 'Audit log' },
  audit_chain: { 'zh-CN': '审计链校验', en: 'Audit chain check' },
  county: { 'zh-CN': '县（医共体）', en: 'County' },
  institution: { 'zh-CN': '机构', en: 'Institution' },
  team: { 'zh-CN': '家庭医生团队', en: 'GP team' },
  staff: { 'zh-CN': '工作人员', en: 'Staff' },
  user: { 'zh-CN': '用户账号', en: 'User account' },
  session: { 'zh-CN': '登录会话', en: 'Session' },
  indicators: { 'zh-CN': '统计指标', en: 'Indicators' },
});

/** How a reader reached a resident's record (`via` of a read event). */
registerDictionary('access_via', {
  list: { 'zh-CN': '列表查询', en: 'A list' },
  search: { 'zh-CN': '按姓名/证件号/手机号搜索', en: 'A search' },
  worklist: { 'zh-CN': '随访工作清单', en: 'The follow-up worklist' },
  rounds_worklist: { 'zh-CN': '查房工作清单', en: 'The rounds worklist' },
  scope: { 'zh-CN': '管辖范围内查看', en: 'Their own scope' },
  county_sharing: { 'zh-CN': '县域共享授权', en: 'County-wide sharing' },
  me: { 'zh-CN': '本人账号', en: 'Your own account' },
  self: { 'zh-CN': '本人账号', en: 'Your own account' },
  roster_import: { 'zh-CN': '花名册导入', en: 'A roster import' },
  body: { 'zh-CN': '提交的内容', en: 'A submitted record' },
});
