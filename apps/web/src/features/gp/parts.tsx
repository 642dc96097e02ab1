import { Alert, Typography } from 'antd';
import type { ReactNode } from 'react';
import { defineMessages, useLabel, useMessages } from '../../i18n';

const messages = defineMessages(
  {
    offline: (at: string) => `离线，数据更新于 ${at}`,
    age: (n: number) => `${n}岁`,
  },
  {
    offline: (at: string) => `Offline, data as of ${at}`,
    age: (n: number) => `${n} y`,
  },
);

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:mm today, MM-DD HH:mm another day (the device's clock and zone). */
export function clockTime(iso: string): string {
  const d = new Date(iso);
  const now = new Date();
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.toDateString() === now.toDateString() ? time : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/** YYYY-MM-DD HH:mm in the device's zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A cached read shown from the device: says so, with the time the API last gave it. */
export function OfflineNote({ data }: { data: { offline: boolean; savedAt: string } | undefined }) {
  const t = useMessages(messages);
  if (!data?.offline) return null;
  return <Alert type="warning" showIcon role="status" title={t.offline(clockTime(data.savedAt))} style={{ marginBottom: 12 }} />;
}

/** 张*（女，80岁）: a masked resident brief as the API gives it. */
export function ResidentName({ resident }: { resident?: { name: string; sex: string; age: number } | null }) {
  const t = useMessages(messages);
  const label = useLabel();
  if (!resident) return null;
  return (
    <span>
      <Typography.Text strong>{resident.name}</Typography.Text>
      {'（'}{label('sex', resident.sex)}{'，'}{t.age(resident.age)}{'）'}
    </span>
  );
}

/** The screen's title (h2) with an optional line under it. */
export function ScreenTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Typography.Title level={2} style={{ marginTop: 0, marginBottom: extra ? 4 : 0, fontSize: 22 }}>{children}</Typography.Title>
      {extra}
    </div>
  );
}

/** A plain list of cards (ul/li: screen readers announce the count). */
export function CardList({ children, label }: { children: ReactNode; label?: string }) {
  return <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>{children}</ul>;
}

