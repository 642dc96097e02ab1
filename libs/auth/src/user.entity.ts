import { CreatedAtColumn, UpdatedAtColumn } from '@countycare/database';
import type { Role } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

export type UserStatus = 'active' | 'disabled';

/**
 * A login: staff (with role, institution, team) or a resident (bound to one
 * resident record). One role per account, as issue #2 and #3 ask.
 */
@Entity('users')
@Index('ix_users_county_role', ['countyId', 'role', 'id'])
@Index('ix_users_institution', ['institutionId', 'id'])
@Index('ix_users_team', ['teamId', 'id'])
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  username: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 32 })
  role: Role;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ name: 'county_id', type: 'varchar', length: 36, nullable: true })
  countyId: string | null;

  @Column({ name: 'institution_id', type: 'varchar', length: 36, nullable: true })
  institutionId: string | null;

  @Column({ name: 'team_id', type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  @Index('uq_users_resident', { unique: true })
  @Column({ name: 'resident_id', type: 'varchar', length: 36, nullable: true })
  residentId: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: UserStatus;

  @Column({ name: 'failed_login_count', type: 'int', default: 0 })
  failedLoginCount: number;

  @Column({ name: 'locked_until', type: 'datetime', precision: 3, nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3 })
  passwordChangedAt: Date;

  /** Hashes of the last passwords, newest first, so they are not reused (domain.md §7.7). */
  @Column({ name: 'password_history', type: 'simple-json', nullable: true })
  passwordHistory: string[] | null;

  /** Set when an administrator resets the password: the user should choose their own at once. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
