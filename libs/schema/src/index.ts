import { AUTH_ENTITIES } from '@countycare/auth';
import { DATABASE_ENTITIES, SchemaParts } from '@countycare/database';
import { NOTIFICATION_ENTITIES } from '@countycare/notifications';
import { ORGANIZATION_ENTITIES } from '@countycare/organizations';
import { RESIDENT_ENTITIES } from '@countycare/residents';
import { REFERRAL_ENTITIES } from '@countycare/referrals';
import { SICKBED_ENTITIES } from '@countycare/sickbeds';
import { CONTRACT_ENTITIES } from '@countycare/contracts';
import { EMBEDDED_UPGRADES } from './embedded-upgrades';
import { MIGRATIONS } from './migrations';

export * from './core-modules';

/**
 * Every entity of every bounded context: the schema the migrations must produce. The audit tables are not
 * entities (libs/audit/src/audit-tables.ts says why); the migrations create them and tests/e2e/audit-storage checks them.
 */
export const ENTITIES = [
  ...DATABASE_ENTITIES,
  ...AUTH_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...ORGANIZATION_ENTITIES,
  ...RESIDENT_ENTITIES,
  ...REFERRAL_ENTITIES,
  ...SICKBED_ENTITIES,
  ...CONTRACT_ENTITIES,
];

export const SCHEMA: SchemaParts = { entities: ENTITIES, migrations: MIGRATIONS, embeddedUpgrades: EMBEDDED_UPGRADES };
export * from './demo-seed';
