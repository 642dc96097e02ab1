import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

export const ORDER_TYPES = ['medication', 'nursing', 'test'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
export type OrderStatus = 'active' | 'stopped';

/** 医嘱: started and stopped with who and when; never deleted (domain.md §4.1 Order). */
@Entity('sickbed_orders')
@Index('ix_sickbed_orders_episode', ['countyId', 'episodeId', 'startedAt', 'id'])
export class SickbedOrder {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'episode_id', type: 'varchar', length: 36 })
  episodeId: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ type: 'varchar', length: 16 })
  type: OrderType;

  /** 长期医嘱 (true) or 临时医嘱 (false) */
  @Column({ name: 'long_term', type: 'boolean' })
  longTerm: boolean;

  @Column({ type: 'varchar', length: 500 })
  content: string;

  @Column({ name: 'drug_code', type: 'varchar', length: 32, nullable: true })
  drugCode: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  dose: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  route: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  frequency: string | null;

  @Column({ type: 'varchar', length: 8 })
  status: OrderStatus;

  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt: Date;

  @Column({ name: 'started_by_id', type: 'varchar', length: 36 })
  startedById: string;

  @Column({ name: 'stopped_at', type: 'datetime', precision: 3, nullable: true })
  stoppedAt: Date | null;

  @Column({ name: 'stopped_by_id', type: 'varchar', length: 36, nullable: true })
  stoppedById: string | null;

  @Column({ name: 'stop_reason', type: 'varchar', length: 200, nullable: true })
  stopReason: string | null;

  @VersionColumn()
  version: number;
}
