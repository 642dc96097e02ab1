import type { NavItem } from '../../shell/nav';

export const nav: NavItem[] = [
  { path: '/clinic/today', label: { 'zh-CN': '今日工作', en: 'Today' }, roles: ['gp', 'nurse'] },
  { path: '/clinic/residents', label: { 'zh-CN': '查找居民', en: 'Find a resident' }, roles: ['gp', 'nurse'] },
];
