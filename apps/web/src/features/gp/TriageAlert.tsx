import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Typography } from 'antd';
import { api, call } from '../../api/client';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useProblemText } from '../../shell/problems';
import type { RedFlag, Urgency } from '../../referrals/priority';
import { UrgentSignList } from '../../referrals/triage';

const messages = defineMessages(
  {
    suggested: '建议按绿色通道（危急）转诊', staleOnly: '居民曾有读数达到急转标准，但已超过 72 小时，不作提示，请重新测量',
    readings: '最近读数达到急转标准：', flagged: (flags: string) => `已勾选急症指征：${flags}。有急症指征即建议走绿色通道。`,
    button: '按绿色通道转诊', chosen: (u: string) => `已选择：${u}`, failed: (why: string) => `未能读取居民最近的血压、血糖：${why}`,
  },
  {
    suggested: 'Refer on the green channel (emergent)', staleOnly: 'A reading met an urgent trigger, but it is older than 72 hours: it suggests nothing; measure again',
    readings: 'Latest readings meeting an urgent trigger:', flagged: (flags: string) => `Red flags ticked: ${flags}. A red flag suggests the green channel.`,
    button: 'Refer on the green channel', chosen: (u: string) => `Chosen: ${u}`, failed: (why: string) => `The resident's latest blood pressure and glucose could not be read: ${why}`,
  },
);

interface Props {
  residentId: string;
  /** Ticked on the form */
  redFlags: RedFlag[];
  /** Chosen on the form */
  urgency: Urgency | undefined;
  onGreenChannel(): void;
}

/**
 * Before referring: the resident's latest readings that meet an urgent trigger (GET /referrals/urgent-signs, the API's
 * thresholds and 72-hour rule, not re-implemented here) and the red flags ticked; when either suggests the green
 * channel, a warning with the button that chooses it.
 */
export function TriageAlert({ residentId, redFlags, urgency, onGreenChannel }: Props) {
  const t = useMessages(messages);
  const label = useLabel();
  const problemText = useProblemText();
  const query = useQuery({
    queryKey: ['urgent-signs', residentId],
    queryFn: () => call(api.GET('/api/v1/referrals/urgent-signs', { params: { query: { residentId } } })),
  });
  if (query.isError) return <Alert type="info" showIcon title={t.failed(problemText(query.error))} style={{ marginBottom: 16 }} />;
  const signs = query.data?.signs ?? [];
  if (!signs.length && !redFlags.length) return null;
  const suggested = query.data?.suggestedUrgency === 'emergent' || redFlags.length > 0;
  return (
    <Alert
      type={suggested ? 'warning' : 'info'} showIcon data-testid="urgent-signs" style={{ marginBottom: 16 }}
      title={suggested ? t.suggested : t.staleOnly}
      description={(
        <>
          {signs.length > 0 && <><Typography.Text>{t.readings}</Typography.Text><UrgentSignList signs={signs} /></>}
          {redFlags.length > 0 && <Typography.Paragraph style={{ margin: signs.length ? '8px 0 0' : 0 }}>{t.flagged(redFlags.map((f) => label('urgent_sign', f)).join('、'))}</Typography.Paragraph>}
          {suggested && (urgency === 'emergent'
            ? <Typography.Paragraph strong style={{ margin: '8px 0 0' }}>{t.chosen(label('referral_urgency', 'emergent'))}</Typography.Paragraph>
            : <Button danger style={{ marginTop: 8 }} onClick={onGreenChannel}>{t.button}</Button>)}
        </>
      )}
    />
  );
}
