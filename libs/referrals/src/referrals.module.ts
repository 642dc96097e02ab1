import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { registerDictionary, registerMessages } from '@countycare/common';
import { ContractsModule } from '@countycare/contracts';
import { OrganizationsModule } from '@countycare/organizations';
import { ResidentCareRelations, ResidentsModule } from '@countycare/residents';
import { InpatientAdmissions } from './inpatient-admissions';
import { LatestVitalsQuery } from './latest-vitals.query';
import { MyReferralsController } from './http/my-referrals.controller';
import { ReferralDeskController } from './http/referral-desk.controller';
import { ReferralsController } from './http/referrals.controller';
import { ReferralDeskService } from './referral-desk.service';
import { ReferralEvent } from './referral-event.entity';
import { Referral } from './referral.entity';
import { ReferralIndicatorsQuery } from './referral-indicators.query';
import { ReferralJobs } from './referral.jobs';
import { ReferralsService } from './referrals.service';

registerMessages({
  referral_target_outside_county: {
    'zh-CN': '转诊目标须是居民所在县域内的在用机构', en: 'the target must be an active institution of the resident\'s county',
  },
  referral_target_is_source: { 'zh-CN': '不能转诊到本机构', en: 'a referral goes to another institution' },
  referral_up_level: { 'zh-CN': '上转的目标机构级别须高于本机构', en: 'an up-referral goes to a higher level than the source' },
  referral_down_level: { 'zh-CN': '下转的目标机构级别须低于本机构', en: 'a down-referral goes to a lower level than the source' },
  referral_target_no_desk: { 'zh-CN': '目标机构未设转诊服务岗', en: 'the target institution has no referral desk' },
  referral_down_not_primary: { 'zh-CN': '下转须转回基层医疗卫生机构', en: 'a down-referral goes back to primary care' },
  icd10_format: { 'zh-CN': '须为 ICD-10 编码，如 I10 或 I10.x00', en: 'must be an ICD-10 code such as I10 or I10.x00' },
  referral_diagnosis_required: { 'zh-CN': '至少需要一个 ICD-10 诊断', en: 'at least one ICD-10 diagnosis is required' },
  diagnosis_repeated: { 'zh-CN': '诊断编码重复', en: 'the same diagnosis code appears twice' },
  money_format: { 'zh-CN': '金额须为不小于 0、最多两位小数的元', en: 'must be a non-negative amount in yuan with at most 2 decimals' },
  referral_parent_required: { 'zh-CN': '下转须关联已完成的上转单', en: 'a down-referral names the completed up-referral it returns' },
  referral_parent_only_down: { 'zh-CN': '只有下转单可关联上转单', en: 'only a down-referral names a parent referral' },
  referral_parent_resident: { 'zh-CN': '下转单的居民须与上转单一致', en: 'the down-referral must be for the resident of the up-referral' },
  referral_parent_not_completed: {
    'zh-CN': '上转单当前状态为 {status}，完成后才能下转', en: 'the up-referral is {status}; it must be completed before referring back down',
  },
  referral_return_exists: { 'zh-CN': '上转单 {parent} 已有进行中的下转单', en: 'up-referral {parent} already has a live down-referral' },
  referral_source_inpatient_up_only: {
    'zh-CN': '只有上转单填写转出前住院已付起付线', en: 'only an up-referral states the deductible paid at the source',
  },
  referral_appointment_past: { 'zh-CN': '预约时间不能早于今天', en: 'the appointment must not be in the past' },
  referral_admitted_on_range: { 'zh-CN': '入院日期须在到诊日与今天之间', en: 'the admission day must be between arrival and today' },
  referral_cost_needs_admission: { 'zh-CN': '仅住院时填写入院日期和费用', en: 'admission day and cost apply to admitted patients only' },
});

registerDictionary('referral_status', {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '待受理', en: 'Submitted' },
  accepted: { 'zh-CN': '已受理', en: 'Accepted' },
  scheduled: { 'zh-CN': '已预约', en: 'Scheduled' },
  arrived: { 'zh-CN': '已到诊', en: 'Arrived' },
  completed: { 'zh-CN': '已完成', en: 'Completed' },
  rejected: { 'zh-CN': '已拒绝', en: 'Rejected' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
  expired: { 'zh-CN': '已过期（未到诊）', en: 'Expired (no-show)' },
});
registerDictionary('referral_direction', {
  up: { 'zh-CN': '上转', en: 'Up-referral' },
  down: { 'zh-CN': '下转', en: 'Down-referral' },
});
registerDictionary('referral_urgency', {
  routine: { 'zh-CN': '普通', en: 'Routine' },
  urgent: { 'zh-CN': '加急', en: 'Urgent' },
  emergent: { 'zh-CN': '危急（绿色通道）', en: 'Emergent (green channel)' },
});
registerDictionary('referral_kind', {
  outpatient: { 'zh-CN': '门诊转诊', en: 'Outpatient' },
  inpatient: { 'zh-CN': '住院转诊', en: 'Inpatient' },
  diagnostic: { 'zh-CN': '检查转诊', en: 'Diagnostic' },
  emergency: { 'zh-CN': '急诊转诊', en: 'Emergency' },
});
registerDictionary('urgent_sign', {
  sbp_high: { 'zh-CN': '收缩压 ≥ 180 mmHg', en: 'Systolic BP ≥ 180 mmHg' },
  dbp_high: { 'zh-CN': '舒张压 ≥ 110 mmHg', en: 'Diastolic BP ≥ 110 mmHg' },
  glucose_high: { 'zh-CN': '血糖 ≥ 16.7 mmol/L', en: 'Glucose ≥ 16.7 mmol/L' },
  glucose_low: { 'zh-CN': '血糖 ≤ 3.9 mmol/L', en: 'Glucose ≤ 3.9 mmol/L' },
  altered_consciousness: { 'zh-CN': '意识改变', en: 'Altered consciousness' },
  chest_pain: { 'zh-CN': '胸痛', en: 'Chest pain' },
  pregnancy_hypertension: { 'zh-CN': '妊娠合并高血压', en: 'Pregnancy with hypertension' },
});
registerDictionary('insurance_type', {
  employee: { 'zh-CN': '职工医保', en: 'Employee insurance' },
  resident: { 'zh-CN': '居民医保', en: 'Resident insurance' },
  other: { 'zh-CN': '其他', en: 'Other' },
});
registerDictionary('referral_action', {
  create: { 'zh-CN': '创建', en: 'Create' },
  update: { 'zh-CN': '修改', en: 'Edit' },
  submit: { 'zh-CN': '提交', en: 'Submit' },
  return: { 'zh-CN': '退回补充材料', en: 'Return for information' },
  accept: { 'zh-CN': '受理', en: 'Accept' },
  reject: { 'zh-CN': '拒绝', en: 'Reject' },
  schedule: { 'zh-CN': '预约', en: 'Schedule' },
  reschedule: { 'zh-CN': '改约', en: 'Reschedule' },
  arrive: { 'zh-CN': '到诊', en: 'Arrived' },
  complete: { 'zh-CN': '完成（回执）', en: 'Complete' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  expire: { 'zh-CN': '逾期未到诊', en: 'Expire (no-show)' },
});
registerDictionary('referral_sla_state', {
  on_time: { 'zh-CN': '时限内', en: 'On time' },
  due_soon: { 'zh-CN': '即将超时', en: 'Due soon' },
  breached: { 'zh-CN': '已超时', en: 'Breached' },
  met: { 'zh-CN': '按时响应', en: 'Met' },
});
registerDictionary('deductible_basis', {
  chained: { 'zh-CN': '连续计算起付线', en: 'Counted continuously' },
  no_chain: { 'zh-CN': '无转诊链，全额起付线', en: 'No referral chain: full deductible' },
  unknown_credit: { 'zh-CN': '前段已付未知，全额起付线', en: 'Earlier credit unknown: full deductible' },
  outside_window: { 'zh-CN': '超出衔接天数，全额起付线', en: 'Outside the chain window: full deductible' },
  year_boundary: { 'zh-CN': '跨医保年度，全额起付线', en: 'New insurance year: full deductible' },
  not_configured: { 'zh-CN': '未配置起付标准', en: 'No deductible configured for this level' },
});

@Module({
  imports: [TypeOrmModule.forFeature([Referral, ReferralEvent]), OrganizationsModule, ResidentsModule, ContractsModule],
  controllers: [ReferralsController, ReferralDeskController, MyReferralsController],
  providers: [ReferralsService, ReferralDeskService, ReferralJobs, ReferralIndicatorsQuery, InpatientAdmissions, LatestVitalsQuery],
  exports: [ReferralsService, ReferralJobs, ReferralIndicatorsQuery, InpatientAdmissions],
})
export class ReferralsModule implements OnModuleInit {
  constructor(
    private readonly careRelations: ResidentCareRelations,
    private readonly referrals: ReferralsService,
  ) {}

  /** The institutions working a live referral of the resident (their desks call the patient, domain.md §7.3 reveal). */
  onModuleInit(): void {
    this.careRelations.register((resident) => this.referrals.careRelationsOf(resident));
  }
}
