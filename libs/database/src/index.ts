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
export * from './pool-metrics';
export * from './sql';
export * from './replica-reads/replica-reads';
export * from './replica-reads/read-your-writes.interceptor';
