import { Col, Descriptions, Flex, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { Chart } from './Chart';
import { ChartCard } from './ChartCard';
import { barOption, chartSummary, type Series } from './chart-options';
import { dashboardMessages } from './dashboard-messages';
import { number } from './format';
import { IndicatorGrid, UnavailableList } from './IndicatorCard';
import { useReferralIndicators, type IndicatorQuery } from './indicator-queries';

const FLOW = ['submitted', 'answeredInTime', 'undecided', 'arrived', 'completed'] as const;

/** §5.6: the referral figures, the flows by direction and the continuous-deductible totals. */
export function ReferralSection({ query }: { query: IndicatorQuery }) {
  const t = useMessages(dashboardMessages);
  const label = useLabel();
  const { language } = useLanguage();
  const result = useReferralIndicators(query);
  const data = result.data;
  const chart = useMemo(() => {
    if (!data) return null;
    const rows = data.breakdowns.byDirection;
    const categories = rows.map((r) => label('referral_direction', r.direction));
    const series: Series[] = FLOW.map((k) => ({ name: t[k], data: rows.map((r) => r[k]) }));
    return { categories, option: barOption({ categories, series }), summary: chartSummary(t.byDirection, categories, series, (v) => String(v ?? 0)) };
  }, [data, t, label]);
  if (result.isPending) return <Loading />;
  if (result.isError) return <ProblemAlert error={result.error} />;
  const d = data!.breakdowns.continuousDeductible;
  const yuan = (v: number) => number(v, language);
  return (
    <Flex vertical gap={16}>
      <IndicatorGrid indicators={data!.indicators} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ChartCard title={t.byDirection}>
            {chart!.categories.length ? <Chart option={chart!.option} summary={chart!.summary} /> : <Typography.Text>{t.noData}</Typography.Text>}
          </ChartCard>
        </Col>
        <Col xs={24} xl={10}>
          <ChartCard title={t.deductible}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t.admittedReferrals}>{d.admittedReferrals}</Descriptions.Item>
              <Descriptions.Item label={t.standardYuan}>{yuan(d.standardYuan)}</Descriptions.Item>
              <Descriptions.Item label={t.dueYuan}>{yuan(d.dueYuan)}</Descriptions.Item>
              <Descriptions.Item label={t.relievedYuan}>{yuan(d.relievedYuan)}</Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{d.note}</Typography.Paragraph>
          </ChartCard>
        </Col>
      </Row>
      <UnavailableList items={data!.unavailable} />
    </Flex>
  );
}
