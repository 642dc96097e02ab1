import { registerDictionary } from '@countycare/common';

registerDictionary('resident_status', {
  active: { 'zh-CN': '在册', en: 'Registered' },
  moved_out: { 'zh-CN': '已迁出', en: 'Moved out' },
  deceased: { 'zh-CN': '已死亡', en: 'Deceased' },
});

registerDictionary('sex', {
  male: { 'zh-CN': '男', en: 'Male' },
  female: { 'zh-CN': '女', en: 'Female' },
});
