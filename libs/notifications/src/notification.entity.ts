import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Something a person or a team should look at: a contract about to expire,
 * an overdue round, a referral status change, an SLA breach. The dedupe key
 * is unique, so two workers (or a retried job) never notify twice.
 */
@Entity('notifications')
@Index('ix_notifications_user', ['recipientUserId', 'id'])
@Index('ix_notifications_team', ['recipientTeamId', 'id'])
@Index('ix_notifications_institution', ['recipientInstitutionId', 'id'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Index('uq_notifications_dedupe', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 160 })
  dedupeKey: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'recipient_user_id', type: 'varchar', length: 36, nullable: true })
  recipientUserId: string | null;

  @Column({ name: 'recipient_team_id', type: 'varchar', length: 36, nullable: true })
  recipientTeamId: string | null;

  @Column({ name: 'recipient_institution_id', type: 'varchar', length: 36, nullable: true })
  recipientInstitutionId: string | null;

  /** e.g. contract_expiring, round_overdue, sickbed_cycle_ending, referral_status, referral_sla_breached */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 36 })
  subjectId: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36, nullable: true })
  residentId: string | null;

  /** Codes and dates only, never names or numbers of a person. */
  @Column({ type: 'simple-json', nullable: true })
  data: Record<string, string | number | boolean | null> | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', precision: 3, nullable: true })
  readAt: Date | null;
}
