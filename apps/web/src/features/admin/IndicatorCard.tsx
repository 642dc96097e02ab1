import { Card, Col, List, Row, Typography } from 'antd';
import { useLabel, useLanguage, useMessages } from '../../i18n';
import { dashboardMessages, indicatorName } from './dashboard-messages';
import { number, percent } from './format';
import type { IndicatorValue } from './indicator-queries';

/** The headline of a figure: a percentage, a ratio, days, or the count itself; null when it has no rate. */
export function figureText(value: IndicatorValue, language: 'zh-CN' | 'en', days: (n: string) => string): string | null {
  if (value.unit === 'count') return number(value.numerator, language, 0);
  if (value.rate === null) return null;
  if (value.unit === 'proportion') return percent(value.rate, language);
  if (value.unit === 'days') return days(number(value.rate, language));
  return number(value.rate, language, 4);
}

/** One indicator: its name, the rate, numerator / denominator in words, the unit and how it is made. */
export function IndicatorCard({ code, value }: { code: string; value: IndicatorValue }) {
  const t = useMessages(dashboardMessages);
  const { language } = useLanguage();
  const label = useLabel();
  const name = indicatorName(t, code);
  const headline = figureText(value, language, t.days);
  return (
    <Card size="small" role="group" aria-label={name} style={{ height: '100%' }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{name}</Typography.Title>
      <Typography.Text strong style={{ fontSize: 28, display: 'block' }}>{headline ?? t.noRate}</Typography.Text>
      {value.unit !== 'count' && (
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          <span data-fraction="">{value.numerator} / {value.denominator ?? t.noDenominator}</span>{t.fraction}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t.unitLine(label('indicator_unit', value.unit))}</Typography.Paragraph>
      {value.note && <Typography.Paragraph style={{ marginBottom: 0, color: 'rgba(0,0,0,0.65)' }}>{value.note}</Typography.Paragraph>}
    </Card>
  );
}

/** A row of indicator cards, in the order the API lists them. */
export function IndicatorGrid({ indicators }: { indicators: Record<string, IndicatorValue> }) {
  return (
    <Row gutter={[16, 16]}>
      {Object.entries(indicators).map(([code, value]) => (
        <Col key={code} xs={24} sm={12} lg={8} xl={6}>
          <IndicatorCard code={code} value={value} />
        </Col>
      ))}
    </Row>
  );
}

/** The indicators the API cannot compute, each with its reason. */
export function UnavailableList({ items }: { items: { name: string; reason: string }[] }) {
  const t = useMessages(dashboardMessages);
  if (!items.length) return null;
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ margin: 0 }}>{t.unavailable}</Typography.Title>}>
      <Typography.Paragraph>{t.unavailableHint}</Typography.Paragraph>
      <List
        size="small"
        dataSource={items}
        renderItem={(item) => (
          <List.Item>
            <Typography.Text><Typography.Text strong>{indicatorName(t, item.name)}</Typography.Text>{t.colon}{item.reason}</Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
