import type { NavItem } from '../../shell/nav';

export const nav: NavItem[] = [
  { path: '/my', label: { 'zh-CN': '我的签约', en: 'My contracts' }, roles: ['resident'] },
];
