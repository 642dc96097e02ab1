import type { NavItem } from '../../shell/nav';

export const nav: NavItem[] = [
  { path: '/desk', label: { 'zh-CN': '转诊队列', en: 'Referral queue' }, roles: ['referral_desk'] },
];
