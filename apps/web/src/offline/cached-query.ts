import { useQuery, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { NetworkError } from '../api/problem';
import { useSession } from '../auth/session';
import { database } from './db';

export interface Cached<T> {
  value: T;
  /** When the API last gave this answer (ISO) */
  savedAt: string;
  /** True when the network failed and this is the copy kept on the device */
  offline: boolean;
}

/** The react-query options of a cached read: one definition for the screens (useCachedQuery) and the warm start. */
function cachedQueryOptions<T>(userId: string, key: QueryKey, load: () => Promise<T>) {
  const storeKey = `${userId}:${JSON.stringify(key)}`;
  return {
    queryKey: ['cached', ...key],
    networkMode: 'always' as const,
    queryFn: async (): Promise<Cached<T>> => {
      const store = await database();
      try {
        const value = await load();
        const savedAt = new Date().toISOString();
        await store.put('cache', { key: storeKey, userId, savedAt, data: value });
        return { value, savedAt, offline: false };
      } catch (error) {
        if (!(error instanceof NetworkError)) throw error;
        const kept = await store.get('cache', storeKey);
        if (!kept) throw error;
        return { value: kept.data as T, savedAt: kept.savedAt, offline: true };
      }
    },
  };
}

/**
 * A read a clinician needs without a network (today's worklists, a contract opened today): the last answer is kept
 * on the device for this user and shown, marked with its time, when the API cannot be reached. Wiped at sign-out.
 */
export function useCachedQuery<T>(key: QueryKey, load: () => Promise<T>, options: { enabled?: boolean } = {}) {
  const { user } = useSession();
  const userId = user?.id ?? '';
  return useQuery<Cached<T>>({ ...cachedQueryOptions(userId, key, load), enabled: options.enabled !== false && !!userId });
}

/** Starts a cached read before its screen is there (the app's start, while the screen's code still downloads). */
export function prefetchCached<T>(queryClient: QueryClient, userId: string, key: QueryKey, load: () => Promise<T>): void {
  void queryClient.prefetchQuery(cachedQueryOptions(userId, key, load));
}
