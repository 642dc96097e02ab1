import { Timeline, Typography } from 'antd';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { formatDateTime, formatYuan } from './format';

type ReferralEvent = components['schemas']['ReferralEventView'];

const messages = defineMessages(
  {
    by: (who: string) => `操作人：${who}`, system: '系统自动', note: '备注：', appointment: '预约时间：', admitted: '收住院',
    notAdmitted: '未收住院', due: '起付线估算应付：', basis: '计算依据：', fields: '修改内容：', arriveBy: '最晚到诊日：', empty: '暂无记录', create: '创建',
  },
  {
    by: (who: string) => `By: ${who}`, system: 'The system', note: 'Note: ', appointment: 'Appointment: ', admitted: 'Admitted',
    notAdmitted: 'Not admitted', due: 'Estimated deductible due: ', basis: 'Basis: ', fields: 'Changed: ', arriveBy: 'Arrive by: ', empty: 'No history yet', create: 'Created',
  },
);

/** The steps of a referral, oldest first (ReferralEventView): what was done, by which role, when, with its note and facts. */
export function ReferralHistory({ events }: { events: ReferralEvent[] }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  if (events.length === 0) return <Typography.Text>{t.empty}</Typography.Text>;
  return (
    <Timeline
      items={events.map((e) => {
        const data = e.data ?? {};
        const facts: string[] = [];
        if (typeof data.appointmentAt === 'string') facts.push(`${t.appointment}${formatDateTime(data.appointmentAt, language)}`);
        if (typeof data.admitted === 'boolean') facts.push(data.admitted ? t.admitted : t.notAdmitted);
        if (typeof data.deductibleDueFen === 'number') facts.push(`${t.due}${formatYuan(data.deductibleDueFen / 100, language)}`);
        if (typeof data.deductibleBasis === 'string') facts.push(`${t.basis}${label('deductible_basis', data.deductibleBasis)}`);
        if (typeof data.fields === 'string') facts.push(`${t.fields}${data.fields}`);
        if (typeof data.arriveBy === 'string') facts.push(`${t.arriveBy}${data.arriveBy}`);
        const who = e.actorId ? (e.actorRole ? label('role', e.actorRole) : '') : t.system;
        return {
          key: e.id,
          color: e.action === 'reject' || e.action === 'cancel' || e.action === 'expire' ? 'red' : e.action === 'complete' ? 'green' : 'blue',
          title: formatDateTime(e.at, language),
          content: (
            <div>
              <Typography.Text strong>{e.action === 'create' && label('referral_action', 'create') === 'create' ? t.create : label('referral_action', e.action)}</Typography.Text>
              <Typography.Text>{'　'}{e.from ? `${label('referral_status', e.from)} → ` : ''}{label('referral_status', e.to)}</Typography.Text>
              {who && <div>{t.by(who)}</div>}
              {facts.map((f) => <div key={f}>{f}</div>)}
              {e.note && <div>{t.note}{e.note}</div>}
            </div>
          ),
        };
      })}
    />
  );
}
