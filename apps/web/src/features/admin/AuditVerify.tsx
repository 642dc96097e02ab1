import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { api, call } from '../../api/client';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { ProblemAlert } from '../../shell/problems';

const messages = defineMessages(
  {
    title: '审计链校验', run: '校验审计链', explain: '封存 2 秒前的事件，并从最近归档的月份起重新计算数据库中的哈希链。',
    intact: '审计链完整：未发现篡改。', broken: '审计链已断裂：发现不一致。', sealed: '已校验的封存事件', pending: '尚未封存的事件（最近几秒）',
    archived: '已归档至', archivedValue: (month: string, index: number) => `${month}（链位置 ${index}）`, notArchived: '无归档',
    position: '断点链位置', reason: '原因', first: '该批首个事件', last: '该批最后事件', none: '—',
  },
  {
    title: 'Audit chain verification', run: 'Verify the audit chain', explain: 'Seals the events older than 2 seconds and recomputes the hash chain stored in the database from the last archived month.',
    intact: 'The audit chain is intact: nothing was altered.', broken: 'The audit chain is broken: a mismatch was found.', sealed: 'Sealed events verified', pending: 'Events not sealed yet (the last seconds)',
    archived: 'Archived through', archivedValue: (month: string, index: number) => `${month} (chain index ${index})`, notArchived: 'Nothing archived',
    position: 'Chain index of the break', reason: 'Reason', first: 'First event of the batch', last: 'Last event of the batch', none: '—',
  },
);

/** GET /audit-events/verify (system admin), its answer in plain words. */
export function AuditVerify() {
  const t = useMessages(messages);
  const label = useLabel();
  const verify = useMutation({ mutationFn: () => call(api.GET('/api/v1/audit-events/verify')) });
  const r = verify.data;
  return (
    <Card size="small" title={<Typography.Title level={3} style={{ margin: 0 }}>{t.title}</Typography.Title>}>
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{t.explain}</Typography.Paragraph>
        <div><Button type="primary" onClick={() => verify.mutate()} loading={verify.isPending}>{t.run}</Button></div>
        {verify.isError && <ProblemAlert error={verify.error} />}
        {r && (
          <div role="status">
            <Alert type={r.intact ? 'success' : 'error'} showIcon title={r.intact ? t.intact : t.broken} />
            <Descriptions column={2} size="small" bordered style={{ marginTop: 12 }}>
              <Descriptions.Item label={t.sealed}>{r.sealed}</Descriptions.Item>
              <Descriptions.Item label={t.pending}>{r.pending}</Descriptions.Item>
              <Descriptions.Item label={t.archived} span={2}>{r.archivedThrough ? t.archivedValue(r.archivedThrough.month, r.archivedThrough.chainIndex) : t.notArchived}</Descriptions.Item>
              {r.firstBreak && (
                <>
                  <Descriptions.Item label={t.reason} span={2}>{label('chain_break_reason', r.firstBreak.reason)}（{r.firstBreak.reason}）</Descriptions.Item>
                  <Descriptions.Item label={t.position} span={2}>{r.firstBreak.chainIndex}</Descriptions.Item>
                  <Descriptions.Item label={t.first}>{r.firstBreak.firstEventId ?? t.none}</Descriptions.Item>
                  <Descriptions.Item label={t.last}>{r.firstBreak.lastEventId ?? t.none}</Descriptions.Item>
                </>
              )}
            </Descriptions>
          </div>
        )}
      </Flex>
    </Card>
  );
}
