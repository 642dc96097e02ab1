import type { ReferralAction, ReferralStatus } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One step of a referral's history (ReferralEvent, domain.md §5.1): who moved
 * it from which status to which, when, and why. Insert-only.
 */
@Entity('referral_events')
// the history is one line: two writers can never both append step n
@Index('uq_referral_events_seq', ['referralId', 'seq'], { unique: true })
export class ReferralEvent {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'referral_id', type: 'varchar', length: 36 })
  referralId: string;

  /** 1, 2, 3 … within the referral: the history's order. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  /** create, or an event of the referral state machine. */
  @Column({ type: 'varchar', length: 16 })
  action: ReferralAction | 'create';

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus: ReferralStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus: ReferralStatus;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  /** Null when the scheduler acted (no-show expiry). */
  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  /** Reason or remark typed with the action. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** Facts of the step, e.g. the appointment; codes and dates only. */
  @Column({ type: 'simple-json', nullable: true })
  data: Record<string, string | number | boolean | null> | null;
}
