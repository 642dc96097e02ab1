import { CreatedAtColumn } from '@countycare/database';
import type { DeliveryModality, NotCountedReason, ServicePayload } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * 履约记录 (domain.md §3.1 ServiceRecord): a service delivered on a contract,
 * by a clinician of any institution of the county (一地签约、县域服务共享).
 * `deliveringInstitutionId` differing from `contractInstitutionId` is what
 * county-wide sharing means. Never deleted: a mistake is voided with a reason.
 */
@Entity('service_records')
@Index('ix_service_records_contract', ['countyId', 'contractId', 'deliveredAt', 'id'])
@Index('ix_service_records_delivering', ['countyId', 'deliveringInstitutionId', 'deliveredAt'])
// indicators (domain.md §3.6 service volume by deliverer): a period of the county, a team or a signing institution
@Index('ix_service_records_county_delivered', ['countyId', 'deliveredAt'])
@Index('ix_service_records_team_delivered', ['countyId', 'teamId', 'deliveredAt'])
@Index('ix_service_records_contract_inst_delivered', ['countyId', 'contractInstitutionId', 'deliveredAt'])
@Index('uq_service_records_client', ['deliveredById', 'clientId'], { unique: true })
// the deliveries of one plan window, oldest first (a voided delivery's slot goes to the next)
@Index('ix_service_records_window', ['followUpId', 'deliveredAt', 'id'])
export class ServiceRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 36 })
  contractId: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  /** The contract's team and institution, copied so scopes are conditions on the row. */
  @Column({ name: 'team_id', type: 'varchar', length: 36 })
  teamId: string;

  @Column({ name: 'contract_institution_id', type: 'varchar', length: 36 })
  contractInstitutionId: string;

  @Column({ name: 'delivering_institution_id', type: 'varchar', length: 36 })
  deliveringInstitutionId: string;

  @Column({ name: 'delivered_by_id', type: 'varchar', length: 36 })
  deliveredById: string;

  /** The clinician's display name at the time (staff, not resident data). */
  @Column({ name: 'delivered_by_name', type: 'varchar', length: 64 })
  deliveredByName: string;

  @Column({ name: 'item_code', type: 'varchar', length: 32 })
  itemCode: string;

  @Column({ name: 'item_name', type: 'varchar', length: 100 })
  itemName: string;

  @Column({ name: 'delivered_at', type: 'datetime', precision: 3 })
  deliveredAt: Date;

  /** The county-zone day of deliveredAt: what windows and the contract period are compared with. */
  @Column({ name: 'delivered_on', type: 'date' })
  deliveredOn: string;

  @Column({ type: 'varchar', length: 16 })
  modality: DeliveryModality;

  @Column({ type: 'simple-json', nullable: true })
  payload: ServicePayload | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  notes: string | null;

  /** The plan window it filled; null when it did not count. */
  @Column({ name: 'follow_up_id', type: 'varchar', length: 36, nullable: true })
  followUpId: string | null;

  @Column({ type: 'boolean' })
  counted: boolean;

  @Column({ name: 'not_counted_reason', type: 'varchar', length: 24, nullable: true })
  notCountedReason: NotCountedReason | null;

  /** Offline client's own id of the record: a replayed sync finds the first one instead of logging twice (§7.6). */
  @Column({ name: 'client_id', type: 'varchar', length: 64, nullable: true })
  clientId: string | null;

  @Column({ type: 'varchar', length: 8, default: 'valid' })
  status: 'valid' | 'voided';

  @Column({ name: 'void_reason', type: 'varchar', length: 500, nullable: true })
  voidReason: string | null;

  @Column({ name: 'voided_at', type: 'datetime', precision: 3, nullable: true })
  voidedAt: Date | null;

  @Column({ name: 'voided_by_id', type: 'varchar', length: 36, nullable: true })
  voidedById: string | null;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;
}
