import type { NavItem } from '../../shell/nav';

/** The administrators' menu: each entry only for the roles the API lets use the screen. */
export const nav: NavItem[] = [
  { path: '/admin', label: { 'zh-CN': '指标看板', en: 'Indicators' }, roles: ['system_admin', 'county_admin', 'institution_admin'] },
  { path: '/admin/staff', label: { 'zh-CN': '人员账号', en: 'Staff accounts' }, roles: ['system_admin', 'county_admin', 'institution_admin'] },
  { path: '/admin/teams', label: { 'zh-CN': '家庭医生团队', en: 'GP teams' }, roles: ['system_admin', 'county_admin', 'institution_admin'] },
  { path: '/admin/packages', label: { 'zh-CN': '服务包', en: 'Service packages' }, roles: ['system_admin', 'county_admin', 'institution_admin'] },
  { path: '/admin/policy', label: { 'zh-CN': '县级参数', en: 'County settings' }, roles: ['system_admin', 'county_admin', 'institution_admin'] },
  { path: '/admin/import', label: { 'zh-CN': '居民花名册导入', en: 'Roster import' }, roles: ['county_admin', 'institution_admin'] },
  { path: '/admin/audit', label: { 'zh-CN': '审计日志', en: 'Audit log' }, roles: ['system_admin', 'county_admin'] },
];

/** The roles that may open a screen (the same as its menu entry). */
export function rolesOf(path: string): NavItem['roles'] {
  return nav.find((n) => n.path === path)?.roles ?? [];
}
