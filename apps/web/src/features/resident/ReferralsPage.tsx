import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { StatusTag } from '../../shell/StatusTag';
import { formatDate, formatDateTime } from '../desk/format';
import { ReferralHistory } from '../desk/ReferralHistory';
import { UrgencyTag } from '../../referrals/priority';
import { PrimaryDiagnosis } from '../../referrals/clinical';

type Referral = components['schemas']['ReferralView'];

const messages = defineMessages(
  {
    title: '我的转诊', none: '您还没有转诊记录。', more: '加载更多', route: '转诊路线', diagnosis: '诊断', department: '科室', submitted: '提交时间',
    appointment: '预约就诊时间', arriveBy: '请在此日期前到诊', show: '查看进度与历史', hide: '收起', history: '转诊历史', outcome: '接诊结果',
    nextAdvice: '下一步建议', reason: '转诊原因', rejectReason: '未接收原因', cancelReason: '取消原因', urgency: '紧急程度', kind: '转诊类型',
  },
  {
    title: 'My referrals', none: 'You have no referrals.', more: 'Load more', route: 'Route', diagnosis: 'Diagnosis', department: 'Department', submitted: 'Submitted',
    appointment: 'Appointment', arriveBy: 'Please arrive by', show: 'Show progress and history', hide: 'Hide', history: 'History', outcome: 'Outcome',
    nextAdvice: 'Next advice', reason: 'Reason', rejectReason: 'Reason not accepted', cancelReason: 'Cancel reason', urgency: 'Urgency', kind: 'Kind',
  },
);

function ReferralDetail({ id }: { id: string }) {
  const t = useMessages(messages);
  const query = useQuery({ queryKey: ['referral', id], queryFn: () => call(api.GET('/api/v1/referrals/{id}', { params: { path: { id } } })) });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ProblemAlert error={query.error} />;
  const r = query.data;
  const items = [
    { key: 'reason', label: t.reason, children: r.reason },
    ...(r.arriveBy ? [{ key: 'arriveBy', label: t.arriveBy, children: formatDate(r.arriveBy) }] : []),
    ...(r.rejectReason ? [{ key: 'rejectReason', label: t.rejectReason, children: r.rejectReason }] : []),
    ...(r.cancelReason ? [{ key: 'cancelReason', label: t.cancelReason, children: r.cancelReason }] : []),
    ...(r.outcome ? [
      { key: 'outcome', label: t.outcome, children: r.outcome.diagnosisResult },
      ...(r.outcome.nextAdvice ? [{ key: 'nextAdvice', label: t.nextAdvice, children: r.outcome.nextAdvice }] : []),
    ] : []),
  ];
  return (
    <div style={{ marginTop: 12 }}>
      <Descriptions size="small" column={1} items={items} />
      <Typography.Title level={4} style={{ fontSize: 15, marginTop: 12 }}>{t.history}</Typography.Title>
      <ReferralHistory events={r.events} />
    </div>
  );
}

function ReferralCard({ referral: r }: { referral: Referral }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const [open, setOpen] = useState(false);
  return (
    <Card
      data-testid="referral-card"
      title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16, whiteSpace: 'normal' }}>{label('referral_direction', r.direction)} · {r.toInstitution.name}</Typography.Title>}
      extra={<StatusTag tone={r.status === 'completed' ? 'success' : r.status === 'rejected' || r.status === 'cancelled' || r.status === 'expired' ? 'danger' : 'info'}>{label('referral_status', r.status)}</StatusTag>}
    >
      <Descriptions
        size="small" column={1}
        items={[
          { key: 'route', label: t.route, children: `${r.fromInstitution.name} → ${r.toInstitution.name}` },
          { key: 'diagnosis', label: t.diagnosis, children: <PrimaryDiagnosis referral={r} /> },
          ...(r.department ? [{ key: 'department', label: t.department, children: r.department }] : []),
          { key: 'kind', label: t.kind, children: label('referral_kind', r.kind) },
          { key: 'urgency', label: t.urgency, children: <UrgencyTag urgency={r.urgency} /> },
          { key: 'submitted', label: t.submitted, children: formatDateTime(r.submittedAt, language) },
          ...(r.appointmentAt ? [{ key: 'appointment', label: t.appointment, children: formatDateTime(r.appointmentAt, language) }] : []),
        ]}
      />
      <Button size="small" style={{ marginTop: 8 }} onClick={() => setOpen(!open)} aria-expanded={open}>{open ? t.hide : t.show}</Button>
      {open && <ReferralDetail id={r.id} />}
    </Card>
  );
}

/** /my/referrals: my referrals, newest first, each with its progress and history on demand (GET /me/referrals, /referrals/:id). */
export function ReferralsPage() {
  const t = useMessages(messages);
  const query = useInfiniteQuery({
    queryKey: ['me', 'referrals'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/me/referrals', { params: { query: { limit: 20, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      {query.isLoading && <Loading />}
      {query.error && <ProblemAlert error={query.error} />}
      {query.data && items.length === 0 && <Empty description={t.none} />}
      {items.map((r) => <ReferralCard key={r.id} referral={r} />)}
      {query.hasNextPage && <Button block onClick={() => query.fetchNextPage()} loading={query.isFetchingNextPage}>{t.more}</Button>}
    </Space>
  );
}
