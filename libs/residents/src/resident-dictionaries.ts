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

registerDictionary('reveal_reason', {
  contact_resident: { 'zh-CN': '联系居民（随访、上门、预约）', en: 'Contact the resident (follow-up, visit, appointment)' },
  verify_identity: { 'zh-CN': '核验身份', en: 'Verify identity' },
  insurance_settlement: { 'zh-CN': '医保结算', en: 'Insurance settlement' },
  referral_arrangement: { 'zh-CN': '安排转诊', en: 'Arrange a referral' },
  registry_correction: { 'zh-CN': '更正登记信息', en: 'Correct the registration' },
});
