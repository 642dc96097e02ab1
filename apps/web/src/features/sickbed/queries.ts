import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, call } from '../../api/client';
import type { components, paths } from '../../api/schema';
import type { Role } from '../../auth/session';
import { useCachedQuery } from '../../offline/cached-query';

export type Sickbed = components['schemas']['SickbedDetailView'];
export type SickbedItem = components['schemas']['SickbedView'];
export type SickbedStatus = Sickbed['status'];
export type SickbedAction = Sickbed['allowedActions'][number];
export type RoundDue = components['schemas']['RoundDueView'];
export type Round = components['schemas']['RoundView'];
export type Order = components['schemas']['OrderView'];
export type RoundKind = components['schemas']['CreateRoundDto']['kind'];
export type SickbedListQuery = NonNullable<paths['/api/v1/sickbeds']['get']['parameters']['query']>;

export const SICKBED_STATUSES: SickbedStatus[] = ['applied', 'assessing', 'approved', 'active', 'closing', 'closed', 'rejected', 'cancelled'];

/** The query keys of this feature (useCachedQuery adds its own 'cached' prefix). */
export const keys = {
  list: (query: SickbedListQuery) => ['sickbeds', query] as const,
  episode: (id: string) => ['sickbed', id] as const,
  rounds: (id: string) => ['sickbed', id, 'rounds'] as const,
  orders: (id: string) => ['sickbed', id, 'orders'] as const,
};

/** Which round a clinician records: doctor rounds are the GP's, nurse visits the nurse's (CreateRoundDto.kind). */
export function roundKindFor(role: Role): RoundKind | null {
  if (role === 'gp') return 'doctor';
  if (role === 'nurse') return 'nurse';
  return null;
}

/** The API's allowedActions say what the state allows; who may do it is the role's (domain.md §4.2 "Who does what"). */
const GP_ACTIONS: SickbedAction[] = ['order', 'stop_order', 'extend', 'close', 'undo_close', 'finalize'];

export function can(episode: Pick<Sickbed, 'allowedActions'>, role: Role, action: SickbedAction): boolean {
  if (!episode.allowedActions.includes(action)) return false;
  if (action === 'round') return roundKindFor(role) !== null;
  if (GP_ACTIONS.includes(action)) return role === 'gp';
  return false;
}

export function useSickbedList(query: SickbedListQuery) {
  return useCachedQuery(keys.list(query), () => call(api.GET('/api/v1/sickbeds', { params: { query } })));
}

export function useSickbed(id: string) {
  return useCachedQuery(keys.episode(id), () => call(api.GET('/api/v1/sickbeds/{id}', { params: { path: { id } } })));
}

export function useRounds(id: string) {
  return useCachedQuery(keys.rounds(id), () => call(api.GET('/api/v1/sickbeds/{id}/rounds', { params: { path: { id }, query: { limit: 100 } } })));
}

export function useOrders(id: string) {
  return useCachedQuery(keys.orders(id), () => call(api.GET('/api/v1/sickbeds/{id}/orders', { params: { path: { id }, query: { limit: 200 } } })));
}

/** After a write: the episode, its rounds and orders, and the lists it shows in, as the API now holds them. */
export function useRefreshSickbed(): (id: string) => Promise<void> {
  const client = useQueryClient();
  return useCallback(async (id: string) => {
    await Promise.all([
      client.invalidateQueries({ queryKey: ['cached', 'sickbed', id] }),
      client.invalidateQueries({ queryKey: ['cached', 'sickbeds'] }),
    ]);
  }, [client]);
}
