import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { registerDictionary, registerMessages } from '@countycare/common';
import { ContractsModule } from '@countycare/contracts';
import { OrganizationsModule } from '@countycare/organizations';
import { ReferralsModule } from '@countycare/referrals';
import { ResidentCareRelations, ResidentsModule } from '@countycare/residents';
import { SICKBED_ENTITIES } from './entities';
import { SickbedsController } from './http/sickbeds.controller';
import { SickbedAdmissionClosure } from './sickbed-admission.service';
import { SickbedCareService } from './sickbed-care.service';
import { SickbedIndicatorsQuery } from './sickbed-indicators.query';
import { SickbedViews } from './sickbed-views.service';
import { SickbedJobs } from './sickbed.jobs';
import { SickbedsService } from './sickbeds.service';

registerMessages({
  sickbed_needs_contract: {
    'zh-CN': '请通过签约的家庭医生团队申请家庭病床', en: 'apply through the family-doctor team of your open contract',
  },
  sickbed_indication_by_doctor: { 'zh-CN': '收治指征和建床意见由医生填写', en: 'the admission opinion is written by the doctor' },
  sickbed_indication_missing: { 'zh-CN': '提交前须填写收治指征和建床意见', en: 'write the admission opinion before submitting' },
  sickbed_referral_exists: { 'zh-CN': '该家庭病床已关联转诊单', en: 'this sickbed already has a linked referral' },
  sickbed_already_open: { 'zh-CN': '该居民已有未结束的家庭病床', en: 'the resident already has an open household sickbed' },
  sickbed_institution_level: {
    'zh-CN': '家庭病床只能由基层医疗机构或县级医院开设', en: 'household sickbeds are run by primary care or a county hospital',
  },
  sickbed_not_assessed_eligible: { 'zh-CN': '需先完成评估且结论为符合建床条件', en: 'needs an assessment with result eligible' },
  sickbed_not_assessed_ineligible: { 'zh-CN': '不予建床需评估结论为不符合条件', en: 'rejection needs an assessment with result ineligible' },
  sickbed_consent_missing: {
    'zh-CN': '需签署家庭病床服务协议和知情同意书', en: 'the bed agreement and informed consent must be signed',
  },
  sickbed_reassessment_not_eligible: { 'zh-CN': '续床需复评结论为符合条件', en: 'an extension needs a reassessment with result eligible' },
  sickbed_cycle_ended: {
    'zh-CN': '本周期已于 {plannedEndDate} 结束，不能续床，请撤床', en: 'the cycle ended on {plannedEndDate}; close the episode instead',
  },
  responsible_doctor_invalid: { 'zh-CN': '责任医生须为本机构在岗的医生', en: 'the responsible doctor must be an active GP of the institution' },
  responsible_nurse_invalid: { 'zh-CN': '责任护士须为本机构在岗的护士', en: 'the responsible nurse must be an active nurse of the institution' },
  round_kind_not_for_role: {
    'zh-CN': '医生查床须由医生记录，护理访视须由护士记录', en: 'doctor rounds are recorded by GPs and nurse visits by nurses',
  },
  round_already_recorded: { 'zh-CN': '该次查床已记录', en: 'this visit was already recorded' },
  order_already_stopped: { 'zh-CN': '该医嘱已停止', en: 'this order was already stopped' },
  criteria_not_met: { 'zh-CN': '评估清单未全部满足：{unmet}', en: 'criteria not met: {unmet}' },
  reason_required: { 'zh-CN': '须填写原因', en: 'a reason is required' },
  barthel_score: { 'zh-CN': 'Barthel 指数须为 0 到 100 之间 5 的倍数', en: 'Barthel index is 0 to 100 in steps of 5' },
  interval_exceeds_policy: { 'zh-CN': '访视间隔须为 {min} 到 {max} 天', en: 'the interval must be {min} to {max} days' },
  start_date_window: {
    'zh-CN': '开始日期须在 {past} 天前到 {future} 天后之间', en: 'start date must be from {past} days ago to {future} days ahead',
  },
  planned_end_out_of_cycle: { 'zh-CN': '终止日期须在 {from} 到 {to} 之间', en: 'planned end must be from {from} to {to}' },
  closure_before_start: { 'zh-CN': '撤床日期不能早于建床日期', en: 'closure date must not be before the start date' },
  closure_in_future: { 'zh-CN': '撤床日期不能晚于今天', en: 'closure date must not be in the future' },
  referral_needs_transfer_outcome: {
    'zh-CN': '只有转归为转院时才能同时发起上转', en: 'a referral is only created with outcome transferred_to_hospital',
  },
  vital_out_of_range: { 'zh-CN': '须在 {min} 到 {max} 之间，最多 {decimals} 位小数', en: 'must be {min} to {max} with at most {decimals} decimals' },
  blood_pressure_pair: { 'zh-CN': '血压须同时填写收缩压和舒张压', en: 'blood pressure needs both systolic and diastolic' },
  diastolic_not_below_systolic: { 'zh-CN': '舒张压须低于收缩压', en: 'diastolic pressure must be below systolic' },
  visit_in_future: { 'zh-CN': '访视时间不能晚于当前时间', en: 'visit time must not be in the future' },
  visit_before_opening: { 'zh-CN': '访视时间不能早于建床', en: 'visit time must not be before the bed was opened' },
});

registerDictionary('sickbed_status', {
  applied: { 'zh-CN': '已申请', en: 'Applied' },
  assessing: { 'zh-CN': '评估中', en: 'Assessing' },
  approved: { 'zh-CN': '已批准', en: 'Approved' },
  active: { 'zh-CN': '在床', en: 'Active' },
  closing: { 'zh-CN': '预撤床', en: 'Closure recorded' },
  closed: { 'zh-CN': '已撤床', en: 'Closed' },
  rejected: { 'zh-CN': '不予建床', en: 'Rejected' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
});
registerDictionary('sickbed_action', {
  amend: { 'zh-CN': '修改申请', en: 'Amend' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  assess: { 'zh-CN': '建床评估', en: 'Assess' },
  return: { 'zh-CN': '退回', en: 'Return' },
  approve: { 'zh-CN': '批准', en: 'Approve' },
  reject: { 'zh-CN': '不予建床', en: 'Reject' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  open: { 'zh-CN': '建床', en: 'Open' },
  round: { 'zh-CN': '查床/护理', en: 'Round' },
  order: { 'zh-CN': '开医嘱', en: 'Start order' },
  stop_order: { 'zh-CN': '停医嘱', en: 'Stop order' },
  extend: { 'zh-CN': '续床', en: 'Extend' },
  close: { 'zh-CN': '预撤床', en: 'Record closure' },
  undo_close: { 'zh-CN': '取消撤床', en: 'Undo closure' },
  finalize: { 'zh-CN': '撤床', en: 'Finalize closure' },
});
registerDictionary('bed_type', {
  treatment: { 'zh-CN': '治疗型', en: 'Treatment' },
  rehabilitation: { 'zh-CN': '康复型', en: 'Rehabilitation' },
  palliative: { 'zh-CN': '舒缓照顾型', en: 'Palliative care' },
});
registerDictionary('closure_outcome', {
  recovered: { 'zh-CN': '治愈', en: 'Recovered' },
  improved: { 'zh-CN': '好转', en: 'Improved' },
  not_cured: { 'zh-CN': '未愈', en: 'Not cured' },
  transferred_to_hospital: { 'zh-CN': '转院/转住院', en: 'Transferred to hospital' },
  died: { 'zh-CN': '死亡', en: 'Died' },
  patient_request: { 'zh-CN': '本人要求', en: 'Patient request' },
  cycle_end: { 'zh-CN': '周期届满', en: 'Cycle ended' },
  other: { 'zh-CN': '其他', en: 'Other' },
});
registerDictionary('assessment_result', {
  eligible: { 'zh-CN': '符合建床条件', en: 'Eligible' },
  ineligible: { 'zh-CN': '不符合条件', en: 'Ineligible' },
  pending: { 'zh-CN': '待定', en: 'Pending' },
});
registerDictionary('admission_indication', {
  bedridden_or_disabled: { 'zh-CN': '卧床或失能', en: 'Bedridden or disabled' },
  frail_elderly: { 'zh-CN': '高龄体弱', en: 'Frail elderly' },
  post_discharge_treatment: { 'zh-CN': '出院后需继续治疗', en: 'Continuing treatment after discharge' },
  rehab_after_stroke_or_fracture: { 'zh-CN': '脑卒中或骨折后康复', en: 'Rehabilitation after stroke or fracture' },
  terminal_or_palliative: { 'zh-CN': '晚期肿瘤或安宁疗护', en: 'Terminal illness or palliative care' },
  long_term_tube_or_wound_care: { 'zh-CN': '长期置管、造口或压疮护理', en: 'Long-term tube, stoma or pressure-ulcer care' },
});
registerDictionary('admission_exclusion', {
  needs_hospital_rescue: { 'zh-CN': '病情危重需住院抢救', en: 'Needs rescue in hospital' },
  needs_large_equipment: { 'zh-CN': '需大型设备检查治疗', en: 'Needs large equipment' },
  infectious_period: { 'zh-CN': '传染病传染期', en: 'Infectious period' },
});
registerDictionary('round_kind', {
  doctor: { 'zh-CN': '医生查床', en: 'Doctor round' },
  nurse: { 'zh-CN': '护士上门护理', en: 'Nurse visit' },
});
registerDictionary('round_due_state', {
  overdue: { 'zh-CN': '已逾期', en: 'Overdue' },
  today: { 'zh-CN': '今日到期', en: 'Due today' },
  upcoming: { 'zh-CN': '即将到期', en: 'Upcoming' },
});
registerDictionary('order_status', {
  active: { 'zh-CN': '执行中', en: 'In force' },
  stopped: { 'zh-CN': '已停止', en: 'Stopped' },
});
registerDictionary('sickbed_origin', {
  team: { 'zh-CN': '团队发起', en: 'Started by the team' },
  resident: { 'zh-CN': '居民申请', en: 'Applied for by the resident' },
});
registerDictionary('assessment_kind', {
  admission: { 'zh-CN': '建床评估', en: 'Admission assessment' },
  reassessment: { 'zh-CN': '续床评估', en: 'Reassessment' },
});
registerDictionary('sickbed_order_type', {
  medication: { 'zh-CN': '药品医嘱', en: 'Medication' },
  nursing: { 'zh-CN': '护理医嘱', en: 'Nursing' },
  test: { 'zh-CN': '检查检验', en: 'Test' },
});

@Module({
  imports: [TypeOrmModule.forFeature(SICKBED_ENTITIES), OrganizationsModule, ResidentsModule, ContractsModule, ReferralsModule],
  controllers: [SickbedsController],
  providers: [SickbedsService, SickbedCareService, SickbedViews, SickbedJobs, SickbedIndicatorsQuery, SickbedAdmissionClosure],
  exports: [SickbedsService, SickbedJobs, SickbedIndicatorsQuery],
})
export class SickbedsModule implements OnModuleInit {
  constructor(
    private readonly careRelations: ResidentCareRelations,
    private readonly sickbeds: SickbedsService,
  ) {}

  /** An open sickbed's team and responsible clinicians look after the resident (domain.md §7.3 reveal). */
  onModuleInit(): void {
    this.careRelations.register((resident) => this.sickbeds.careRelationsOf(resident));
  }
}
