import type { NavItem } from '../../shell/nav';

export const nav: NavItem[] = [
  { path: '/my', label: { 'zh-CN': '我的签约', en: 'My contracts' }, roles: ['resident'] },
  { path: '/my/sickbed', label: { 'zh-CN': '我的家庭病床', en: 'My household sickbed' }, roles: ['resident'] },
  { path: '/my/referrals', label: { 'zh-CN': '我的转诊', en: 'My referrals' }, roles: ['resident'] },
  { path: '/my/access-log', label: { 'zh-CN': '谁查看了我的档案', en: 'Who accessed my record' }, roles: ['resident'] },
];
