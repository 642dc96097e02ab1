import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { registerMessages } from '@countycare/common';
import { ORGANIZATION_ENTITIES } from './entities';
import { OrganizationsController } from './http/organizations.controller';
import { OrganizationsService } from './organizations.service';

registerMessages({
  county_code_taken: { 'zh-CN': '县区划代码 {code} 已存在', en: 'county code {code} already exists' },
  referral_desk_level: { 'zh-CN': '只有县级及以上医院可设转诊服务岗', en: 'only county hospitals and above may host a referral desk' },
  parent_not_in_county: { 'zh-CN': '上级机构须是同一县域内的机构', en: 'the parent must be an institution of the same county' },
  parent_level: { 'zh-CN': '上级机构的级别须高于本机构', en: 'the parent must be of a higher level than the institution' },
  member_not_clinician_of_institution: {
    'zh-CN': '团队成员须是本机构的医生或护士账号', en: 'a team member must be a GP or nurse account of the team institution',
  },
  member_role_not_for_account: { 'zh-CN': '该账号角色不能担任此团队职责', en: 'this account role cannot take that team role' },
  team_not_of_institution: {
    'zh-CN': '团队须属于该机构，且只有医生和护士可加入团队', en: 'the team must belong to the institution, and only GPs and nurses join teams',
  },
  institution_has_no_referral_desk: { 'zh-CN': '该机构未设转诊服务岗', en: 'this institution has no referral desk' },
  team_inactive: { 'zh-CN': '团队已停用', en: 'the team is inactive' },
  service_phone_format: {
    'zh-CN': '须为手机号或带区号的固定电话，如 0571-88881234', en: 'a mobile number or a landline with its area code, e.g. 0571-88881234',
  },
  out_of_range: { 'zh-CN': '取值须在 {min} 到 {max} 之间', en: 'must be from {min} to {max}' },
  not_integer: { 'zh-CN': '须为整数', en: 'must be a whole number' },
});

@Module({
  imports: [TypeOrmModule.forFeature(ORGANIZATION_ENTITIES)],
  controllers: [OrganizationsController],
  providers: [OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
