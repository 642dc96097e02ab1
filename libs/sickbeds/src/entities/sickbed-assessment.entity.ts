import type { AssessmentResult, EligibilityCriteria } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AssessmentKind = 'admission' | 'reassessment';

/** 建床评估 before opening, or the reassessment behind an extension (domain.md §4.1). Never changed once written. */
@Entity('sickbed_assessments')
@Index('ix_sickbed_assessments_episode', ['countyId', 'episodeId', 'id'])
export class SickbedAssessment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'episode_id', type: 'varchar', length: 36 })
  episodeId: string;

  @Column({ name: 'resident_id', type: 'varchar', length: 36 })
  residentId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AssessmentKind;

  /** For a reassessment, the cycle it justifies. */
  @Column({ name: 'cycle_no', type: 'int', nullable: true })
  cycleNo: number | null;

  @Column({ type: 'varchar', length: 16 })
  result: AssessmentResult;

  @Column({ type: 'simple-json' })
  criteria: EligibilityCriteria;

  /** Barthel ADL index */
  @Column({ name: 'functional_score', type: 'int', nullable: true })
  functionalScore: number | null;

  /** 知情同意书 (for a reassessment: a consent renewed for the new cycle; the admission's stays in force) */
  @Column({ name: 'consent_signed', type: 'boolean', default: false })
  consentSigned: boolean;

  /** 家庭病床服务协议 */
  @Column({ name: 'agreement_signed', type: 'boolean', default: false })
  agreementSigned: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ name: 'assessed_by_id', type: 'varchar', length: 36 })
  assessedById: string;

  @Column({ name: 'assessed_at', type: 'datetime', precision: 3 })
  assessedAt: Date;
}
