import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Form, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import type { components, operations } from '../../api/schema';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { ProblemAlert } from '../../shell/problems';
import { formatDateTime } from './format';
import { SlaTag } from './SlaTag';
import { useNow } from './useNow';
import { PrimaryDiagnosis } from '../../referrals/clinical';
import { KINDS, URGENCIES, UrgencyTag, type ReferralKind, type Urgency } from '../../referrals/priority';

type Referral = components['schemas']['ReferralView'];
type QueueQuery = NonNullable<operations['referralDesk.queue']['parameters']['query']>;
type QueueStatus = NonNullable<QueueQuery['status']>;

const STATUSES: QueueStatus[] = ['submitted', 'accepted', 'scheduled', 'arrived'];
const PAGE = 50;

const messages = defineMessages(
  {
    title: '转诊队列', intro: '转入本院、等待处理的转诊单：危急（绿色通道）在前，其次加急，再次普通，同一紧急程度按提交先后排列。答复时限每 30 秒更新。',
    status: '状态', urgency: '紧急程度', kind: '转诊类型', all: '全部',
    no: '转诊单号', resident: '居民', from: '转出机构', diagnosis: '诊断 / 科室', submitted: '提交时间', sla: '答复时限',
    appointment: '预约时间', empty: '队列中没有待处理的转诊单', more: '加载更多', count: (n: number) => `共显示 ${n} 条`,
    age: (n: number) => `${n}岁`,
  },
  {
    title: 'Referral queue', intro: 'Referrals to this hospital waiting for the receiving side: emergent (green channel) first, then urgent, then routine, each oldest first. Reply limits refresh every 30 seconds.',
    status: 'Status', urgency: 'Urgency', kind: 'Kind', all: 'All',
    no: 'Referral no.', resident: 'Resident', from: 'From', diagnosis: 'Diagnosis / department', submitted: 'Submitted', sla: 'Reply limit',
    appointment: 'Appointment', empty: 'No referrals waiting in the queue', more: 'Load more', count: (n: number) => `${n} shown`,
    age: (n: number) => `${n} y`,
  },
);

export function QueuePage() {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const navigate = useNavigate();
  const now = useNow();
  const [status, setStatus] = useState<QueueStatus | undefined>();
  const [urgency, setUrgency] = useState<Urgency | undefined>();
  const [kind, setKind] = useState<ReferralKind | undefined>();

  const queue = useInfiniteQuery({
    queryKey: ['desk', 'queue', status ?? '', urgency ?? '', kind ?? ''],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/referral-desk/queue', { params: { query: { status, urgency, kind, limit: PAGE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 30_000,
  });
  const rows = queue.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableColumnsType<Referral> = [
    {
      key: 'no', title: t.no, width: 200,
      render: (_, r) => <Link to={`referrals/${r.id}`} onClick={(e) => e.stopPropagation()} style={{ fontFamily: 'monospace' }}>{r.referralNo}</Link>,
    },
    {
      key: 'urgency', title: t.urgency, width: 130,
      render: (_, r) => <UrgencyTag urgency={r.urgency} />,
    },
    { key: 'kind', title: t.kind, width: 100, render: (_, r) => label('referral_kind', r.kind) },
    {
      key: 'resident', title: t.resident, width: 120,
      render: (_, r) => <span>{r.resident.name}<br />{label('sex', r.resident.sex)} · {t.age(r.resident.age)}</span>,
    },
    { key: 'from', title: t.from, width: 130, render: (_, r) => r.fromInstitution.name },
    {
      key: 'diagnosis', title: t.diagnosis,
      render: (_, r) => <span><PrimaryDiagnosis referral={r} />{r.department && <><br />{r.department}</>}</span>,
    },
    {
      key: 'status', title: t.status, width: 130,
      render: (_, r) => <span>{label('referral_status', r.status)}{r.appointmentAt && <><br />{t.appointment} {formatDateTime(r.appointmentAt, language)}</>}</span>,
    },
    { key: 'submitted', title: t.submitted, width: 150, render: (_, r) => formatDateTime(r.submittedAt, language) },
    { key: 'sla', title: t.sla, width: 170, render: (_, r) => <SlaTag referral={r} now={now} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t.intro}</Typography.Paragraph>
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t.status} htmlFor="queue-status">
          <Select<QueueStatus>
            id="queue-status" allowClear placeholder={t.all} style={{ width: 160 }} value={status} onChange={setStatus}
            options={STATUSES.map((s) => ({ value: s, label: label('referral_status', s) }))}
          />
        </Form.Item>
        <Form.Item label={t.urgency} htmlFor="queue-urgency">
          <Select<Urgency>
            id="queue-urgency" allowClear placeholder={t.all} style={{ width: 160 }} value={urgency} onChange={setUrgency}
            options={URGENCIES.map((u) => ({ value: u, label: label('referral_urgency', u) }))}
          />
        </Form.Item>
        <Form.Item label={t.kind} htmlFor="queue-kind">
          <Select<ReferralKind>
            id="queue-kind" allowClear placeholder={t.all} style={{ width: 160 }} value={kind} onChange={setKind}
            options={KINDS.map((k) => ({ value: k, label: label('referral_kind', k) }))}
          />
        </Form.Item>
      </Form>
      {queue.error && <ProblemAlert error={queue.error} />}
      <Table<Referral>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={queue.isLoading}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t.empty} /> }}
        onRow={(r) => ({ onClick: () => navigate(`referrals/${r.id}`), style: { cursor: 'pointer' } })}
      />
      <Space>
        <Typography.Text>{t.count(rows.length)}</Typography.Text>
        {queue.hasNextPage && <Button onClick={() => queue.fetchNextPage()} loading={queue.isFetchingNextPage}>{t.more}</Button>}
      </Space>
    </Space>
  );
}
