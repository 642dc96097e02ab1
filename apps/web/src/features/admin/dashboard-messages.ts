import { defineMessages } from '../../i18n';

/** The dashboard's words, and the names of the indicators (the API sends their codes). */
export const dashboardMessages = defineMessages(
  {
    title: '指标看板', county: '县', institution: '机构', allInstitutions: '全县（不限机构）', from: '开始日期', to: '截止日期',
    apply: '查询', period: (from: string, to: string, ref: string) => `统计期 ${from} 至 ${to}，状态取 ${ref} 当日`,
    scopeInstitution: (name: string) => `范围：${name}`, scopeCounty: '范围：全县',
    contracts: '家庭医生签约', sickbeds: '家庭病床', referrals: '双向转诊',
    unavailable: '暂无法统计的指标', unavailableHint: '以下指标需要系统未采集的数据：',
    fraction: '（分子 / 分母）', colon: '：', unitLine: (u: string) => `单位：${u}`, noDenominator: '无分母', noRate: '无法计算比率', count: '数量', days: (n: string) => `${n} 天`,
    byInstitution: '各机构签约指标对比', byInstitutionHint: '按签约机构分别统计；居民按县登记，机构以下签约率无分母，只列签约人数。',
    team: '团队', allTeams: '全部团队', scopeTeam: (institution: string, team: string) => `范围：${institution} · ${team}`,
    byTeam: '各团队签约指标对比', byTeamHint: '按签约团队分别统计；团队以下签约率无分母，只列签约人数。',
    byTag: '重点人群签约率（按人群）', serviceVolume: '服务量（签约机构 × 提供服务机构）',
    contracted: '签约人数', keyContracted: '重点人群签约人数', signing: '签约机构', delivering: '提供服务机构', services: '服务次数',
    bedsByInstitution: '建床数（按机构）', bedsByType: '建床数（按床位类型）', outcomeMix: '撤床转归构成', beds: '床数',
    byDirection: '转诊流向', submitted: '提交', answeredInTime: '按时答复', undecided: '未到时限', arrived: '到诊', completed: '完成',
    deductible: '连续计算起付线（估算）', admittedReferrals: '住院转诊例数', standardYuan: '标准起付线合计（元）', dueYuan: '连续计算后应付（元）', relievedYuan: '为患者减免（元）',
    noData: '统计期内没有数据', loading: '正在统计…', rateOf: (name: string, value: string) => `${name} ${value}`,
    noTargets: '省级考核目标值未在系统中配置，此处不显示目标线。',
    // indicator names
    coverage: '签约率', keyPopulationCoverage: '重点人群签约率', itemFulfilment: '履约率（项目）', personFulfilment: '履约率（人）',
    renewalRate: '续约率', renewalRateSameTeam: '续约率（同团队）', serviceVolumeName: '服务量', sharedServiceShare: '县域共享服务占比',
    bedsOpened: '建床数', openBeds: '在床数', averageBedDays: '平均床日', roundCompliance: '医生查床按时率', nurseVisitCompliance: '护士上门按时率',
    transferToHospitalRate: '转院率', overdueEpisodes: '超期未撤床',
    upReferrals: '上转人次', downReferrals: '下转人次', downToUpRatio: '下转比', timelyAnswerRate: '受理及时率', arrivalRate: '转诊到诊率', outOfCountyRate: '县外转诊率',
    satisfaction: '签约居民满意度', contractedPrimaryCareVisitShare: '签约居民基层就诊率', hypertensionStandardManagement: '高血压规范管理率',
    bloodPressureControl: '血压控制率', countyRetentionRate: '县域就诊率', inCountyInpatientShare: '县域内住院占比', primaryCareVisitShare: '基层就诊率',
    downToLeadHospitalDischarges: '牵头医院出院患者下转率', outOfProvinceFiling: '省外就医备案',
  },
  {
    title: 'Indicators', county: 'County', institution: 'Institution', allInstitutions: 'Whole county (every institution)', from: 'From', to: 'To',
    apply: 'Show', period: (from: string, to: string, ref: string) => `Period ${from} to ${to}; states as on ${ref}`,
    scopeInstitution: (name: string) => `Scope: ${name}`, scopeCounty: 'Scope: the whole county',
    contracts: 'Family-doctor contracts', sickbeds: 'Household sickbeds', referrals: 'Two-way referrals',
    unavailable: 'Indicators that cannot be computed', unavailableHint: 'These need data CountyCare does not hold:',
    fraction: ' (numerator / denominator)', colon: ': ', unitLine: (u: string) => `Unit: ${u}`, noDenominator: 'no denominator', noRate: 'no rate', count: 'Count', days: (n: string) => `${n} days`,
    byInstitution: 'Contract figures by institution', byInstitutionHint: 'Counted per signing institution; residents are registered by county, so below the county coverage has no denominator and only the number of contracted residents is shown.',
    team: 'Team', allTeams: 'Every team', scopeTeam: (institution: string, team: string) => `Scope: ${institution} · ${team}`,
    byTeam: 'Contract figures by team', byTeamHint: 'Counted per signing team; below the county coverage has no denominator, so only the number of contracted residents is shown.',
    byTag: 'Key-population coverage by group', serviceVolume: 'Services (signing × delivering institution)',
    contracted: 'Contracted residents', keyContracted: 'Key-population residents contracted', signing: 'Signing institution', delivering: 'Delivering institution', services: 'Services',
    bedsByInstitution: 'Beds opened by institution', bedsByType: 'Beds opened by bed type', outcomeMix: 'Outcomes of closed beds', beds: 'Beds',
    byDirection: 'Referrals by direction', submitted: 'Submitted', answeredInTime: 'Answered in time', undecided: 'Not yet due', arrived: 'Arrived', completed: 'Completed',
    deductible: 'Continuous deductible (estimate)', admittedReferrals: 'Referrals with an admission', standardYuan: 'Standard deductibles (yuan)', dueYuan: 'Still due after continuous counting (yuan)', relievedYuan: 'Spared to patients (yuan)',
    noData: 'No data in this period', loading: 'Counting…', rateOf: (name: string, value: string) => `${name} ${value}`,
    noTargets: 'No provincial target values are configured in CountyCare, so no target lines are drawn.',
    coverage: 'Coverage', keyPopulationCoverage: 'Key-population coverage', itemFulfilment: 'Fulfilment (items)', personFulfilment: 'Fulfilment (people)',
    renewalRate: 'Renewal rate', renewalRateSameTeam: 'Renewal rate (same team)', serviceVolumeName: 'Services delivered', sharedServiceShare: 'Shared services share',
    bedsOpened: 'Beds opened', openBeds: 'Open beds', averageBedDays: 'Average bed days', roundCompliance: 'Doctor rounds on time', nurseVisitCompliance: 'Nurse visits on time',
    transferToHospitalRate: 'Transferred to hospital', overdueEpisodes: 'Overdue beds',
    upReferrals: 'Up-referrals', downReferrals: 'Down-referrals', downToUpRatio: 'Down-to-up ratio', timelyAnswerRate: 'Timely answers', arrivalRate: 'Arrival rate', outOfCountyRate: 'Out-of-county referrals',
    satisfaction: 'Resident satisfaction', contractedPrimaryCareVisitShare: 'Primary-care visit share of contracted residents', hypertensionStandardManagement: 'Hypertension standard management',
    bloodPressureControl: 'Blood-pressure control', countyRetentionRate: 'In-county care rate', inCountyInpatientShare: 'In-county inpatient share', primaryCareVisitShare: 'Primary-care visit share',
    downToLeadHospitalDischarges: 'Down-referrals per lead-hospital discharge', outOfProvinceFiling: 'Out-of-province filings',
  },
);

export type DashboardWords = (typeof dashboardMessages)['zh-CN'];

/** An indicator's name in the user's language; the code itself for one this screen does not know. */
export function indicatorName(t: DashboardWords, code: string): string {
  const key = code === 'serviceVolume' ? 'serviceVolumeName' : code;
  const value = (t as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : code;
}
