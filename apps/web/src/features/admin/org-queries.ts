import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';

export type County = components['schemas']['CountyView'];
export type Institution = components['schemas']['InstitutionView'];
export type Team = components['schemas']['TeamView'];
export type Staff = components['schemas']['StaffView'];

/** Query keys of the organisation reads, to invalidate after a write. */
export const keys = {
  counties: ['admin', 'counties'] as const,
  county: (id: string) => ['admin', 'county', id] as const,
  institutions: ['admin', 'institutions'] as const,
  teams: ['admin', 'teams'] as const,
  team: (id: string) => ['admin', 'team', id] as const,
  staff: ['admin', 'staff'] as const,
  packages: ['admin', 'packages'] as const,
  audit: ['admin', 'audit'] as const,
};

/** The counties the caller may see (the system admin: all; others: their own). One page of 200 is every county. */
export function useCounties() {
  return useQuery({
    queryKey: keys.counties,
    queryFn: async () => (await call(api.GET('/api/v1/counties', { params: { query: { limit: 200 } } }))).items,
  });
}

/** The institutions of a county (or of the caller's scope when no county is given). */
export function useInstitutions(countyId?: string | null) {
  return useQuery({
    queryKey: [...keys.institutions, countyId ?? null],
    queryFn: async () => (await call(api.GET('/api/v1/institutions', { params: { query: { limit: 200, ...(countyId ? { countyId } : {}) } } }))).items,
  });
}

/** The teams in the caller's scope, optionally of one institution. */
export function useTeams(institutionId?: string | null) {
  return useQuery({
    queryKey: [...keys.teams, institutionId ?? null],
    queryFn: async () => (await call(api.GET('/api/v1/teams', { params: { query: { limit: 200, ...(institutionId ? { institutionId } : {}) } } }))).items,
  });
}

/** Every staff account of an institution (for pickers and for naming team members). */
export function useInstitutionStaff(institutionId: string | null | undefined) {
  return useQuery({
    queryKey: [...keys.staff, 'of', institutionId],
    enabled: !!institutionId,
    queryFn: async () => {
      const all: Staff[] = [];
      let cursor: string | undefined;
      do {
        const page = await call(api.GET('/api/v1/staff', { params: { query: { limit: 200, institutionId: institutionId!, ...(cursor ? { cursor } : {}) } } }));
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < 2000);
      return all;
    },
  });
}

/** id → name of the records of a list, for showing names instead of ids. */
export function namesById<T extends { id: string; name?: string; displayName?: string }>(rows: T[] | undefined): Map<string, string> {
  return new Map((rows ?? []).map((r) => [r.id, r.name ?? r.displayName ?? r.id]));
}
