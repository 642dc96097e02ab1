import { CreatedAtColumn } from '@countycare/database';
import type { PackageKind, PayloadField, ServiceModality } from '@countycare/domain';
import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * 服务包 (domain.md §3.1): a county's offer of service items for one contract
 * year. Never edited once created, so a contract always shows what was sold;
 * a changed offer is a new package and the old one is deactivated.
 */
@Entity('service_packages')
@Index('uq_service_packages_code', ['countyId', 'code'], { unique: true })
@Index('ix_service_packages_county', ['countyId', 'id'])
export class ServicePackage {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  /** Set when an institution admin created it for their institution's teams. */
  @Column({ name: 'owner_institution_id', type: 'varchar', length: 36, nullable: true })
  ownerInstitutionId: string | null;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: PackageKind;

  /** 适应人群: population tag codes. */
  @Column({ name: 'target_populations', type: 'simple-json' })
  targetPopulations: string[];

  @Column({ name: 'price_fen', type: 'int' })
  priceFen: number;

  /** The resident's own part of the price. */
  @Column({ name: 'self_pay_fen', type: 'int' })
  selfPayFen: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;
}

/** 服务包项目: one promised service with its yearly count and modality. */
@Entity('service_package_items')
@Index('uq_service_package_items_code', ['packageId', 'code'], { unique: true })
export class PackageItem {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ name: 'package_id', type: 'varchar', length: 36 })
  packageId: string;

  @Column({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'times_per_year', type: 'int' })
  timesPerYear: number;

  @Column({ type: 'varchar', length: 16 })
  modality: ServiceModality;

  /** Measurements a record must carry to count (§3.5 rule 3). */
  @Column({ name: 'required_data', type: 'simple-json' })
  requiredData: PayloadField[];

  /** Order within the package, as the admin listed the items. */
  @Column({ type: 'int' })
  position: number;
}
