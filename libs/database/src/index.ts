export * from './data-source-options';
export * from './transaction-runner';
export * from './database.module';
export * from './idempotency/idempotency-record.entity';
export * from './idempotency/idempotency.store';
export * from './idempotency/idempotency.interceptor';

import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
export const DATABASE_ENTITIES = [IdempotencyRecord];
export * from './columns';
export * from './reporting-sql';
