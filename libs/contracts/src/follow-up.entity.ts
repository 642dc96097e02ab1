import { CreatedAtColumn } from '@countycare/database';
import type { PlanStatus, ServiceModality } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type FollowUpKind = 'package_item' | 'referral_return';

/**
 * A team's follow-up task: the materialised ServicePlan of domain.md §3.1
 * (one row per contract item per window, made when the contract becomes
 * active) and tasks other contexts schedule, such as the 2-week follow-up
 * after a down-referral (§5.2). The worklist is one range scan of
 * `ix_follow_ups_worklist`.
 */
@Entity('follow_ups')
@Index('ix_follow_ups_worklist', ['countyId', 'teamId', 'status', 'dueDate', 'id'])
@Index('ix_follow_ups_contract', ['contractId', 'itemCode', 'windowStart'])
@Index('ix_follow_ups_resident', ['countyId', 'residentId', 'status'])
@Index('ix_follow_ups_job_close', ['status', 'windowEnd'])
export class FollowUp {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** `contract:<id>:<item>:<windowStart>` or `referral:<id>:referral_return`: a task is never made twice. */
  @Index('uq_follow_ups_dedupe', { unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 160 })
  dedupeKey: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: FollowUpKind;

  @Column({ name: 'source_type', type: 'varchar', length: 16 })
  sourceType: 'contract' | 'referral';

  @Column({ name: 'source_id', type: 'varchar', length: 36 })
  sourceId: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 36, nullable: true })
  contractId: string | null;

  @Column({ name: 'item_code', type: 'varchar', length: 32, nullable: true })
  itemCode: string | null;

  @Column({ name: 'item_name', type: 'varchar', length: 100 })
  itemName: string;

  @Column({ type: 'varchar', length: 16 })
  modality: ServiceModality;

  @Column({ name: 'window_start', type: 'date' })
  windowStart: string;

  /** Last day a delivery counts; null for tasks that stay open until done. */
  @Column({ name: 'window_end', type: 'date', nullable: true })
  windowEnd: string | null;

  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  @Column({ name: 'due_count', type: 'int' })
  dueCount: number;

  /** Qualifying deliveries, surplus included (fulfilment caps at due_count). */
  @Column({ name: 'delivered_count', type: 'int', default: 0 })
  deliveredCount: number;

  @Column({ type: 'varchar', length: 16 })
  status: PlanStatus;

  @CreatedAtColumn()
  createdAt: Date;
}
