import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'read', 'create', 'update', 'transition', 'reveal_pii', 'export', 'import',
  'login', 'login_failed', 'lockout', 'logout', 'token_reuse', 'permission_change',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditPurpose = 'treatment' | 'admin' | 'audit' | 'statistics' | 'self';
export type AuditOutcome = 'success' | 'denied' | 'error';
/** Field names, reason codes, counts: never PII values. */
export type AuditDetail = Record<string, string | number | boolean | null | string[]>;

/**
 * One append-only audit record (domain.md §7.5). Never updated or deleted;
 * its integrity is sealed afterwards by AuditSeal's hash chain.
 */
@Entity('audit_events')
@Index('ix_audit_resident', ['residentId', 'id'])
@Index('ix_audit_actor', ['actorId', 'id'])
@Index('ix_audit_county', ['countyId', 'id'])
export class AuditEvent {
  /** UUIDv7: time-ordered, so it is also the log's order. */
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ name: 'actor_id', type: 'varchar', length: 36, nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 64, nullable: true })
  actorName: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_institution_id', type: 'varchar', length: 36, nullable: true })
  actorInstitutionId: string | null;

  /** The county whose data this is (for county admins' audit view). */
  @Column({ name: 'county_id', type: 'varchar', length: 36, nullable: true })
  countyId: string | null;

  @Column({ type: 'varchar', length: 32 })
  action: AuditAction;

  @Column({ name: 'resource_type', type: 'varchar', length: 32 })
  resourceType: string;

  @Column({ name: 'resource_id', type: 'varchar', length: 64, nullable: true })
  resourceId: string | null;

  @Column({ name: 'resident_id', type: 'varchar', length: 36, nullable: true })
  residentId: string | null;

  @Column({ type: 'varchar', length: 16 })
  purpose: AuditPurpose;

  /** The contract, sickbed or referral the access happened under. */
  @Column({ name: 'context_id', type: 'varchar', length: 36, nullable: true })
  contextId: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome: AuditOutcome;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** Field names changed, reason codes; never PII values. */
  @Column({ type: 'simple-json', nullable: true })
  detail: AuditDetail | null;
}

/**
 * The hash chain over audit events, in sealing order: hash = sha256(prevHash
 * | canonical event). Insert-only like the events themselves, so the
 * application's database user needs no UPDATE or DELETE on either table.
 */
@Entity('audit_seals')
export class AuditSeal {
  /** Position in the chain; the primary key makes two concurrent sealers collide instead of forking it. */
  @PrimaryColumn({ name: 'chain_index', type: 'bigint' })
  chainIndex: number;

  @Index('uq_audit_seal_event', { unique: true })
  @Column({ name: 'event_id', type: 'varchar', length: 36 })
  eventId: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;

  @Column({ name: 'sealed_at', type: 'datetime', precision: 3 })
  sealedAt: Date;

  /** The canonical form `hash` was computed with (ChainFormat); seals written before it existed are 1. */
  @Column({ type: 'smallint', default: 1 })
  format: number;
}
