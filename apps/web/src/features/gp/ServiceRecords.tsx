import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { ApiProblem } from '../../api/problem';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { dismiss, type OutboxEntry } from '../../offline/outbox';
import { OutboxStatusTag } from '../../offline/OutboxStatusTag';
import { useProblemText } from '../../shell/problems';
import { CardList, dateTime } from './parts';
import { StatusTag } from '../../shell/StatusTag';
import type { ServiceRecord } from './queries';
import { SERVICE_MEASURES, SERVICE_RANGES } from '../../clinical/vitals';

const messages = defineMessages(
  {
    records: '服务记录', none: '还没有服务记录', counted: '计入履约', notCounted: '不计入履约',
    by: (name: string) => `服务人：${name}`, shared: '跨机构服务', voided: (reason: string) => `已作废：${reason}`,
    device: '本机记录', dismiss: '知道了，移除',
    recordedAt: (at: string) => `记录于 ${at}`,
  },
  {
    records: 'Service records', none: 'No service recorded yet', counted: 'Counts', notCounted: 'Does not count',
    by: (name: string) => `By ${name}`, shared: 'Delivered by another institution', voided: (reason: string) => `Voided: ${reason}`,
    device: 'Recorded on this device', dismiss: 'Remove',
    recordedAt: (at: string) => `Recorded ${at}`,
  },
);

/** "收缩压（mmHg） 138 · 舒张压（mmHg） 86" from a record's payload. */
export function useMeasuresText(): (payload: Partial<Record<string, number>> | null | undefined) => string {
  const label = useLabel();
  return (payload) => {
    if (!payload) return '';
    return SERVICE_MEASURES.filter((m) => typeof payload[m] === 'number')
      .map((m) => {
        const name = label('required_data', m);
        // the dictionary's label names the unit; the raw code does not
        return name === m ? `${m} ${payload[m]} ${SERVICE_RANGES[m].unit}` : `${name} ${payload[m]}`;
      })
      .join(' · ');
  };
}

/** The contract's service records (GET /contracts/:id/services), newest first, with whether each counts and why not. */
export function ServiceRecords({ records }: { records: ServiceRecord[] }) {
  const t = useMessages(messages);
  const label = useLabel();
  const measures = useMeasuresText();
  if (records.length === 0) return <Empty description={t.none} />;
  return (
    <CardList label={t.records}>
      {records.map((r) => (
        <li key={r.id} data-testid="service-record">
          <Card size="small">
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong>{r.serviceItemName}</Typography.Text>
              <StatusTag tone={r.counted ? 'success' : 'neutral'}>{r.counted ? t.counted : t.notCounted}</StatusTag>
            </Flex>
            <div><Typography.Text>{dateTime(r.deliveredAt)}{' · '}{label('service_modality', r.modality)}</Typography.Text></div>
            {r.payload && <div><Typography.Text>{measures(r.payload)}</Typography.Text></div>}
            {!r.counted && r.notCountedReason && <div><Typography.Text>{t.notCounted}：{label('not_counted_reason', r.notCountedReason)}</Typography.Text></div>}
            {r.status === 'voided' && <div><Typography.Text>{t.voided(r.voidReason ?? '')}</Typography.Text></div>}
            <div>
              <Typography.Text>{t.by(r.deliveredByName)}</Typography.Text>
              {r.shared && <Tag style={{ marginInlineStart: 8 }}>{t.shared}</Tag>}
            </div>
            {r.notes && <Typography.Paragraph style={{ marginBottom: 0 }}>{r.notes}</Typography.Paragraph>}
          </Card>
        </li>
      ))}
    </CardList>
  );
}

export function OutboxStatus({ entry }: { entry: OutboxEntry }) {
  return <OutboxStatusTag status={entry.status} live />;
}

/** Services recorded on this device for the contract: pending, synced, or refused with the API's reason. */
export function DeviceRecords({ entries }: { entries: OutboxEntry[] }) {
  const t = useMessages(messages);
  const problemText = useProblemText();
  const measures = useMeasuresText();
  if (entries.length === 0) return null;
  return (
    <CardList label={t.device}>
      {entries.map((e) => (
        <li key={e.id} data-testid="device-record">
          <Card size="small">
            <Flex justify="space-between" gap={8}>
              <Typography.Text strong>{e.summary}</Typography.Text>
              <OutboxStatus entry={e} />
            </Flex>
            <div><Typography.Text>{t.recordedAt(dateTime(e.createdAt))}</Typography.Text></div>
            {e.body.payload ? <div><Typography.Text>{measures(e.body.payload as Record<string, number>)}</Typography.Text></div> : null}
            {e.status === 'refused' && e.problem && (
              <>
                <Typography.Paragraph role="alert" style={{ marginBottom: 4 }}>{problemText(new ApiProblem(e.problem))}</Typography.Paragraph>
                <Button size="small" onClick={() => void dismiss(e.id)}>{t.dismiss}</Button>
              </>
            )}
          </Card>
        </li>
      ))}
    </CardList>
  );
}
