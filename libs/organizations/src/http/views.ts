import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { User } from '@countycare/auth';
import { CountyPolicy, INSTITUTION_LEVELS, maskPhone, resolveCountyPolicy } from '@countycare/domain';
import { County, GpTeam, Institution, TeamMember } from '../entities';
import { CountyPolicyView } from './county-policy.schema';

export class CountyView {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: CountyPolicyView, description: 'Effective settings: the docs/domain.md §8 defaults with this county\'s overrides' })
  policy: CountyPolicy;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class InstitutionView {
  @ApiProperty() id: string;
  @ApiProperty() countyId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String }) code: string | null;
  @ApiProperty({ enum: INSTITUTION_LEVELS }) level: string;
  @ApiProperty() hasReferralDesk: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: 'integer' }) version: number;
}

export class TeamMemberView {
  @ApiProperty() userId: string;
  @ApiProperty() memberRole: string;
  @ApiProperty() joinedAt: string;
}

export class TeamView {
  @ApiProperty() id: string;
  @ApiProperty() countyId: string;
  @ApiProperty() institutionId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The number the team\'s residents call' }) servicePhone: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) leadUserId: string | null;
  @ApiProperty() status: string;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiPropertyOptional({ type: [TeamMemberView] }) members?: TeamMemberView[];
}

export class StaffView {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional({ nullable: true, type: String }) countyId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) institutionId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) teamId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Masked 3+4 in lists (api.md "Masking"); full on one account for its administrators' })
  phone: string | null;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ type: 'integer' }) version: number;
}

export const countyView = (c: County): CountyView => ({
  id: c.id, code: c.code, name: c.name, policy: resolveCountyPolicy(c.policy ?? {}), version: c.version,
});

export const institutionView = (i: Institution): InstitutionView => ({
  id: i.id, countyId: i.countyId, name: i.name, code: i.code, level: i.level, hasReferralDesk: !!i.hasReferralDesk,
  parentId: i.parentId, active: !!i.active, version: i.version,
});

export const teamView = (t: GpTeam, members?: TeamMember[]): TeamView => ({
  id: t.id, countyId: t.countyId, institutionId: t.institutionId, name: t.name, servicePhone: t.servicePhone, leadUserId: t.leadUserId, status: t.status,
  version: t.version,
  ...(members ? { members: members.map((m) => ({ userId: m.userId, memberRole: m.memberRole, joinedAt: m.joinedAt.toISOString() })) } : {}),
});

/** Only administrators of the account's scope read staff records (policy 'Staff'); a list still masks phones. */
export const staffView = (u: User, view: 'list' | 'detail'): StaffView => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, countyId: u.countyId,
  institutionId: u.institutionId, teamId: u.teamId, phone: u.phone && view === 'list' ? maskPhone(u.phone) : u.phone,
  status: u.status, version: u.version,
});
