import { Col, Flex, Row, Typography } from 'antd';
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
import { useSickbedIndicators, type IndicatorQuery } from './indicator-queries';

/** §4.4: the household-sickbed figures, beds opened by institution and bed type, and the outcome mix. */
export function SickbedSection({ query }: { query: IndicatorQuery }) {
  const t = useMessages(dashboardMessages);
  const label = useLabel();
  const { language } = useLanguage();
  const result = useSickbedIndicators(query);
  const data = result.data;
  const charts = useMemo(() => {
    if (!data) return null;
    const b = data.breakdowns;
    const count = (v: number | null) => String(v ?? 0);
    const byInstitution = { categories: b.openedByInstitution.map((r) => r.institution.name ?? r.institution.id), series: [{ name: t.beds, data: b.openedByInstitution.map((r) => r.beds) }] as Series[] };
    const byType = { categories: b.openedByBedType.map((r) => label('bed_type', r.bedType)), series: [{ name: t.beds, data: b.openedByBedType.map((r) => r.beds) }] as Series[] };
    const outcomes = { categories: b.outcomeMix.map((r) => label('closure_outcome', r.outcome)), series: [{ name: t.outcomeMix, data: b.outcomeMix.map((r) => r.rate) }] as Series[] };
    return {
      byInstitution: { ...byInstitution, option: barOption(byInstitution), summary: chartSummary(t.bedsByInstitution, byInstitution.categories, byInstitution.series, count) },
      byType: { ...byType, option: barOption(byType), summary: chartSummary(t.bedsByType, byType.categories, byType.series, count) },
      outcomes: {
        ...outcomes,
        option: barOption({ ...outcomes, percent: true, horizontal: true }),
        summary: chartSummary(t.outcomeMix, outcomes.categories, outcomes.series, (v) => (v == null ? t.noRate : percent(v, language))),
      },
    };
  }, [data, t, label, language]);
  if (result.isPending) return <Loading />;
  if (result.isError) return <ProblemAlert error={result.error} />;
  const c = charts!;
  const empty = <Typography.Text>{t.noData}</Typography.Text>;
  const hasOutcomes = data!.breakdowns.outcomeMix.some((r) => r.denominator);
  return (
    <Flex vertical gap={16}>
      <IndicatorGrid indicators={data!.indicators} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}><ChartCard title={t.bedsByInstitution}>{c.byInstitution.categories.length ? <Chart option={c.byInstitution.option} summary={c.byInstitution.summary} /> : empty}</ChartCard></Col>
        <Col xs={24} xl={8}><ChartCard title={t.bedsByType}>{c.byType.categories.length ? <Chart option={c.byType.option} summary={c.byType.summary} /> : empty}</ChartCard></Col>
        <Col xs={24} xl={8}><ChartCard title={t.outcomeMix}>{hasOutcomes ? <Chart option={c.outcomes.option} summary={c.outcomes.summary} /> : empty}</ChartCard></Col>
      </Row>
      <UnavailableList items={data!.unavailable} />
    </Flex>
  );
}
