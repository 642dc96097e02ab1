import type { ChainedEvent } from '@countycare/domain';

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
 * One append-only audit event (domain.md §7.5) as stored: a row of
 * `audit_events` and, in `residentIds`, its rows of `audit_event_subjects`.
 * A read of N listed records is one event naming their residents; a change is
 * one event. Never updated or deleted; sealed afterwards by the hash chain.
 */
export interface AuditEvent extends ChainedEvent {
  /** UUIDv7: time-ordered, so it is also the log's order (and the month partition it lives in). */
  id: string;
  action: AuditAction;
  purpose: AuditPurpose;
  outcome: AuditOutcome;
  detail: AuditDetail | null;
}

/** An event before it is written: the writer mints the id when its INSERT is cut. */
export type AuditEventDraft = Omit<AuditEvent, 'id'>;
