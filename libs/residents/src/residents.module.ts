import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { registerMessages } from '@countycare/common';
import { OrganizationsModule } from '@countycare/organizations';
import { ResidentCareRelations } from './care-relations';
import { ResidentsController } from './http/residents.controller';
import { RosterImportService } from './import/roster-import.service';
import { Resident } from './resident.entity';
import { ResidentsService } from './residents.service';
import './resident-dictionaries';

registerMessages({
  resident_exists: { 'zh-CN': '该身份证号的居民已登记', en: 'a resident with this ID number is already registered' },
  resident_not_active: { 'zh-CN': '居民档案状态为 {status}，不能开通账号', en: 'the resident record is {status}; no account can be opened' },
  birth_date_mismatch: { 'zh-CN': '出生日期与身份证号不符', en: 'birth date does not match the ID number' },
  sex_mismatch: { 'zh-CN': '性别与身份证号不符', en: 'sex does not match the ID number' },
  sex_format: { 'zh-CN': '性别须为 男/女 或 male/female', en: 'sex must be 男/女 or male/female' },
  unknown_tag: { 'zh-CN': '未知的人群标签 {tag}', en: 'unknown population tag {tag}' },
  tag_sex_mismatch: { 'zh-CN': '孕产妇标签只适用于女性', en: 'the pregnant tag needs a female resident' },
  reveal_not_allowed: {
    'zh-CN': '仅居民的签约团队、正在办理其转诊的转诊服务岗和县级管理员可查看完整证件号和手机号',
    en: 'full ID and phone numbers are for the resident\'s care team, the desk working their referral and county admins',
  },
  reason_without_reveal: { 'zh-CN': '只有查看完整号码（reveal=true）时才填写原因', en: 'a reason goes with reveal=true only' },
  county_required_for_search: {
    'zh-CN': '按姓名或手机号查询时须指定 countyId', en: 'name and phone searches need a countyId',
  },
  // roster import
  required: { 'zh-CN': '必填', en: 'is required' },
  too_long: { 'zh-CN': '不能超过 {max} 个字符', en: 'must not exceed {max} characters' },
  control_characters: { 'zh-CN': '含有不可见的控制字符', en: 'contains control characters' },
  encoding_invalid: {
    'zh-CN': '含有无法识别的字符，请确认文件编码（UTF-8 或 GBK，可加 ?encoding=gbk）',
    en: 'holds bytes that are not valid text; check the file encoding (UTF-8 or GBK, or pass ?encoding=gbk)',
  },
  column_count: { 'zh-CN': '该行有 {actual} 列，表头有 {expected} 列', en: 'the row has {actual} cells, the header {expected}' },
  quote_not_closed: {
    'zh-CN': '引号未闭合，本行已跳过，从下一行继续读取', en: 'a quote is never closed; this line was skipped and reading went on with the next',
  },
  record_too_large: { 'zh-CN': '该行过长，已跳过', en: 'the row is too long and was skipped' },
  resident_in_other_county: {
    'zh-CN': '该居民已在其他县登记，不能通过本县花名册导入', en: 'this person is registered in another county; a roster cannot move them',
  },
  missing_column: { 'zh-CN': '表头缺少 {column} 列', en: 'the header has no {column} column' },
  duplicate_column: { 'zh-CN': '表头中 {column} 列出现了两次', en: 'the header names the {column} column twice' },
  roster_empty: { 'zh-CN': '文件为空，缺少表头行', en: 'the file is empty: no header row' },
  roster_too_large: { 'zh-CN': '花名册文件不能超过 {limit}', en: 'a roster must not exceed {limit}' },
  unsupported_encoding: { 'zh-CN': '编码须为 utf8 或 gbk', en: 'encoding must be utf8 or gbk' },
});

@Module({
  imports: [TypeOrmModule.forFeature([Resident]), OrganizationsModule],
  controllers: [ResidentsController],
  providers: [ResidentsService, RosterImportService, ResidentCareRelations],
  exports: [ResidentsService, RosterImportService, ResidentCareRelations],
})
export class ResidentsModule {}
