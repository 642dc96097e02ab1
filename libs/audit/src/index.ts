export * from './audit-event.entity';
export * from './audit.service';
export * from './audit.module';

import { AuditEvent, AuditSeal } from './audit-event.entity';
export const AUDIT_ENTITIES = [AuditEvent, AuditSeal];
