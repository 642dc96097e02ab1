import type { NavItem } from '../../shell/nav';

export const nav: NavItem[] = [
  { path: '/admin', label: { 'zh-CN': '指标看板', en: 'Indicators' }, roles: ['system_admin', 'county_admin', 'institution_admin'] },
];
