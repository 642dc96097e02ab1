import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { registerMessages } from '@countycare/common';
import { OrganizationsModule } from '@countycare/organizations';
import { ResidentCareRelations, ResidentsModule } from '@countycare/residents';
import { CareTeamDirectory } from './care-team-directory';
import { ContractIndicatorsQuery } from './contract-indicators.query';
import { ContractJobs } from './contract-jobs';
import { ContractReads } from './contract-reads';
import { Contract, ContractPackage } from './contract.entity';
import { ContractsService } from './contracts.service';
import { FollowUp } from './follow-up.entity';
import { FollowUpsService } from './follow-ups.service';
import { ContractsController, MyContractsController } from './http/contracts.controller';
import { ServicePackagesController } from './http/service-packages.controller';
import { WorklistsController } from './http/worklists.controller';
import { ServiceRecord } from './service-record.entity';
import { PackageItem, ServicePackage } from './service-package.entity';
import { ServicePackagesService } from './service-packages.service';
import { ServiceRecordsService } from './service-records.service';
import './contract-dictionaries';

export const CONTRACT_ENTITIES = [ServicePackage, PackageItem, Contract, ContractPackage, FollowUp, ServiceRecord];

registerMessages({
  package_code_taken: { 'zh-CN': '本县已有编码为 {code} 的服务包', en: 'the county already has a package with code {code}' },
  item_code_repeated: { 'zh-CN': '服务项目编码重复', en: 'an item code appears twice' },
  money_format: { 'zh-CN': '金额须为非负数，最多两位小数', en: 'amount must be non-negative with at most 2 decimals' },
  self_pay_twice: { 'zh-CN': '自付比例和自付金额只能填一个', en: 'give selfPayShare or selfPayYuan, not both' },
  self_pay_above_price: { 'zh-CN': '自付金额不能超过服务包价格', en: 'the self-paid part cannot exceed the price' },
  package_not_found: { 'zh-CN': '服务包不存在或不属于本县', en: 'package not found in this county' },
  package_inactive: { 'zh-CN': '服务包 {code} 已停用', en: 'package {code} is no longer offered' },
  package_not_for_resident: { 'zh-CN': '服务包 {code} 不适用于该居民的人群分类', en: 'package {code} is not for this resident\'s population groups' },
  package_items_overlap: { 'zh-CN': '所选服务包重复包含服务项目 {code}', en: 'two chosen packages both promise item {code}' },
  team_inactive: { 'zh-CN': '该家庭医生团队已停用', en: 'the GP team is inactive' },
  resident_not_active: { 'zh-CN': '居民状态为 {status}，不能签约', en: 'the resident is {status} and cannot sign' },
  start_date_out_of_range: { 'zh-CN': '开始日期须在 {earliest} 至 {latest} 之间', en: 'startDate must be from {earliest} to {latest}' },
  guardian_required: { 'zh-CN': '未满14周岁的居民须由监护人代签（family_proxy）', en: 'a resident under 14 is signed for by a guardian (family_proxy)' },
  open_contract_exists: {
    'zh-CN': '该居民已有未结束的签约（同一时期只能签约一个团队）',
    en: 'the resident already has an open contract (one team at a time)',
  },
  renewal_exists: { 'zh-CN': '该签约已有续约', en: 'this contract already has a renewal' },
  renewal_window_closed: {
    'zh-CN': '签约已于 {endDate} 到期，超过 {graceDays} 天续约宽限期，请重新签约',
    en: 'the contract ended on {endDate}, more than {graceDays} days ago; sign a new one',
  },
  gp_at_capacity: { 'zh-CN': '该医生的签约人数已达上限 {max}', en: 'the GP already holds the maximum of {max} contracts' },
  termination_note_required: { 'zh-CN': '解约原因为"其他"时须填写说明', en: 'reason "other" needs a note' },
  contract_closed: { 'zh-CN': '签约状态为 {status}，不能再修改', en: 'the contract is {status} and can no longer change' },
  contract_not_open: { 'zh-CN': '签约状态为 {status}，不能登记服务', en: 'services are logged on active contracts only (this one is {status})' },
  sharing_consent_missing: {
    'zh-CN': '居民未同意县域服务共享，只有签约机构可以登记服务',
    en: 'the resident has not consented to county-wide sharing; only the signing institution may log services',
  },
  item_not_in_contract: { 'zh-CN': '服务项目 {code} 不在该签约的服务包中', en: 'item {code} is not in the contract\'s packages' },
  delivered_in_future: { 'zh-CN': '服务时间不能晚于当前时间', en: 'deliveredAt cannot be in the future' },
  delivered_outside_contract: { 'zh-CN': '服务时间须在签约服务期内', en: 'deliveredAt must fall within the contract period' },
  due_and_range: { 'zh-CN': 'due 与 dueFrom/dueTo 只能选一种', en: 'give either due or dueFrom/dueTo' },
  due_range_invalid: { 'zh-CN': 'dueTo 须不早于 dueFrom，且相差不超过 {max} 天', en: 'dueTo must be on or after dueFrom, at most {max} days later' },
  client_id_reused: { 'zh-CN': '该 clientId 已用于另一份签约的服务记录', en: 'this clientId was already used for a record on another contract' },
});

@Module({
  imports: [TypeOrmModule.forFeature(CONTRACT_ENTITIES), OrganizationsModule, ResidentsModule],
  controllers: [ServicePackagesController, ContractsController, MyContractsController, WorklistsController],
  providers: [CareTeamDirectory, ServicePackagesService, ContractReads, ContractsService, ServiceRecordsService, FollowUpsService, ContractJobs, ContractIndicatorsQuery],
  exports: [ContractsService, FollowUpsService, ContractJobs, ContractIndicatorsQuery],
})
export class ContractsModule implements OnModuleInit {
  constructor(
    private readonly careRelations: ResidentCareRelations,
    private readonly contracts: ContractsService,
  ) {}

  /** The team of the resident's open contract is their care team (domain.md §7.3 reveal). */
  onModuleInit(): void {
    this.careRelations.register(async (resident) => {
      const open = await this.contracts.openContractFor(resident.id);
      return { careTeamIds: open ? [open.teamId] : [] };
    });
  }
}
