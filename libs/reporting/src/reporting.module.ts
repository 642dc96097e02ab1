import { Module } from '@nestjs/common';
import { AuditController } from './http/audit.controller';

@Module({ controllers: [AuditController] })
export class ReportingModule {}
