import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useUser } from '../../auth/session';
import { defineMessages, useLanguage, useMessages } from '../../i18n';
import { dismiss, replay, useOutbox, type OutboxEntry } from '../../offline/outbox';
import { useOnline } from '../../shell/AppShell';
import { formatDateTime } from './format';
import { OutboxStatusTag } from '../../offline/OutboxStatusTag';

const messages = defineMessages(
  {
    title: '待同步记录', intro: '在本机记录的服务和查房先保存在这里，联网后自动发送到服务器。', empty: '本机没有记录',
    sendNow: '立即发送', offline: '当前离线：联网后会自动发送。', recorded: '记录于', synced: '同步于', attempts: (n: number) => `已尝试 ${n} 次`,
    refused: '服务器拒绝', lastProblem: '上次发送未成功', dismiss: '移除', dismissConfirm: '从本机移除这条被拒绝的记录？它不会再被发送。',
    yes: '移除', no: '保留', open: '打开相关页面', service: '服务记录', round: '查床/护理', pending: (n: number) => `${n} 条待发送`,
  },
  {
    title: 'Records on this device', intro: 'Services and rounds recorded on this device wait here and are sent to the server when the network is there.',
    empty: 'No record on this device', sendNow: 'Send now', offline: 'Offline: they are sent when the network is back.', recorded: 'Recorded',
    synced: 'Synced', attempts: (n: number) => `${n} attempts`, refused: 'Refused by the server', lastProblem: 'The last attempt failed',
    dismiss: 'Dismiss', dismissConfirm: 'Remove this refused record from the device? It will not be sent again.', yes: 'Remove', no: 'Keep',
    open: 'Open its screen', service: 'Service', round: 'Round or visit', pending: (n: number) => `${n} waiting`,
  },
);

function EntryCard({ entry }: { entry: OutboxEntry }) {
  const t = useMessages(messages);
  const { language } = useLanguage();
  return (
    <Card size="small">
      <Flex justify="space-between" align="start" gap="small">
        <div>
          <Typography.Text strong>{entry.summary}</Typography.Text>
          <div>{entry.kind === 'round' ? t.round : t.service}</div>
        </div>
        <OutboxStatusTag status={entry.status} />
      </Flex>
      <div>{t.recorded}: {formatDateTime(entry.createdAt, language)}</div>
      {entry.syncedAt && entry.status === 'synced' && <div>{t.synced}: {formatDateTime(entry.syncedAt, language)}</div>}
      {entry.status === 'refused' && entry.problem && (
        <Alert style={{ marginTop: 8 }} type="error" showIcon title={`${t.refused}：${entry.problem.title}`} description={entry.problem.detail || undefined} />
      )}
      {entry.status === 'pending' && entry.problem && (
        <Alert style={{ marginTop: 8 }} type="warning" showIcon title={`${t.lastProblem}：${entry.problem.title}`} description={`${entry.problem.detail ?? ''} ${t.attempts(entry.attempts)}`.trim()} />
      )}
      {entry.status === 'refused' && (
        <Flex wrap gap="small" style={{ marginTop: 8 }} align="center">
          <Link to={entry.screen}>{t.open}</Link>
          <Popconfirm title={t.dismissConfirm} okText={t.yes} cancelText={t.no} okButtonProps={{ danger: true }} onConfirm={() => dismiss(entry.id)}>
            <Button danger size="small">{t.dismiss}</Button>
          </Popconfirm>
        </Flex>
      )}
    </Card>
  );
}

/** /sickbeds/outbox: every service and round recorded on this device by the user, newest first, and where each stands. */
export function OutboxPage() {
  const t = useMessages(messages);
  const user = useUser();
  const entries = useOutbox(user.id);
  const online = useOnline();
  const [sending, setSending] = useState(false);
  const waiting = entries.filter((e) => e.status === 'pending' || e.status === 'syncing').length;

  const sendNow = async () => {
    setSending(true);
    try {
      await replay();
    } finally {
      setSending(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t.intro}</Typography.Paragraph>
      <Flex wrap gap="small" align="center">
        <Button type="primary" icon={<SendOutlined />} loading={sending} disabled={waiting === 0} onClick={() => void sendNow()}>{t.sendNow}</Button>
        {waiting > 0 && <Typography.Text>{t.pending(waiting)}</Typography.Text>}
      </Flex>
      {!online && <Alert type="warning" showIcon title={t.offline} />}
      {entries.length === 0 ? <Empty description={t.empty} /> : (
        <ul aria-label={t.title} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }}>
          {entries.map((e) => <li key={e.id} data-entry-id={e.id}><EntryCard entry={e} /></li>)}
        </ul>
      )}
    </Space>
  );
}
