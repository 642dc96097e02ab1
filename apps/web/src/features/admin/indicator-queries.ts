import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useLanguage } from '../../i18n';

export type IndicatorValue = components['schemas']['IndicatorValueView'];
export type ContractIndicators = components['schemas']['ContractIndicatorsView'];
export type SickbedIndicators = components['schemas']['SickbedIndicatorsView'];
export type ReferralIndicators = components['schemas']['ReferralIndicatorsView'];

/** The query of every indicator route: the scope (county, institution, team) and the period. */
export interface IndicatorQuery {
  countyId?: string;
  institutionId?: string;
  teamId?: string;
  from?: string;
  to?: string;
}

function clean(query: IndicatorQuery): IndicatorQuery {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as IndicatorQuery;
}

export function fetchContractIndicators(query: IndicatorQuery) {
  return call(api.GET('/api/v1/indicators/contracts', { params: { query: clean(query)} }));
}

export function useContractIndicators(query: IndicatorQuery, enabled = true) {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['admin', 'indicators', 'contracts', clean(query), language],
    enabled,
    queryFn: () => fetchContractIndicators(query),
  });
}

export function useSickbedIndicators(query: IndicatorQuery, enabled = true) {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['admin', 'indicators', 'sickbeds', clean(query), language],
    enabled,
    queryFn: () => call(api.GET('/api/v1/indicators/sickbeds', { params: { query: clean(query)} })),
  });
}

export function useReferralIndicators(query: IndicatorQuery, enabled = true) {
  const { language } = useLanguage();
  return useQuery({
    queryKey: ['admin', 'indicators', 'referrals', clean(query), language],
    enabled,
    queryFn: () => call(api.GET('/api/v1/indicators/referrals', { params: { query: clean(query)} })),
  });
}
