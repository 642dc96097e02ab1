import { CalendarOutlined, ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { StatusTag, type Tone } from '../../shell/StatusTag';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { formatDate, formatDateTime } from './format';
import type { RoundDue, SickbedStatus } from './queries';

const messages = defineMessages(
  { next: '下次', last: '上次', none: '尚无记录', notDue: '当前不排期' },
  { next: 'Next', last: 'Last', none: 'none yet', notDue: 'not scheduled now' },
);

const DUE_ICON = { overdue: <ExclamationCircleOutlined />, today: <ClockCircleOutlined />, upcoming: <CalendarOutlined /> };
const DUE_TONE: Record<NonNullable<RoundDue['dueState']>, Tone> = { overdue: 'danger', today: 'warning', upcoming: 'neutral' };

/** Overdue / due today / upcoming: icon and words, never colour alone. */
export function DueTag({ state }: { state: RoundDue['dueState'] }) {
  const label = useLabel();
  if (!state) return null;
  return <StatusTag tone={DUE_TONE[state]} icon={DUE_ICON[state]}>{label('round_due_state', state)}</StatusTag>;
}

const STATUS_TONE: Partial<Record<SickbedStatus, Tone>> = { active: 'info', closing: 'warning', closed: 'neutral', rejected: 'danger', cancelled: 'neutral' };

export function SickbedStatusTag({ status }: { status: SickbedStatus }) {
  const label = useLabel();
  return <StatusTag tone={STATUS_TONE[status] ?? 'info'}>{label('sickbed_status', status)}</StatusTag>;
}

/** The next doctor round and nurse visit of an episode: kind, due day, due state; with `detail`, the last one too. */
export function ScheduleLines({ schedule, detail = false }: { schedule: RoundDue[]; detail?: boolean }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const sorted = [...schedule].sort((a, b) => a.kind.localeCompare(b.kind));
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      {sorted.map((due) => (
        <div key={due.kind}>
          <Typography.Text strong>{label('round_kind', due.kind)}</Typography.Text>{' '}
          {due.nextDueDate ? (
            <>
              <Typography.Text>{t.next} {formatDate(due.nextDueDate)}</Typography.Text> <DueTag state={due.dueState ?? null} />
            </>
          ) : (
            <Typography.Text>{t.notDue}</Typography.Text>
          )}
          {detail && (
            <div>
              <Typography.Text>{t.last}: {due.lastRoundAt ? formatDateTime(due.lastRoundAt, language) : t.none}</Typography.Text>
            </div>
          )}
        </div>
      ))}
    </Space>
  );
}
