import { useQuery } from '@tanstack/react-query';
import { Button, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { ProblemAlert } from '../../shell/problems';
import { StatusTag } from '../../shell/StatusTag';
import { formatDateTime } from '../desk/format';

const messages = defineMessages(
  {
    title: '已提供的服务', show: '查看服务记录', hide: '收起服务记录', none: '还没有服务记录。', by: (n: string) => `服务人员：${n}`,
    counted: '已计入履约', notCounted: '未计入', shared: '县域共享机构提供', more: '加载更多', loading: '正在加载…',
  },
  {
    title: 'Services delivered', show: 'Show service records', hide: 'Hide service records', none: 'No services recorded yet.', by: (n: string) => `By: ${n}`,
    counted: 'Counts', notCounted: 'Not counted', shared: 'Delivered by another institution of the county', more: 'Load more', loading: 'Loading…',
  },
);

/** The service records of a contract, newest first (GET /contracts/:id/services), opened on demand. */
export function DeliveredServices({ contractId }: { contractId: string }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const [open, setOpen] = useState(false);
  const [limit, setLimit] = useState(20);
  const query = useQuery({
    queryKey: ['me', 'contract-services', contractId, limit],
    queryFn: () => call(api.GET('/api/v1/contracts/{id}/services', { params: { path: { id: contractId }, query: { limit } } })),
    enabled: open,
  });
  return (
    <section>
      <Typography.Title level={4} style={{ fontSize: 15 }}>{t.title}</Typography.Title>
      <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open}>{open ? t.hide : t.show}</Button>
      {open && (
        <div style={{ marginTop: 8 }}>
          {query.isLoading && <Typography.Text>{t.loading}</Typography.Text>}
          {query.error && <ProblemAlert error={query.error} />}
          {query.data && query.data.items.length === 0 && <Typography.Text>{t.none}</Typography.Text>}
          {query.data && query.data.items.length > 0 && (
            <ul style={{ paddingInlineStart: 20, margin: 0 }}>
              {query.data.items.map((s) => (
                <li key={s.id} style={{ marginBottom: 6 }}>
                  <Typography.Text strong>{s.serviceItemName}</Typography.Text>
                  {' · '}{formatDateTime(s.deliveredAt, language)} · {label('service_modality', s.modality)}
                  {s.deliveredByName && <div>{t.by(s.deliveredByName)}{s.shared ? `（${t.shared}）` : ''}</div>}
                  <div>
                    {s.status === 'voided'
                      ? <Tag>{label('service_record_status', s.status)}</Tag>
                      : s.counted
                        ? <StatusTag tone="success">{t.counted}</StatusTag>
                        : <StatusTag tone="warning">{t.notCounted}：{label('not_counted_reason', s.notCountedReason)}</StatusTag>}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {query.data?.nextCursor && <Button size="small" onClick={() => setLimit(limit + 20)} style={{ marginTop: 8 }}>{t.more}</Button>}
        </div>
      )}
    </section>
  );
}
