import { CreatedAtColumn, UpdatedAtColumn } from '@countycare/database';
import type { BedType, ClosureOutcome, SickbedStatus } from '@countycare/domain';
import { OPEN_SICKBED_STATUSES } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

const OPEN_LIST = OPEN_SICKBED_STATUSES.map((s) => `'${s}'`).join(',');

/**
 * A household-sickbed episode (家庭病床), from application (家床申请) through
 * opening (建床), extensions (续床) and closure (撤床), domain.md §4.1. The
 * scope fields (countyId, institutionId, teamId, residentId, responsible
 * clinicians) are the ones the policy's conditions name.
 */
@Entity('sickbeds')
@Index('uq_sickbeds_open_resident', ['openResidentId'], { unique: true })
@Index('ix_sickbeds_county_id', ['countyId', 'id'])
@Index('ix_sickbeds_county_team', ['countyId', 'teamId', 'id'])
@Index('ix_sickbeds_county_doctor', ['countyId', 'responsibleDoctorId', 'id'])
@Index('ix_sickbeds_county_nurse', ['countyId', 'responsibleNurseId', 'id'])
@Index('ix_sickbeds_county_institution', ['countyId', 'institutionId', 'id'])
@Index('ix_sickbeds_county_resident', ['countyId', 'residentId', 'id'])
@Index('ix_sickbeds_county_status', ['countyId', 'status', 'id'])
// indicators (domain.md §4.4): beds opened in a period; open on a date, closed in a period
@Index('ix_sickbeds_county_opened', ['countyId', 'openedAt'])
@Index('ix_sickbeds_county_status_closure', ['countyId', 'status', 'closureDate'])
// the worker's end-of-cycle scans, across counties
@Index('ix_sickbeds_status_end', ['status', 'plannedEndDate'])
export class Sickbed {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ type: 'varchar', length: 16 })
  status: SickbedStatus;

  /** The resident while the episode is open, else NULL: its unique index allows one open episode per resident (§4.3). */
  @Column({
    name: 'open_resident_id', type: 'varchar', length: 36, nullable: true, generatedType: 'STORED',
    asExpression: `CASE WHEN status IN (${OPEN_LIST}) THEN resident_id ELSE NULL END`, insert: false, update: false,
  })
  openResidentId: string | null;

  // ---- application (家床申请)

  @Column({ name: 'applied_by_id', type: 'varchar', length: 36 })
  appliedById: string;

  /** Who applied: a GP of the team, or the resident (domain.md §4.2 "doctor or resident applies"). */
  @Column({ type: 'varchar', length: 16, default: 'team' })
  origin: 'team' | 'resident';

  @Column({ name: 'applied_at', type: 'datetime', precision: 3 })
  appliedAt: Date;

  /** 病情摘要 */
  @Column({ name: 'condition_summary', type: 'text' })
  conditionSummary: string;

  /** 收治指征和建床意见: the doctor's opinion; empty on a resident's application until the GP writes it (needed to submit). */
  @Column({ name: 'admission_indication', type: 'text', nullable: true })
  admissionIndication: string | null;

  @Column({ name: 'diagnosis_date', type: 'date', nullable: true })
  diagnosisDate: string | null;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3, nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'latest_assessment_id', type: 'varchar', length: 36, nullable: true })
  latestAssessmentId: string | null;

  /** Who approved, rejected or returned the application, when, and why (reject/return). */
  @Column({ name: 'decided_by_id', type: 'varchar', length: 36, nullable: true })
  decidedById: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  // ---- opened episode (建床)

  @Column({ name: 'bed_type', type: 'varchar', length: 16, nullable: true })
  bedType: BedType | null;

  @Column({ name: 'admission_diagnosis_code', type: 'varchar', length: 16, nullable: true })
  admissionDiagnosisCode: string | null;

  @Column({ name: 'admission_diagnosis_name', type: 'varchar', length: 100, nullable: true })
  admissionDiagnosisName: string | null;

  /** 责任医生: a GP of the institution; before opening, the applying GP. */
  @Column({ name: 'responsible_doctor_id', type: 'varchar', length: 36, nullable: true })
  responsibleDoctorId: string | null;

  /** 责任护士 */
  @Column({ name: 'responsible_nurse_id', type: 'varchar', length: 36, nullable: true })
  responsibleNurseId: string | null;

  @Column({ name: 'start_date', type: 'date', nullable: true })
  startDate: string | null;

  /** Last day of the current cycle. */
  @Column({ name: 'planned_end_date', type: 'date', nullable: true })
  plannedEndDate: string | null;

  @Column({ name: 'cycle_no', type: 'int', default: 0 })
  cycleNo: number;

  @Column({ name: 'cycle_start_date', type: 'date', nullable: true })
  cycleStartDate: string | null;

  @Column({ name: 'opened_at', type: 'datetime', precision: 3, nullable: true })
  openedAt: Date | null;

  @Column({ name: 'opened_by_id', type: 'varchar', length: 36, nullable: true })
  openedById: string | null;

  /** The episode's round plan, fixed at opening (county settings, possibly tightened). */
  @Column({ name: 'first_round_hours', type: 'int', nullable: true })
  firstRoundHours: number | null;

  @Column({ name: 'doctor_interval_days', type: 'int', nullable: true })
  doctorIntervalDays: number | null;

  @Column({ name: 'nurse_interval_days', type: 'int', nullable: true })
  nurseIntervalDays: number | null;

  // ---- closure (预撤床 / 撤床)

  @Column({ name: 'closure_date', type: 'date', nullable: true })
  closureDate: string | null;

  @Column({ name: 'closure_outcome', type: 'varchar', length: 32, nullable: true })
  closureOutcome: ClosureOutcome | null;

  @Column({ name: 'closure_diagnosis_code', type: 'varchar', length: 16, nullable: true })
  closureDiagnosisCode: string | null;

  @Column({ name: 'closure_diagnosis_name', type: 'varchar', length: 100, nullable: true })
  closureDiagnosisName: string | null;

  /** 撤床小结: course of the episode */
  @Column({ name: 'closure_summary', type: 'text', nullable: true })
  closureSummary: string | null;

  /** 撤床时情况 */
  @Column({ name: 'condition_at_closure', type: 'varchar', length: 500, nullable: true })
  conditionAtClosure: string | null;

  /** 出院医嘱 / follow-up advice */
  @Column({ name: 'closure_advice', type: 'varchar', length: 1000, nullable: true })
  closureAdvice: string | null;

  @Column({ name: 'closure_recorded_at', type: 'datetime', precision: 3, nullable: true })
  closureRecordedAt: Date | null;

  @Column({ name: 'closure_recorded_by_id', type: 'varchar', length: 36, nullable: true })
  closureRecordedById: string | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by_id', type: 'varchar', length: 36, nullable: true })
  closedById: string | null;

  /** Stored when the episode closes, for the indicators (§4.4 average bed days). */
  @Column({ name: 'bed_days', type: 'int', nullable: true })
  bedDays: number | null;

  /** The up-referral created with a closure to hospital (domain.md §4.2, §5). */
  @Column({ name: 'linked_referral_id', type: 'varchar', length: 36, nullable: true })
  linkedReferralId: string | null;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  // ---- worker marks: not changes by a person, so they keep the version

  /** The cycle whose end-of-cycle warning was sent. */
  @Column({ name: 'end_warned_cycle', type: 'int', nullable: true })
  endWarnedCycle: number | null;

  /** The cycle flagged as run past its planned end without an extension. */
  @Column({ name: 'overdue_flagged_cycle', type: 'int', nullable: true })
  overdueFlaggedCycle: number | null;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
