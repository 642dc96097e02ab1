import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A POST already answered for a user under an Idempotency-Key: the retry of
 * a phone on a weak network gets this stored answer instead of a second
 * record (api.md "Creation").
 */
@Entity('idempotency_keys')
@Index('uq_idempotency_user_key', ['userId', 'key'], { unique: true })
@Index('ix_idempotency_created', ['createdAt'])
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @Column({ name: 'idem_key', type: 'varchar', length: 128 })
  key: string;

  /** sha256 of method, path and body: the same key with another request is refused (422). */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ name: 'response_location', type: 'varchar', length: 512, nullable: true })
  responseLocation: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
