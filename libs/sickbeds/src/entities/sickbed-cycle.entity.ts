import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One cycle of an episode: the first from opening, then one per extension (续床, domain.md §4.1 BedCycle). */
@Entity('sickbed_cycles')
@Index('uq_sickbed_cycles_episode_no', ['episodeId', 'cycleNo'], { unique: true })
@Index('ix_sickbed_cycles_county', ['countyId', 'episodeId', 'cycleNo'])
export class SickbedCycle {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'episode_id', type: 'varchar', length: 36 })
  episodeId: string;

  @Column({ name: 'cycle_no', type: 'int' })
  cycleNo: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'planned_end_date', type: 'date' })
  plannedEndDate: string;

  /** The admission assessment for cycle 1, the reassessment for later ones. */
  @Column({ name: 'assessment_id', type: 'varchar', length: 36 })
  assessmentId: string;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
