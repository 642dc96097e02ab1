import type { QueryClient } from '@tanstack/react-query';
import { prefetchCached } from '../../offline/cached-query';
import { keys, loadFollowUps, loadNotifications, loadRounds } from './queries';

/**
 * A clinician's today screen asks for five reads; started with the app (loaded eagerly, not with the clinic's
 * chunk), they travel while the screen's code downloads: half a second less on a slow 3G start (docs/web.md
 * "Budgets"), and the day's worklists refreshed on the device for offline use whichever screen opens first.
 */
export function warmToday(queryClient: QueryClient, userId: string): void {
  prefetchCached(queryClient, userId, keys.followUps('overdue'), () => loadFollowUps('overdue'));
  prefetchCached(queryClient, userId, keys.followUps('this_week'), () => loadFollowUps('this_week'));
  prefetchCached(queryClient, userId, keys.rounds('overdue'), () => loadRounds('overdue'));
  prefetchCached(queryClient, userId, keys.rounds('today'), () => loadRounds('today'));
  prefetchCached(queryClient, userId, keys.notifications, loadNotifications);
}
