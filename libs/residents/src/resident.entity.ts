import { CreatedAtColumn, UpdatedAtColumn } from '@countycare/database';
import { Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

export type ResidentStatus = 'active' | 'moved_out' | 'deceased';

/**
 * A resident of the county's registry (居民). The ID and phone numbers are
 * stored encrypted, with keyed blind indexes for exact search and for the
 * one-record-per-person rule (domain.md §7.3).
 */
@Entity('residents')
@Index('ix_residents_county_name', ['countyId', 'name', 'id'])
@Index('ix_residents_county_phone', ['countyId', 'phoneHash'])
@Index('ix_residents_county_id', ['countyId', 'id'])
export class Resident {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'county_id', type: 'varchar', length: 36 })
  countyId: string;

  @Column({ type: 'varchar', length: 30 })
  name: string;

  @Index('uq_residents_id_number', { unique: true })
  @Column({ name: 'id_number_hash', type: 'varchar', length: 64 })
  idNumberHash: string;

  @Column({ name: 'id_number_enc', type: 'varchar', length: 128 })
  idNumberEnc: string;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64, nullable: true })
  phoneHash: string | null;

  @Column({ name: 'phone_enc', type: 'varchar', length: 128, nullable: true })
  phoneEnc: string | null;

  /** Derived from the ID number, never typed. */
  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 8 })
  sex: 'male' | 'female';

  /** 乡镇/街道: the part of the address shown masked. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  township: string | null;

  @Column({ name: 'address_line', type: 'varchar', length: 200, nullable: true })
  addressLine: string | null;

  /** 户号: residents of one household share it. */
  @Column({ name: 'household_no', type: 'varchar', length: 32, nullable: true })
  householdNo: string | null;

  /** Recorded key-population tags (age-based ones are derived on read). */
  @Column({ type: 'simple-json' })
  tags: string[];

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: ResidentStatus;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
