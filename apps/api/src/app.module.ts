import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from '@countycare/audit';
import { AuthModule } from '@countycare/auth';
import { AppSettings, createValidationPipe, ProblemFilter, SettingsModule } from '@countycare/common';
import { dataSourceOptions, DatabaseModule, Flavor } from '@countycare/database';
import { OrganizationsModule } from '@countycare/organizations';
import { ResidentsModule } from '@countycare/residents';
import { SCHEMA } from '@countycare/schema';
import { HealthController } from './health.controller';
import { loggerParams } from './logging';

/** Wiring only: every behaviour lives in the libs. */
@Module({})
export class AppModule {
  static forRoot(settings: AppSettings, flavor: Flavor): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SettingsModule.forRoot(settings),
        LoggerModule.forRoot(loggerParams(settings.logLevel)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions(settings.database, flavor, SCHEMA, { migrationsRun: settings.migrate === 'auto' }),
          retryAttempts: settings.database.kind === 'sqlite' ? 0 : 3,
          retryDelay: 2000,
        }),
        ThrottlerModule.forRoot([{ name: 'default', ttl: 60_000, limit: settings.rateLimitPerMinute }]),
        TerminusModule,
        DatabaseModule,
        AuditModule,
        AuthModule,
        OrganizationsModule,
        ResidentsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
