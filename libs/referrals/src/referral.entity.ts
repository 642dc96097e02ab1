import { URGENCY_RANK_SQL } from '@countycare/domain';
import type {
  DeductibleBasis, InsuranceType, RedFlag, ReferralDiagnosis, ReferralDirection, ReferralKind, ReferralStatus, ReferralUrgency, UrgentSignCode, VitalSource,
} from '@countycare/domain';
import { CreatedAtColumn, UpdatedAtColumn } from '@countycare/database';
import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/** An urgent-referral trigger as stored on the referral when it was written (domain.md §5.3). */
export interface StoredUrgentSign {
  code: UrgentSignCode;
  value?: number;
  threshold?: number;
  recordedAt?: string;
  source?: VitalSource;
  sourceId?: string;
  stale: boolean;
}

/** The clinical sections of the form (domain.md §5.4), each optional free text. */
export interface ReferralClinical {
  /** 主诉 */
  chiefComplaint?: string;
  /** 现病史 */
  presentIllness?: string;
  /** 既往史 */
  pastHistory?: string;
  /** 治疗经过 */
  treatmentSoFar?: string;
  /** 主要检查结果 */
  keyResults?: string;
  /** 注意事项 */
  precautions?: string;
}

export interface ReferralMedication {
  name: string;
  dose?: string;
  frequency?: string;
}

export interface ReferralOutcome {
  diagnosisResult: string;
  keyFindings: string;
  nextAdvice: string;
  /** 治疗经过 at the receiving institution */
  treatment?: string;
  /** 出院带药 / the medication list the patient leaves with */
  medications?: ReferralMedication[];
  /** 随访计划 for the team that takes the patient back */
  followUpPlan?: string;
}

/**
 * A two-way referral (双向转诊, domain.md §5.1). The fields the access policy
 * decides on (countyId, fromInstitutionId, toInstitutionId, createdById,
 * teamId, residentId, direction) are denormalised on the row.
 */
@Entity('referrals')
// desk queue: open items addressed to one institution, green channel first, then oldest (domain.md §5.3)
@Index('ix_referrals_desk_queue', ['countyId', 'toInstitutionId', 'deskOpen', 'urgencyRank', 'submittedAt', 'id'])
// GET /referrals, newest first, under each scope rule of the policy
@Index('ix_referrals_county', ['countyId', 'id'])
@Index('ix_referrals_from', ['countyId', 'fromInstitutionId', 'id'])
@Index('ix_referrals_to', ['countyId', 'toInstitutionId', 'id'])
@Index('ix_referrals_team', ['countyId', 'teamId', 'id'])
@Index('ix_referrals_creator', ['countyId', 'createdById', 'id'])
@Index('ix_referrals_resident', ['countyId', 'residentId', 'id'])
// indicators (domain.md §5.6): referrals submitted, arrived, completed or booked in a period
@Index('ix_referrals_county_submitted', ['countyId', 'submittedAt'])
@Index('ix_referrals_county_arrived', ['countyId', 'arrivedAt'])
@Index('ix_referrals_county_completed', ['countyId', 'completedAt'])
@Index('ix_referrals_county_appointment', ['countyId', 'appointmentAt'])
// worker: replies overdue, scheduled patients who never came
@Index('ix_referrals_reply_due', ['status', 'replyDueAt'])
@Index('ix_referrals_arrive_by', ['status', 'arriveBy'])
@Index('ix_referrals_parent', ['parentReferralId'])
export class Referral {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** 转诊单号 */
  @Index('uq_referrals_no', { unique: true })
  @Column({ name: 'referral_no', type: 'varchar', length: 32 })
  referralNo: string;

  /** The resident's county. */
  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ type: 'varchar', length: 8 })
  direction: ReferralDirection;

  @Column({ type: 'varchar', length: 16 })
  status: ReferralStatus;

  /** The priority: routine, urgent, or emergent (the green channel). */
  @Column({ type: 'varchar', length: 16 })
  urgency: ReferralUrgency;

  /** 0 for the green channel, 1 urgent, 2 routine (`urgencyRank`): the queue's first sort key. */
  @Column({
    name: 'urgency_rank', type: 'int', nullable: true, generatedType: 'STORED', insert: false, update: false,
    asExpression: URGENCY_RANK_SQL,
  })
  urgencyRank: number | null;

  /** outpatient, inpatient, diagnostic (检查) or emergency (domain.md §5.1). */
  @Column({ type: 'varchar', length: 16, default: 'outpatient' })
  kind: ReferralKind;

  /** The qualitative urgent triggers the GP ticked (altered consciousness, chest pain, pregnancy with hypertension). */
  @Column({ name: 'red_flags', type: 'simple-json', nullable: true })
  redFlags: RedFlag[] | null;

  /**
   * The urgent-referral triggers met when the referral was last written by its
   * sender (latest vitals and red flags): why it is, or was suggested to be, emergent.
   */
  @Column({ name: 'urgent_signs', type: 'simple-json', nullable: true })
  urgentSigns: StoredUrgentSign[] | null;

  /** 职工医保 / 居民医保 / other: decides the deductible table (domain.md §5.5). */
  @Column({ name: 'insurance_type', type: 'varchar', length: 16, nullable: true })
  insuranceType: InsuranceType | null;

  /** The insurance number, encrypted (FieldCipher); never sent out in full by the API. */
  @Column({ name: 'insurance_no_enc', type: 'varchar', length: 255, nullable: true })
  insuranceNoEnc: string | null;

  /** The insurance number as shown (maskInsuranceNo). */
  @Column({ name: 'insurance_no_masked', type: 'varchar', length: 40, nullable: true })
  insuranceNoMasked: string | null;

  /** 1 while the receiving side has work to do on it, else NULL: keeps closed referrals out of the queue index range. */
  @Column({
    name: 'desk_open', type: 'int', nullable: true, generatedType: 'STORED', insert: false, update: false,
    asExpression: "CASE WHEN status IN ('submitted','accepted','scheduled','arrived') THEN 1 ELSE NULL END",
  })
  deskOpen: number | null;

  /**
   * The up-referral a live down-referral returns; NULL once that down-referral
   * is cancelled, rejected or expired. Unique: one live return per up-referral.
   */
  @Index('uq_referrals_live_return', { unique: true })
  @Column({
    name: 'live_return_of', type: 'varchar', length: 36, nullable: true, generatedType: 'STORED', insert: false, update: false,
    asExpression: "CASE WHEN status IN ('cancelled','rejected','expired') THEN NULL ELSE parent_referral_id END",
  })
  liveReturnOf: string | null;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  /** The resident's family-doctor team when the referral was written (null without an open contract). */
  @Column({ name: 'team_id', type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  @Column({ name: 'contract_id', type: 'varchar', length: 36, nullable: true })
  contractId: string | null;

  @Column({ name: 'from_institution_id', type: 'varchar', length: 36 })
  fromInstitutionId: string;

  @Column({ name: 'to_institution_id', type: 'varchar', length: 36 })
  toInstitutionId: string;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  department: string | null;

  /** 转诊原因 */
  @Column({ type: 'varchar', length: 500 })
  reason: string;

  /** Record summary: present illness, history, treatment so far, key results. */
  @Column({ type: 'varchar', length: 4000 })
  summary: string;

  /** The structured clinical sections (domain.md §5.4); null when none was written. */
  @Column({ type: 'simple-json', nullable: true })
  clinical: ReferralClinical | null;

  /** 预约转诊日期: the day the writer asks the patient be seen. */
  @Column({ name: 'requested_date', type: 'date', nullable: true })
  requestedDate: string | null;

  /**
   * The patient's consent to share records with the receiving institution; null
   * on referrals written before it was recorded (read as before: shared).
   */
  @Column({ name: 'consent_to_share', type: 'boolean', nullable: true })
  consentToShare: boolean | null;

  /** ICD-10 codes and names; the first is the primary diagnosis. */
  @Column({ type: 'simple-json' })
  diagnoses: ReferralDiagnosis[];

  /** A down-referral's up-referral. */
  @Column({ name: 'parent_referral_id', type: 'varchar', length: 36, nullable: true })
  parentReferralId: string | null;

  /** The household sickbed whose closure sent the patient up. */
  @Column({ name: 'source_sickbed_id', type: 'varchar', length: 36, nullable: true })
  sourceSickbedId: string | null;

  /** Deductible the patient already paid in the source inpatient episode (fen), as the referring side states it. */
  @Column({ name: 'source_deductible_paid_fen', type: 'int', nullable: true })
  sourceDeductiblePaidFen: number | null;

  /** Why the desk returned it for information, until it is submitted again. */
  @Column({ name: 'return_reason', type: 'varchar', length: 500, nullable: true })
  returnReason: string | null;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3, nullable: true })
  submittedAt: Date | null;

  /** submittedAt + referral.replyHours[urgency] of the county policy at submission. */
  @Column({ name: 'reply_due_at', type: 'datetime', precision: 3, nullable: true })
  replyDueAt: Date | null;

  /** When the receiving side accepted, rejected or returned it: the SLA clock stops. */
  @Column({ name: 'replied_at', type: 'datetime', precision: 3, nullable: true })
  repliedAt: Date | null;

  /** Set once by the worker when the reply deadline passed unanswered. */
  @Column({ name: 'sla_breached_at', type: 'datetime', precision: 3, nullable: true })
  slaBreachedAt: Date | null;

  @Column({ name: 'accepted_at', type: 'datetime', precision: 3, nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'accepted_by_id', type: 'varchar', length: 36, nullable: true })
  acceptedById: string | null;

  @Column({ name: 'appointment_at', type: 'datetime', precision: 3, nullable: true })
  appointmentAt: Date | null;

  /** Appointment date + referral.noShowDays: after this day the worker expires the referral. */
  @Column({ name: 'arrive_by', type: 'date', nullable: true })
  arriveBy: string | null;

  @Column({ name: 'arrived_at', type: 'datetime', precision: 3, nullable: true })
  arrivedAt: Date | null;

  @Column({ name: 'completed_at', type: 'datetime', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ type: 'simple-json', nullable: true })
  outcome: ReferralOutcome | null;

  @Column({ name: 'rejected_at', type: 'datetime', precision: 3, nullable: true })
  rejectedAt: Date | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 500, nullable: true })
  rejectReason: string | null;

  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  @Column({ name: 'expired_at', type: 'datetime', precision: 3, nullable: true })
  expiredAt: Date | null;

  /** Completed with an inpatient admission at the receiving institution. */
  @Column({ type: 'boolean', default: false })
  admitted: boolean;

  @Column({ name: 'admitted_on', type: 'date', nullable: true })
  admittedOn: string | null;

  @Column({ name: 'eligible_cost_fen', type: 'int', nullable: true })
  eligibleCostFen: number | null;

  /** The continuous-deductible estimate computed at completion (domain.md §5.5), stored as shown. */
  @Column({ name: 'deductible_basis', type: 'varchar', length: 16, nullable: true })
  deductibleBasis: DeductibleBasis | null;

  /** The admitted referral whose credit this estimate continued (the stay at the source, or the up-referral a down-referral returns). */
  @Column({ name: 'deductible_chain_from_id', type: 'varchar', length: 36, nullable: true })
  deductibleChainFromId: string | null;

  @Column({ name: 'standard_deductible_fen', type: 'int', nullable: true })
  standardDeductibleFen: number | null;

  @Column({ name: 'credited_before_fen', type: 'int', nullable: true })
  creditedBeforeFen: number | null;

  @Column({ name: 'deductible_due_fen', type: 'int', nullable: true })
  deductibleDueFen: number | null;

  @Column({ name: 'credited_after_fen', type: 'int', nullable: true })
  creditedAfterFen: number | null;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
