import { Global, Module } from '@nestjs/common';
import { TransactionRunner } from '@countycare/database';
import { AuditArchiver } from './audit-archive';
import { AuditChain } from './audit-chain';
import { AuditDb } from './audit-db';
import { AuditPartitions } from './audit-partitions';
import { AuditWriter } from './audit-writer';
import { AuditService } from './audit.service';

@Global()
@Module({
  providers: [
    // Everything on the audit tables waits for them: on the embedded file they are created (or converted) here.
    {
      provide: AuditDb,
      inject: [TransactionRunner],
      useFactory: async (tx: TransactionRunner) => {
        const db = new AuditDb(tx);
        await db.ensureSchema();
        return db;
      },
    },
    AuditWriter,
    AuditChain,
    AuditPartitions,
    AuditArchiver,
    AuditService,
  ],
  exports: [AuditService, AuditPartitions, AuditArchiver],
})
export class AuditModule {}
