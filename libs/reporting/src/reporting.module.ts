import { Module } from '@nestjs/common';
import { registerMessages } from '@countycare/common';
import { ContractsModule } from '@countycare/contracts';
import { OrganizationsModule } from '@countycare/organizations';
import { ReferralsModule } from '@countycare/referrals';
import { SickbedsModule } from '@countycare/sickbeds';
import { AuditController } from './http/audit.controller';
import { DictionariesController } from './http/dictionaries.controller';
import { IndicatorsController } from './http/indicators.controller';
import { IndicatorsService } from './indicators.service';

registerMessages({
  // indicator periods
  period_reversed: { 'zh-CN': '开始日期不能晚于结束日期', en: 'from must not be after to' },
  period_too_long: { 'zh-CN': '统计期间最长 {max} 天', en: 'a period spans at most {max} days' },
  period_in_future: { 'zh-CN': '开始日期不能晚于今天', en: 'from must not be after today' },
  // how figures are made
  coverage_registry_denominator: {
    'zh-CN': '分母为本县居民登记库中的在册居民（系统未保存常住人口普查数）',
    en: 'the denominator is the county\'s resident registry: no census figure is stored',
  },
  coverage_county_scope_only: {
    'zh-CN': '居民按县登记，不归属机构或团队，故此范围只有签约人数、没有分母',
    en: 'residents are registered per county, not per institution or team: this scope has the contracted count but no denominator',
  },
  fulfilment_item_rule: {
    'zh-CN': '统计期内有效签约的全部服务计划（含尚未到期的窗口），与签约详情的履约率口径一致',
    en: 'over the whole plan of the contracts in force in the period (windows not yet due included), as each contract shows it',
  },
  renewal_rule: {
    'zh-CN': '到期后 {graceDays} 天内有同一居民的新签约（任一团队）即为续约；死亡、迁出解约不计入',
    en: 'renewed when a new contract of the resident (any team) starts within {graceDays} days; deaths and moves out are left out',
  },
  shared_services_rule: {
    'zh-CN': '由签约机构以外的县域内机构提供的服务占比（一地签约、县域服务共享）',
    en: 'services delivered by another institution of the county than the signing one (county-wide sharing)',
  },
  on_reference_date: { 'zh-CN': '截至统计基准日', en: 'on the reference date' },
  round_compliance_rule: {
    'zh-CN': '应查次数 = 统计期内在床天数 ÷ 查床间隔（取整）；按时 = 距上次（首次自建床日起）不超过间隔天数；每床按时次数不超过应查次数',
    en: 'due = open days in the period ÷ interval (whole rounds); on time = at most the interval after the previous round (the first: after the start date); capped at due per bed',
  },
  overdue_today: { 'zh-CN': '截至今天，超过计划终止日期仍未撤床或续床', en: 'as of today: past the planned end without closure or extension' },
  referrals_arrived_rule: { 'zh-CN': '统计期内到诊（含已完成）的转诊', en: 'referrals that arrived (completed ones included) in the period' },
  timely_answer_rule: {
    'zh-CN': '在受理时限内接收、拒绝或退回的转诊 ÷ 统计期内提交的转诊；尚在时限内或时限前撤销的不计入',
    en: 'accepted, rejected or returned within the reply limit ÷ submitted in the period; those still within the limit or called off before it are left out',
  },
  arrival_rate_rule: {
    'zh-CN': '预约日期在统计期内且已有结果（到诊或爽约过期）的转诊',
    en: 'appointments in the period with a known outcome (arrived, or expired as a no-show)',
  },
  out_of_county_not_supported: {
    'zh-CN': '系统暂不支持县外转诊，转诊目标均为县域内机构',
    en: 'out-of-county referrals are not supported yet: every referral goes to an institution of the county',
  },
  deductible_estimate: { 'zh-CN': '起付线为系统估算，以医保结算为准', en: 'deductibles are estimates; the insurance settlement prevails' },
  // indicators CountyCare cannot compute
  unavailable_no_survey: { 'zh-CN': '系统未采集满意度调查数据', en: 'no satisfaction survey data is collected' },
  unavailable_needs_visit_feed: {
    'zh-CN': '需要医院 HIS 或医保的就诊、出院数据', en: 'needs visit and discharge data from the hospitals\' HIS or the insurance platform',
  },
  unavailable_needs_settlement_data: {
    'zh-CN': '需要医保结算数据（含县外、省外就医）', en: 'needs insurance settlement data, including care outside the county or province',
  },
  unavailable_no_spec_item_mapping: {
    'zh-CN': '服务项目编码由各县自定，未对应国家基本公共卫生服务规范中的随访项目',
    en: 'service item codes are set per county and not mapped to the follow-ups of the national public-health spec',
  },
});

@Module({
  imports: [OrganizationsModule, ContractsModule, SickbedsModule, ReferralsModule],
  controllers: [AuditController, DictionariesController, IndicatorsController],
  providers: [IndicatorsService],
})
export class ReportingModule {}
