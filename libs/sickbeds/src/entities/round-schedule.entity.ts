import type { RoundKind } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * When the next round of each kind is due for an episode: one row per episode
 * and kind, so the rounds worklist is one range scan on an index (county,
 * assignee or team, due instant). `dueAt` is NULL while the bed is not
 * active. Carries the episode's scope fields for the policy's WHERE clause.
 */
@Entity('sickbed_round_schedules')
@Index('uq_sickbed_schedules_episode_kind', ['episodeId', 'kind'], { unique: true })
@Index('ix_sickbed_schedules_assignee_due', ['countyId', 'assigneeId', 'dueAt', 'id'])
@Index('ix_sickbed_schedules_team_due', ['countyId', 'teamId', 'dueAt', 'id'])
// the worker's overdue scan, across counties
@Index('ix_sickbed_schedules_due', ['dueAt'])
export class RoundSchedule {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'episode_id', type: 'varchar', length: 36 })
  episodeId: string;

  @Column({ type: 'varchar', length: 8 })
  kind: RoundKind;

  /** The responsible doctor for doctor rounds, the responsible nurse for nurse visits. */
  @Column({ name: 'assignee_id', type: 'varchar', length: 36 })
  assigneeId: string;

  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ name: 'responsible_doctor_id', type: 'varchar', length: 36 })
  responsibleDoctorId: string;

  @Column({ name: 'responsible_nurse_id', type: 'varchar', length: 36 })
  responsibleNurseId: string;

  @Column({ name: 'due_at', type: 'datetime', precision: 3, nullable: true })
  dueAt: Date | null;

  @Column({ name: 'last_round_at', type: 'datetime', precision: 3, nullable: true })
  lastRoundAt: Date | null;

  /** The due instant whose overdue alert was sent: one alert per missed due date. */
  @Column({ name: 'overdue_notified_due_at', type: 'datetime', precision: 3, nullable: true })
  overdueNotifiedDueAt: Date | null;
}
