import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyRecord } from './idempotency/idempotency-record.entity';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { ReportingSql } from './reporting-sql';
import { ReadYourWritesInterceptor } from './replica-reads/read-your-writes.interceptor';
import { ReplicaReads } from './replica-reads/replica-reads';
import { Sql } from './sql';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([IdempotencyRecord])],
  providers: [
    TransactionRunner, ReportingSql, Sql, IdempotencyStore, ReplicaReads,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
  ],
  exports: [TransactionRunner, ReportingSql, Sql, IdempotencyStore, ReplicaReads],
})
export class DatabaseModule {}
