import { CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, SyncOutlined } from '@ant-design/icons';
import { defineMessages, useMessages } from '../i18n';
import { StatusTag, type Tone } from '../shell/StatusTag';
import type { OutboxStatus } from './outbox';

export const outboxStatusWords = defineMessages<Record<OutboxStatus, string>>(
  { pending: '待同步', syncing: '同步中', synced: '已同步', refused: '被拒绝' },
  { pending: 'Waiting to sync', syncing: 'Syncing', synced: 'Synced', refused: 'Refused' },
);

const ICON = { pending: <ClockCircleOutlined />, syncing: <SyncOutlined spin />, synced: <CheckCircleOutlined />, refused: <CloseCircleOutlined /> };
const TONE: Record<OutboxStatus, Tone> = { pending: 'warning', syncing: 'info', synced: 'success', refused: 'danger' };

/**
 * Where a record of this device stands, as icon and words (never colour alone); `live` announces changes to screen
 * readers (the screen that just saved it).
 */
export function OutboxStatusTag({ status, live = false }: { status: OutboxStatus; live?: boolean }) {
  const t = useMessages(outboxStatusWords);
  return <StatusTag tone={TONE[status]} icon={ICON[status]} data-status={status} role={live ? 'status' : undefined}>{t[status]}</StatusTag>;
}
