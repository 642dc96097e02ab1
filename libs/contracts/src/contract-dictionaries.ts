import { registerDictionary } from '@countycare/common';

/** Labels of the contract codes the API answers with (GET /dictionaries; the web app shows these, never the codes). */
registerDictionary('contract_status', {
  pending: { 'zh-CN': '待确认', en: 'Awaiting confirmation' },
  scheduled: { 'zh-CN': '待生效', en: 'Scheduled' },
  active: { 'zh-CN': '履约中', en: 'Active' },
  terminating: { 'zh-CN': '解约中', en: 'Terminating' },
  expired: { 'zh-CN': '已到期', en: 'Expired' },
  terminated: { 'zh-CN': '已解约', en: 'Terminated' },
  rejected: { 'zh-CN': '已拒绝', en: 'Rejected' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
});

registerDictionary('contract_action', {
  confirm: { 'zh-CN': '确认签约', en: 'Confirm' },
  reject: { 'zh-CN': '拒绝申请', en: 'Reject' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  terminate: { 'zh-CN': '解约', en: 'Terminate' },
  withdraw_termination: { 'zh-CN': '撤回解约', en: 'Withdraw termination' },
  renew: { 'zh-CN': '续约', en: 'Renew' },
});

registerDictionary('package_kind', {
  basic: { 'zh-CN': '基础服务包', en: 'Basic package' },
  personalized: { 'zh-CN': '个性化服务包', en: 'Personalized package' },
});

registerDictionary('service_modality', {
  face_to_face: { 'zh-CN': '门诊面对面', en: 'Face to face' },
  home: { 'zh-CN': '上门服务', en: 'Home visit' },
  phone: { 'zh-CN': '电话随访', en: 'Phone' },
  online: { 'zh-CN': '线上服务', en: 'Online' },
  any: { 'zh-CN': '方式不限', en: 'Any way' },
});

registerDictionary('required_data', {
  sbp: { 'zh-CN': '收缩压（mmHg）', en: 'Systolic BP (mmHg)' },
  dbp: { 'zh-CN': '舒张压（mmHg）', en: 'Diastolic BP (mmHg)' },
  fastingGlucose: { 'zh-CN': '空腹血糖（mmol/L）', en: 'Fasting glucose (mmol/L)' },
  heartRate: { 'zh-CN': '心率（次/分）', en: 'Heart rate (/min)' },
  weightKg: { 'zh-CN': '体重（kg）', en: 'Weight (kg)' },
});

registerDictionary('not_counted_reason', {
  modality_mismatch: { 'zh-CN': '服务方式与服务包不符', en: 'Not the way the package item is delivered' },
  missing_data: { 'zh-CN': '缺少服务项目要求的数据', en: 'Data the item requires is missing' },
  outside_plan: { 'zh-CN': '不在签约服务计划内', en: 'Outside the contract\'s plan' },
  window_already_met: { 'zh-CN': '本周期已完成', en: 'This period is already met' },
  voided: { 'zh-CN': '已作废', en: 'Voided' },
});

registerDictionary('service_record_status', {
  valid: { 'zh-CN': '有效', en: 'Valid' },
  voided: { 'zh-CN': '已作废', en: 'Voided' },
});

registerDictionary('termination_reason', {
  moved_out: { 'zh-CN': '迁出本县', en: 'Moved out' },
  deceased: { 'zh-CN': '死亡', en: 'Deceased' },
  resident_request: { 'zh-CN': '居民申请解约', en: 'Resident\'s request' },
  lost_contact: { 'zh-CN': '失访', en: 'Lost contact' },
  refused_service: { 'zh-CN': '拒绝服务', en: 'Refused the service' },
  resigned_other_team: { 'zh-CN': '改签其他团队', en: 'Signed with another team' },
  invoice_voided: { 'zh-CN': '收费作废', en: 'Payment voided' },
  other: { 'zh-CN': '其他', en: 'Other' },
});

registerDictionary('sign_way', {
  self: { 'zh-CN': '本人签约', en: 'Signed by the resident' },
  family_proxy: { 'zh-CN': '家属代签', en: 'Signed by a family member' },
  doctor_proxy: { 'zh-CN': '医生代录', en: 'Entered by the doctor' },
});

registerDictionary('follow_up_status', {
  open: { 'zh-CN': '待完成', en: 'Open' },
  met: { 'zh-CN': '已完成', en: 'Met' },
  missed: { 'zh-CN': '未完成（已过期）', en: 'Missed' },
  dropped: { 'zh-CN': '已取消', en: 'Dropped' },
});

registerDictionary('follow_up_kind', {
  package_item: { 'zh-CN': '签约服务', en: 'Contracted service' },
  referral_return: { 'zh-CN': '下转随访', en: 'Follow-up after a down-referral' },
});

registerDictionary('follow_up_urgency', {
  overdue: { 'zh-CN': '已逾期', en: 'Overdue' },
  this_week: { 'zh-CN': '本周到期', en: 'Due this week' },
  later: { 'zh-CN': '稍后到期', en: 'Due later' },
});
