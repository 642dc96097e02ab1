import { Card, Descriptions, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { formatDate, formatYuan } from './format';

type Deductible = components['schemas']['DeductibleView'];

const messages = defineMessages(
  {
    title: '连续计算起付线（估算）', due: '本次住院还需支付的起付线', basis: '计算依据', standard: '本级医院起付标准',
    before: '转诊链中已累计', after: '本次后累计', admittedOn: '入院日期', eligible: '医保可报销费用', chained: '接续的转诊单',
    open: '查看', notConfigured: '本县尚未设置此级别医院的起付标准，无法估算。',
  },
  {
    title: 'Continuous deductible (estimate)', due: 'Deductible still due for this stay', basis: 'Basis', standard: 'Standard deductible of this level',
    before: 'Credited earlier in the chain', after: 'Credited after this stay', admittedOn: 'Admitted on', eligible: 'Eligible cost', chained: 'Continues referral',
    open: 'Open', notConfigured: 'The county has set no deductible for this level of hospital: nothing is estimated.',
  },
);

/** The continuous deductible the API estimated at completion with an admission (domain.md §5.5), with its basis and note. */
export function DeductibleCard({ deductible }: { deductible: Deductible }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const d = deductible;
  return (
    <Card title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t.title}</Typography.Title>}>
      {d.due != null ? (
        <Statistic title={t.due} value={formatYuan(d.due, language)} />
      ) : (
        <Typography.Paragraph>{t.notConfigured}</Typography.Paragraph>
      )}
      <Descriptions
        size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 12 }}
        items={[
          { key: 'basis', label: t.basis, children: label('deductible_basis', d.basis) },
          { key: 'standard', label: t.standard, children: formatYuan(d.standard, language) },
          { key: 'before', label: t.before, children: formatYuan(d.creditedBefore, language) },
          { key: 'after', label: t.after, children: formatYuan(d.creditedAfter, language) },
          { key: 'admittedOn', label: t.admittedOn, children: formatDate(d.admittedOn) },
          { key: 'eligible', label: t.eligible, children: formatYuan(d.eligibleCost, language) },
          ...(d.chainedFromReferralId ? [{ key: 'chained', label: t.chained, children: <Link to={`/desk/referrals/${d.chainedFromReferralId}`}>{t.open}</Link> }] : []),
        ]}
      />
      <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 0 }}>{d.note}</Typography.Paragraph>
    </Card>
  );
}
