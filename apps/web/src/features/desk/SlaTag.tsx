import { Space, Typography } from 'antd';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { formatDateTime, formatDuration } from './format';
import { StatusTag } from '../../shell/StatusTag';
import { liveSla, SLA_TONE } from './sla';

type Referral = components['schemas']['ReferralView'];

const messages = defineMessages(
  {
    left: (d: string) => `剩余 ${d}`,
    overdue: (d: string) => `逾期 ${d}`,
    due: (t: string) => `答复时限 ${t}`,
    none: '未提交',
  },
  {
    left: (d: string) => `${d} left`,
    overdue: (d: string) => `${d} overdue`,
    due: (t: string) => `Reply by ${t}`,
    none: 'Not submitted',
  },
);

/** The reply limit of a referral: its state as colour and words, and the time left or overdue while the clock runs. */
export function SlaTag({ referral, now, showDeadline = false }: { referral: Pick<Referral, 'sla' | 'status' | 'submittedAt'>; now: number; showDeadline?: boolean }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const sla = liveSla(referral, now);
  if (!sla) return <Typography.Text>{t.none}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <Space size={4} wrap>
        <StatusTag tone={SLA_TONE[sla.state]}>{label('referral_sla_state', sla.state)}</StatusTag>
        {sla.left !== null && (
          <Typography.Text strong={sla.left < 0} data-testid="sla-time">
            {sla.left >= 0 ? t.left(formatDuration(sla.left, language)) : t.overdue(formatDuration(sla.left, language))}
          </Typography.Text>
        )}
      </Space>
      {showDeadline && <Typography.Text>{t.due(formatDateTime(sla.deadline, language))}</Typography.Text>}
    </Space>
  );
}
