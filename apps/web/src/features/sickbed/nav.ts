import type { NavItem } from '../../shell/nav';

export const nav: NavItem[] = [
  { path: '/sickbeds', label: { 'zh-CN': '家庭病床', en: 'Household sickbeds' }, roles: ['gp', 'nurse'] },
  { path: '/sickbeds/outbox', label: { 'zh-CN': '待同步记录', en: 'Records on this device' }, roles: ['gp', 'nurse'] },
];
