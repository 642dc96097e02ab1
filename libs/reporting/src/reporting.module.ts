import { Module } from '@nestjs/common';
import { AuditController } from './http/audit.controller';
import { DictionariesController } from './http/dictionaries.controller';

@Module({ controllers: [AuditController, DictionariesController] })
export class ReportingModule {}
