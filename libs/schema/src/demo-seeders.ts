import type { DemoContext } from '@countycare/common';
import { seedDemoContracts } from '@countycare/contracts';
import { seedDemoReferrals } from '@countycare/referrals';
import { seedDemoSickbeds } from '@countycare/sickbeds';
import type { EntityManager } from 'typeorm';

/** Each bounded context's demo records, run in this order on top of the demo county. */
export const DEMO_SEEDERS: Array<(em: EntityManager, ctx: DemoContext) => Promise<void>> = [
  seedDemoContracts,
  seedDemoSickbeds,
  seedDemoReferrals,
];
