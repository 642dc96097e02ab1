import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditEvent, AuditSeal } from './audit-event.entity';
import { AuditService } from './audit.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent, AuditSeal])],
  providers: [AuditService],
  exports: [AuditService],
})
export class AuditModule {}
