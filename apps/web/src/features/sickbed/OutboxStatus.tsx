import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { defineMessages, useMessages } from '../../i18n';
import type { OutboxStatus } from '../../offline/outbox';

export const outboxStatusWords = defineMessages<Record<OutboxStatus, string>>(
  { pending: '待同步', syncing: '同步中', synced: '已同步', refused: '被拒绝' },
  { pending: 'Waiting to sync', syncing: 'Syncing', synced: 'Synced', refused: 'Refused' },
);

const ICON = { pending: <ClockCircleOutlined />, syncing: <SyncOutlined spin />, synced: <CheckCircleOutlined />, refused: <CloseCircleOutlined /> };
const COLOR = { pending: 'warning', syncing: 'processing', synced: 'success', refused: 'error' } as const;

/** Where a record of this device stands: icon and words (never colour alone). */
export function OutboxStatusTag({ status }: { status: OutboxStatus }) {
  const t = useMessages(outboxStatusWords);
  return <Tag color={COLOR[status]} icon={ICON[status]} data-status={status}>{t[status]}</Tag>;
}
