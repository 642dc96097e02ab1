import type { DemoContext } from '@countycare/common';
import type { EntityManager } from 'typeorm';

/** Each bounded context's demo records, run in this order on top of the demo county. */
export const DEMO_SEEDERS: Array<(em: EntityManager, ctx: DemoContext) => Promise<void>> = [];
