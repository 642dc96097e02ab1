import { useQueries } from '@tanstack/react-query';
import { Col, Flex, Row, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { Chart } from './Chart';
import { ChartCard } from './ChartCard';
import { barOption, chartSummary, type Series } from './chart-options';
import { dashboardMessages } from './dashboard-messages';
import { percent } from './format';
import { IndicatorGrid, UnavailableList } from './IndicatorCard';
import { fetchContractIndicators, useContractIndicators, type ContractIndicators, type IndicatorQuery } from './indicator-queries';
import { namesById, useInstitutions, useTeams } from './org-queries';

/** §3.6: the contract figures of the scope, coverage by key population, services by institution, and each signing institution (county scope) or each team (one institution) side by side. */
export function ContractSection({ query, comparison }: { query: IndicatorQuery; comparison: Comparison | null }) {
  const t = useMessages(dashboardMessages);
  const result = useContractIndicators(query);
  if (result.isPending) return <Loading />;
  if (result.isError) return <ProblemAlert error={result.error} />;
  const data = result.data;
  return (
    <Flex vertical gap={16}>
      <IndicatorGrid indicators={data.indicators} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}><TagCoverageChart data={data} /></Col>
        <Col xs={24} xl={12}><ServiceVolumeChart data={data} /></Col>
      </Row>
      {comparison && <ScopeComparison key={comparison.by} query={query} comparison={comparison} />}
      <UnavailableList items={data.unavailable} />
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t.noTargets}</Typography.Paragraph>
    </Flex>
  );
}

function TagCoverageChart({ data }: { data: ContractIndicators }) {
  const t = useMessages(dashboardMessages);
  const label = useLabel();
  const { language } = useLanguage();
  const rows = useMemo(() => data.breakdowns.keyPopulationByTag.filter((r) => r.denominator), [data]);
  const { option, summary } = useMemo(() => {
    const categories = rows.map((r) => label('population_tag', r.tag));
    const series: Series[] = [{ name: t.keyPopulationCoverage, data: rows.map((r) => r.rate) }];
    const format = (v: number | null) => (v == null ? t.noRate : percent(v, language));
    return { option: barOption({ categories, series, percent: true }), summary: chartSummary(t.byTag, categories, series, format) };
  }, [rows, label, t, language]);
  return (
    <ChartCard title={t.byTag}>
      {rows.length ? <Chart option={option} summary={summary} /> : <Typography.Text>{t.noData}</Typography.Text>}
    </ChartCard>
  );
}

function ServiceVolumeChart({ data }: { data: ContractIndicators }) {
  const t = useMessages(dashboardMessages);
  const rows = data.breakdowns.serviceVolume;
  const { option, summary } = useMemo(() => {
    const name = (i: { id: string; name: string | null }) => i.name ?? i.id;
    const signing = [...new Set(rows.map((r) => name(r.contractInstitution)))];
    const delivering = [...new Set(rows.map((r) => name(r.deliveringInstitution)))];
    const series: Series[] = delivering.map((d) => ({
      name: d,
      data: signing.map((s) => rows.filter((r) => name(r.contractInstitution) === s && name(r.deliveringInstitution) === d).reduce((n, r) => n + r.services, 0)),
    }));
    return {
      option: barOption({ categories: signing, series, stacked: true }),
      summary: chartSummary(t.serviceVolume, signing, series, (v) => String(v ?? 0)),
    };
  }, [rows, t]);
  return (
    <ChartCard title={t.serviceVolume}>
      {rows.length ? <Chart option={option} summary={summary} /> : <Typography.Text>{t.noData}</Typography.Text>}
    </ChartCard>
  );
}

const COMPARED = ['itemFulfilment', 'personFulfilment', 'renewalRate', 'renewalRateSameTeam'] as const;

/** What the county or an institution is compared across: its signing institutions, or its teams. */
export type Comparison = { by: 'institution' } | { by: 'team'; institutionId: string };

/** The figures of each institution with teams (county scope) or of each team of one institution, one request for each. */
function ScopeComparison({ query, comparison }: { query: IndicatorQuery; comparison: Comparison }) {
  const t = useMessages(dashboardMessages);
  const { language } = useLanguage();
  const teams = useTeams(comparison.by === 'team' ? comparison.institutionId : null);
  const institutions = useInstitutions(query.countyId);
  const names = namesById(institutions.data);
  const units = comparison.by === 'team'
    ? (teams.data ?? []).map((team) => ({ id: team.id, name: team.name, query: { ...query, teamId: team.id } }))
    : [...new Set((teams.data ?? []).map((team) => team.institutionId))].filter((id) => names.has(id))
      .map((id) => ({ id, name: names.get(id) ?? id, query: { ...query, institutionId: id } }));
  const results = useQueries({
    queries: units.map((unit) => ({
      queryKey: ['admin', 'indicators', 'contracts', unit.query, language],
      queryFn: () => fetchContractIndicators(unit.query),
    })),
  });
  const ready = results.length > 0 && results.every((r) => r.isSuccess);
  const failed = results.find((r) => r.isError);
  const rows = ready ? units.map((unit, i) => ({ id: unit.id, name: unit.name, data: results[i].data! })) : [];
  const title = comparison.by === 'team' ? t.byTeam : t.byInstitution;
  const { option, summary } = useMemo(() => {
    const categories = rows.map((r) => r.name);
    const series: Series[] = COMPARED.map((code) => ({ name: t[code], data: rows.map((r) => r.data.indicators[code].rate) }));
    const format = (v: number | null) => (v == null ? t.noRate : percent(v, language));
    return { option: barOption({ categories, series, percent: true }), summary: chartSummary(title, categories, series, format) };
  }, [ready, t, title, language, JSON.stringify(rows.map((r) => r.data.indicators))]);

  return (
    <ChartCard title={title}>
      <Typography.Paragraph>{comparison.by === 'team' ? t.byTeamHint : t.byInstitutionHint}</Typography.Paragraph>
      {failed && <ProblemAlert error={failed.error} />}
      {!ready && !failed && (teams.isPending || institutions.isPending || results.length > 0) && <Loading />}
      {!ready && !failed && teams.isSuccess && units.length === 0 && <Typography.Text>{t.noData}</Typography.Text>}
      {ready && (
        <Flex vertical gap={16}>
          <Chart option={option} summary={summary} height={320} />
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: comparison.by === 'team' ? t.team : t.institution, dataIndex: 'name' },
              { title: t.contracted, render: (_, r) => r.data.indicators.coverage.numerator },
              { title: t.keyContracted, render: (_, r) => r.data.indicators.keyPopulationCoverage.numerator },
              ...COMPARED.map((code) => ({
                title: t[code],
                render: (_: unknown, r: (typeof rows)[number]) => {
                  const v = r.data.indicators[code];
                  return `${v.rate == null ? t.noRate : percent(v.rate, language)} (${v.numerator} / ${v.denominator ?? t.noDenominator})`;
                },
              })),
            ]}
          />
        </Flex>
      )}
    </ChartCard>
  );
}
