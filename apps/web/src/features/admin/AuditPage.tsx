import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { ProblemAlert } from '../../shell/problems';
import { AuditVerify } from './AuditVerify';
import { dateTime, nextDay, startOfCountyDay } from './format';
import { keys } from './org-queries';
import { Pager } from './Pager';
import { useCursorPages } from './use-cursor-pages';

type AuditEvent = components['schemas']['AuditEventView'];
interface Filters { residentId?: string; actorId?: string; from?: string; to?: string }

const messages = defineMessages(
  {
    title: '审计日志', residentId: '居民 ID', actorId: '操作人 ID', from: '开始日期', to: '截止日期（含）', search: '查询', clear: '清除',
    at: '时间', actor: '操作人', action: '动作', resource: '对象', residents: '涉及居民', purpose: '目的', outcome: '结果', detail: '详情',
    scopeAll: '全部县的事件，最新在前。', scopeCounty: '本县的事件，最新在前。查看日志本身也会被记录。', count: (n: number) => `${n} 人`, none: '—',
    empty: '没有符合条件的事件', system: '系统',
  },
  {
    title: 'Audit log', residentId: 'Resident ID', actorId: 'Actor ID', from: 'From', to: 'To (inclusive)', search: 'Search', clear: 'Clear',
    at: 'When', actor: 'Who', action: 'Action', resource: 'Record', residents: 'Residents', purpose: 'Purpose', outcome: 'Outcome', detail: 'Detail',
    scopeAll: 'Events of every county, newest first.', scopeCounty: 'Events of the county, newest first. Reading the log is itself recorded.', count: (n: number) => `${n}`, none: '—',
    empty: 'No events match', system: 'System',
  },
);

function detailText(detail: AuditEvent['detail']): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`)
    .join('; ');
}

/** /admin/audit: GET /audit-events with filters, newest first, keyset paging; the system admin also verifies the chain. */
export default function AuditPage() {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const user = useUser();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const pages = useCursorPages(JSON.stringify(filters));

  const list = useQuery({
    queryKey: [...keys.audit, filters, pages.cursor],
    queryFn: () => call(api.GET('/api/v1/audit-events', {
      params: {
        query: {
          limit: 50,
          ...(filters.residentId ? { residentId: filters.residentId } : {}),
          ...(filters.actorId ? { actorId: filters.actorId } : {}),
          ...(filters.from ? { from: startOfCountyDay(filters.from) } : {}),
          ...(filters.to ? { to: startOfCountyDay(nextDay(filters.to)) } : {}),
          ...(pages.cursor ? { cursor: pages.cursor } : {}),
        },
      },
    })),
  });

  const apply = (values: Filters) => setFilters(Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() || undefined : undefined])));

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      {user.role === 'system_admin' && <AuditVerify />}
      <Typography.Paragraph style={{ margin: 0 }}>{user.role === 'system_admin' ? t.scopeAll : t.scopeCounty}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={apply} style={{ rowGap: 12 }}>
        <Form.Item name="residentId" label={t.residentId}><Input style={{ width: 300 }} allowClear /></Form.Item>
        <Form.Item name="actorId" label={t.actorId}><Input style={{ width: 300 }} allowClear /></Form.Item>
        <Form.Item name="from" label={t.from}><Input type="date" /></Form.Item>
        <Form.Item name="to" label={t.to}><Input type="date" /></Form.Item>
        <Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit">{t.search}</Button>
            <Button onClick={() => { form.resetFields(); setFilters({}); }}>{t.clear}</Button>
          </Flex>
        </Form.Item>
      </Form>
      {list.isError && <ProblemAlert error={list.error} />}
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t.empty }}
        columns={[
          { title: t.at, dataIndex: 'at', width: 170, render: (at: string) => dateTime(at, language) },
          {
            title: t.actor,
            render: (_, e) => (e.actorId ? <>{e.actorName ?? e.actorId}<br />{label('role', e.actorRole)}</> : t.system),
          },
          { title: t.action, dataIndex: 'action', width: 90, render: (a: string) => label('audit_action', a) },
          { title: t.resource, render: (_, e) => <>{e.resourceType}{e.resourceId && <><br /><Typography.Text code>{e.resourceId}</Typography.Text></>}</> },
          { title: t.residents, width: 110, render: (_, e) => (e.residentId ? <Typography.Text code>{e.residentId}</Typography.Text> : e.residentIds.length ? t.count(e.residentIds.length) : t.none) },
          { title: t.purpose, dataIndex: 'purpose', render: (p: string) => label('audit_purpose', p) },
          { title: t.outcome, dataIndex: 'outcome', render: (o: string) => <Typography.Text strong={o !== 'success'} type={o === 'success' ? undefined : 'danger'}>{label('audit_outcome', o)}</Typography.Text> },
          { title: t.detail, dataIndex: 'detail', render: (d: AuditEvent['detail']) => <span style={{ wordBreak: 'break-all' }}>{detailText(d)}</span> },
        ]}
      />
      <Pager page={pages.page} hasPrevious={pages.hasPrevious} nextCursor={list.data?.nextCursor} onPrevious={pages.previous} onNext={() => pages.next(list.data?.nextCursor)} />
    </Flex>
  );
}
