import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@countycare/audit';
import { AuthModule } from '@countycare/auth';
import { AppSettings, SettingsModule } from '@countycare/common';
import { dataSourceOptions, DatabaseModule, Flavor } from '@countycare/database';
import { NotificationsModule } from '@countycare/notifications';
import { OrganizationsModule } from '@countycare/organizations';
import { ResidentsModule } from '@countycare/residents';
import { ReferralsModule } from '@countycare/referrals';
import { SickbedsModule } from '@countycare/sickbeds';
import { ContractsModule } from '@countycare/contracts';
import { DemoSeedModule } from './demo-seed.module';
import { SCHEMA } from './index';

/** The bounded contexts, registered once for both the API and the worker. */
export const FEATURE_MODULES = [OrganizationsModule, ResidentsModule, ReferralsModule, SickbedsModule, ContractsModule];

/**
 * Settings, database, audit, auth and every bounded context: what both apps
 * run on. Only the API changes the schema (migrations, or synchronize on the
 * embedded file); the worker expects it ready.
 */
export function coreModules(settings: AppSettings, flavor: Flavor, role: 'api' | 'worker') {
  const ownsSchema = role === 'api';
  return [
    SettingsModule.forRoot(settings),
    TypeOrmModule.forRoot({
      ...dataSourceOptions(settings.database, flavor, SCHEMA, {
        migrationsRun: ownsSchema && settings.migrate === 'auto' && !settings.synchronizeForTests,
        synchronize: settings.database.kind === 'sqlite' || settings.synchronizeForTests ? ownsSchema : false,
      }),
      retryAttempts: settings.database.kind === 'sqlite' ? 0 : 3,
      retryDelay: 2000,
    }),
    DatabaseModule,
    AuditModule,
    AuthModule,
    NotificationsModule,
    ...FEATURE_MODULES,
    DemoSeedModule,
  ];
}
