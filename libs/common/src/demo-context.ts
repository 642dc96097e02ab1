import type { CalendarDate } from '@countycare/domain';

/**
 * The demo county as seeded so far, handed to each bounded context's demo
 * seeder (`seedDemo…(em, ctx)`) so it can add its own records on top.
 */
export interface DemoContext {
  countyId: string;
  today: CalendarDate;
  now: Date;
  hospitalId: string;
  townshipIds: string[];
  villageIds: string[];
  teams: Array<{ id: string; institutionId: string; gpUserId: string; nurseUserId: string }>;
  deskUserId: string;
  hospitalGpUserId: string;
  /** About 200 residents of the county, in creation order. */
  residentIds: string[];
  /** The resident behind the demo resident login. */
  demoResidentId: string;
}
