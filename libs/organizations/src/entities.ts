import { CreatedAtColumn, UpdatedAtColumn } from '@countycare/database';
import type { CountyPolicy, InstitutionLevel, TeamMemberRole } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/** A county (县) and its medical community; identified by its 6-digit administrative code. */
@Entity('counties')
export class County {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_counties_code', { unique: true })
  @Column({ type: 'varchar', length: 6 })
  code: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** Overrides of DEFAULT_COUNTY_POLICY (domain.md §8 settings). */
  @Column({ type: 'simple-json', nullable: true })
  policy: Partial<CountyPolicy> | null;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** A member institution of the county medical community (Organization.partOf tree). */
@Entity('institutions')
@Index('ix_institutions_county', ['countyId', 'level', 'id'])
@Index('ix_institutions_parent', ['parentId'])
export class Institution {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** 统一社会信用代码 or a local code. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  code: string | null;

  @Column({ type: 'varchar', length: 24 })
  level: InstitutionLevel;

  @Column({ name: 'has_referral_desk', type: 'boolean', default: false })
  hasReferralDesk: boolean;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

export type TeamStatus = 'active' | 'inactive';

/** 家庭医生团队: a GP-led team at one institution. */
@Entity('gp_teams')
@Index('ix_teams_county', ['countyId', 'id'])
@Index('ix_teams_institution', ['institutionId', 'id'])
export class GpTeam {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  /** The number residents call (签约服务电话): public, shown to the team's residents. */
  @Column({ name: 'service_phone', type: 'varchar', length: 24, nullable: true })
  servicePhone: string | null;

  @Column({ name: 'lead_user_id', type: 'varchar', length: 36, nullable: true })
  leadUserId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: TeamStatus;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;
}

/** Membership history of a team; a member leaves by getting `leftAt`, never by deletion. */
@Entity('team_members')
@Index('ix_team_members_team', ['teamId', 'leftAt'])
@Index('ix_team_members_user', ['userId'])
export class TeamMember {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36 })
  teamId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'member_role', type: 'varchar', length: 24 })
  memberRole: TeamMemberRole;

  @Column({ name: 'joined_at', type: 'datetime', precision: 3 })
  joinedAt: Date;

  @Column({ name: 'left_at', type: 'datetime', precision: 3, nullable: true })
  leftAt: Date | null;
}

export const ORGANIZATION_ENTITIES = [County, Institution, GpTeam, TeamMember];
