import type { RoundKind } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 查床记录 or 护理记录: one home visit with its vitals (domain.md §4.1
 * RoundNote, NursingVisit). Temperature and glucose are stored in tenths
 * (36.6 °C → 366) so both databases keep them exact.
 */
@Entity('sickbed_rounds')
@Index('ix_sickbed_rounds_episode', ['countyId', 'episodeId', 'visitedAt', 'id'])
@Index('uq_sickbed_rounds_client', ['episodeId', 'clientId'], { unique: true })
export class SickbedRound {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'episode_id', type: 'varchar', length: 36 })
  episodeId: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ type: 'varchar', length: 8 })
  kind: RoundKind;

  @Column({ name: 'cycle_no', type: 'int' })
  cycleNo: number;

  @Column({ name: 'visited_at', type: 'datetime', precision: 3 })
  visitedAt: Date;

  @Column({ name: 'practitioner_id', type: 'varchar', length: 36 })
  practitionerId: string;

  @Column({ type: 'int', nullable: true })
  sbp: number | null;

  @Column({ type: 'int', nullable: true })
  dbp: number | null;

  @Column({ type: 'int', nullable: true })
  pulse: number | null;

  @Column({ name: 'temperature_tenths', type: 'int', nullable: true })
  temperatureTenths: number | null;

  @Column({ type: 'int', nullable: true })
  spo2: number | null;

  @Column({ name: 'glucose_tenths', type: 'int', nullable: true })
  glucoseTenths: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  findings: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  notes: string | null;

  /** Minted by an offline phone; the same visit synced twice is refused. */
  @Column({ name: 'client_id', type: 'varchar', length: 64, nullable: true })
  clientId: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
