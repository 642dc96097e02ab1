import { CreatedAtColumn, UpdatedAtColumn } from '@countycare/database';
import type { ContractStatus, SignWay, TerminationReason } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * 签约单 (domain.md §3.1): a resident's yearly agreement with a GP team.
 *
 * "One team at a time" (§3.2) is kept by the database: `open_resident_id`
 * holds the resident while the contract is open (pending, active,
 * terminating, or scheduled without a predecessor) and
 * `renewal_resident_id` while it is a renewal not yet started; each has a
 * UNIQUE index, so a second open contract or a second renewal cannot be
 * written, however many requests race.
 */
@Entity('contracts')
@Index('uq_contracts_open_resident', ['openResidentId'], { unique: true })
@Index('uq_contracts_renewal_resident', ['renewalResidentId'], { unique: true })
@Index('ix_contracts_team', ['countyId', 'teamId', 'id'])
@Index('ix_contracts_team_status_end', ['countyId', 'teamId', 'status', 'endDate', 'id'])
@Index('ix_contracts_county_status_end', ['countyId', 'status', 'endDate', 'id'])
@Index('ix_contracts_resident', ['countyId', 'residentId', 'id'])
@Index('ix_contracts_institution', ['countyId', 'institutionId', 'id'])
// indicators (domain.md §3.6): contracts in force on a date or ended in a period, per institution
@Index('ix_contracts_institution_status_end', ['countyId', 'institutionId', 'status', 'endDate', 'id'])
@Index('ix_contracts_gp_status', ['countyId', 'gpId', 'status'])
@Index('ix_contracts_job_start', ['status', 'startDate'])
@Index('ix_contracts_job_end', ['status', 'endDate'])
export class Contract {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ name: 'team_id', type: 'varchar', length: 36 })
  teamId: string;

  /** 签约机构: the team's institution. */
  @Column({ name: 'institution_id', type: 'varchar', length: 36 })
  institutionId: string;

  /** 签约医生: the GP who signed or confirmed; null while an application waits. */
  @Column({ name: 'gp_id', type: 'varchar', length: 36, nullable: true })
  gpId: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ContractStatus;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ name: 'sign_way', type: 'varchar', length: 16 })
  signWay: SignWay;

  /** How it began: a GP signed it, or the resident applied in the app. */
  @Column({ type: 'varchar', length: 16 })
  origin: 'team' | 'resident';

  @Column({ name: 'signed_at', type: 'datetime', precision: 3, nullable: true })
  signedAt: Date | null;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  /** Separate consent to county-wide sharing (§2.2, PIPL Art. 29), with when it was last given or withdrawn. */
  @Column({ name: 'sharing_consent', type: 'boolean' })
  sharingConsent: boolean;

  @Column({ name: 'sharing_consent_at', type: 'datetime', precision: 3 })
  sharingConsentAt: Date;

  @Column({ name: 'predecessor_id', type: 'varchar', length: 36, nullable: true })
  predecessorId: string | null;

  @Column({ name: 'successor_id', type: 'varchar', length: 36, nullable: true })
  successorId: string | null;

  /** Expired and continued by a successor (§3.2). */
  @Column({ type: 'boolean', default: false })
  renewed: boolean;

  @Column({ name: 'termination_reason', type: 'varchar', length: 24, nullable: true })
  terminationReason: TerminationReason | null;

  @Column({ name: 'termination_note', type: 'varchar', length: 500, nullable: true })
  terminationNote: string | null;

  @Column({ name: 'termination_requested_at', type: 'datetime', precision: 3, nullable: true })
  terminationRequestedAt: Date | null;

  @Column({ name: 'terminated_at', type: 'datetime', precision: 3, nullable: true })
  terminatedAt: Date | null;

  /** The calendar day the termination took effect; services after it do not count. */
  @Column({ name: 'terminated_on', type: 'date', nullable: true })
  terminatedOn: string | null;

  /** Why the team rejected an application, or why a contract was cancelled. */
  @Column({ name: 'closing_reason', type: 'varchar', length: 500, nullable: true })
  closingReason: string | null;

  /** Set once the team was told the contract is about to expire (the worker claims the row with it). */
  @Column({ name: 'expiry_notified', type: 'boolean', default: false })
  expiryNotified: boolean;

  @Column({
    name: 'open_resident_id', type: 'varchar', length: 36, nullable: true, insert: false, update: false, generatedType: 'STORED',
    asExpression: "CASE WHEN status IN ('active', 'terminating') OR (status IN ('pending', 'scheduled') AND predecessor_id IS NULL) THEN resident_id ELSE NULL END",
  })
  openResidentId: string | null;

  @Column({
    name: 'renewal_resident_id', type: 'varchar', length: 36, nullable: true, insert: false, update: false, generatedType: 'STORED',
    asExpression: "CASE WHEN status IN ('pending', 'scheduled') AND predecessor_id IS NOT NULL THEN resident_id ELSE NULL END",
  })
  renewalResidentId: string | null;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/** A package on a contract, with the price and own share as they were at signing. */
@Entity('contract_packages')
@Index('uq_contract_packages', ['contractId', 'packageId'], { unique: true })
export class ContractPackage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'contract_id', type: 'varchar', length: 36 })
  contractId: string;

  @Column({ name: 'package_id', type: 'varchar', length: 36 })
  packageId: string;

  @Column({ name: 'price_fen', type: 'int' })
  priceFen: number;

  @Column({ name: 'self_pay_fen', type: 'int' })
  selfPayFen: number;
}
