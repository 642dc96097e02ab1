import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { ApiProblem } from '../../api/problem';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { NotFound } from '../../shell/NotFound';
import { ProblemAlert } from '../../shell/problems';
import { DeductibleCard } from './DeductibleCard';
import { DownReferralModal } from './DownReferralModal';
import { formatDate, formatDateTime, formatYuan } from './format';
import { DESTRUCTIVE, isReferralAction, type ReferralActionKind } from './referral-actions';
import { ReferralActionModal } from './ReferralActionModal';
import { ReferralHistory } from './ReferralHistory';
import { SlaTag } from './SlaTag';
import { useNow } from './useNow';
import { StatusTag } from '../../shell/StatusTag';
import { UrgencyTag } from '../../referrals/priority';
import { ClinicalSections, ClinicalWithheldNotice, OutcomeExtras } from '../../referrals/clinical';
import { GreenChannelMismatch, TriageDescriptions } from '../../referrals/triage';

const messages = defineMessages(
  {
    back: '返回队列', title: (no: string) => `转诊单 ${no}`, actions: '可执行的操作', noActions: '当前状态下您没有可执行的操作。',
    referDown: '转回基层（下转）', facts: '转诊信息', clinical: '临床内容', outcome: '接诊结果', history: '转诊历史',
    resident: '居民', age: (n: number) => `${n}岁`, from: '转出机构', to: '转入机构', department: '科室', submitted: '提交时间',
    appointment: '预约就诊时间', arriveBy: '最晚到诊日', accepted: '接收时间', arrived: '到诊时间', completed: '完成时间',
    sourcePaid: '转出机构住院已付起付线', returnReason: '退回原因', rejectReason: '拒绝原因', cancelReason: '取消原因',
    reason: '转诊原因', summary: '病情摘要', diagnoses: '诊断', primary: '主要诊断', diagnosisResult: '诊断结果', keyFindings: '主要检查结果 / 治疗经过',
    nextAdvice: '下一步建议', admitted: '是否收住院', yes: '是', no: '否', parent: '对应的上转单', returns: '下转单', open: '查看', sla: '答复时限',
  },
  {
    back: 'Back to the queue', title: (no: string) => `Referral ${no}`, actions: 'What you can do', noActions: 'There is nothing you can do on this referral in its current state.',
    referDown: 'Refer back down', facts: 'Referral', clinical: 'Clinical content', outcome: 'Outcome', history: 'History',
    resident: 'Resident', age: (n: number) => `${n} y`, from: 'From', to: 'To', department: 'Department', submitted: 'Submitted',
    appointment: 'Appointment', arriveBy: 'Arrive by', accepted: 'Accepted', arrived: 'Arrived', completed: 'Completed',
    sourcePaid: 'Deductible paid in the stay at the sender', returnReason: 'Return reason', rejectReason: 'Reject reason', cancelReason: 'Cancel reason',
    reason: 'Reason for referral', summary: 'Summary', diagnoses: 'Diagnoses', primary: 'Primary', diagnosisResult: 'Diagnosis result', keyFindings: 'Key findings / treatment',
    nextAdvice: 'Next advice', admitted: 'Admitted', yes: 'Yes', no: 'No', parent: 'Up-referral it returns', returns: 'Down-referrals', open: 'Open', sla: 'Reply limit',
  },
);

function CardTitle({ children }: { children: string }) {
  return <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{children}</Typography.Title>;
}

/** One referral for the receiving side: clinical content, diagnoses, outcome and deductible, history, and the actions the API allows. */
export function ReferralDetailPage() {
  const { id = '' } = useParams();
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const user = useUser();
  const now = useNow();
  const [action, setAction] = useState<ReferralActionKind | null>(null);
  const [downOpen, setDownOpen] = useState(false);
  const query = useQuery({ queryKey: ['referral', id], queryFn: () => call(api.GET('/api/v1/referrals/{id}', { params: { path: { id } } })) });

  if (query.isLoading) return <Loading />;
  if (query.error instanceof ApiProblem && query.error.status === 404) return <NotFound />;
  if (query.error || !query.data) return <ProblemAlert error={query.error} />;
  const r = query.data;
  const actions = r.allowedActions.filter(isReferralAction);
  const canReferDown = r.direction === 'up' && r.status === 'completed' && r.toInstitution.id === user.scope.institutionId
    && (user.role === 'referral_desk' || user.role === 'gp');
  const dt = (iso: string | null | undefined) => formatDateTime(iso, language);

  const facts = [
    { key: 'resident', label: t.resident, children: `${r.resident.name} · ${label('sex', r.resident.sex)} · ${t.age(r.resident.age)}` },
    { key: 'from', label: t.from, children: `${r.fromInstitution.name}（${label('institution_level', r.fromInstitution.level)}）` },
    { key: 'to', label: t.to, children: `${r.toInstitution.name}（${label('institution_level', r.toInstitution.level)}）` },
    { key: 'department', label: t.department, children: r.department ?? '—' },
    { key: 'submitted', label: t.submitted, children: dt(r.submittedAt) },
    { key: 'sla', label: t.sla, children: <SlaTag referral={r} now={now} showDeadline /> },
    ...(r.acceptedAt ? [{ key: 'accepted', label: t.accepted, children: dt(r.acceptedAt) }] : []),
    ...(r.appointmentAt ? [{ key: 'appointment', label: t.appointment, children: dt(r.appointmentAt) }] : []),
    ...(r.arriveBy ? [{ key: 'arriveBy', label: t.arriveBy, children: formatDate(r.arriveBy) }] : []),
    ...(r.arrivedAt ? [{ key: 'arrived', label: t.arrived, children: dt(r.arrivedAt) }] : []),
    ...(r.completedAt ? [{ key: 'completed', label: t.completed, children: dt(r.completedAt) }] : []),
    ...(r.sourceInpatient ? [{ key: 'sourcePaid', label: t.sourcePaid, children: formatYuan(r.sourceInpatient.deductiblePaid, language) }] : []),
    ...(r.returnReason ? [{ key: 'returnReason', label: t.returnReason, children: r.returnReason }] : []),
    ...(r.rejectReason ? [{ key: 'rejectReason', label: t.rejectReason, children: r.rejectReason }] : []),
    ...(r.cancelReason ? [{ key: 'cancelReason', label: t.cancelReason, children: r.cancelReason }] : []),
    ...(r.parentReferralId ? [{ key: 'parent', label: t.parent, children: <Link to={`/desk/referrals/${r.parentReferralId}`}>{t.open}</Link> }] : []),
    ...(r.returnReferralIds.length ? [{
      key: 'returns', label: t.returns,
      children: <Space wrap>{r.returnReferralIds.map((rid, i) => <Link key={rid} to={`/desk/referrals/${rid}`}>{`${t.open} ${i + 1}`}</Link>)}</Space>,
    }] : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/desk"><ArrowLeftOutlined /> {t.back}</Link>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title(r.referralNo)}</Typography.Title>
      <Space wrap>
        <StatusTag tone="info">{label('referral_status', r.status)}</StatusTag>
        <UrgencyTag urgency={r.urgency} />
        <Tag>{label('referral_kind', r.kind)}</Tag>
        <Tag>{label('referral_direction', r.direction)}</Tag>
      </Space>
      <GreenChannelMismatch referral={r} />
      <ClinicalWithheldNotice referral={r} />

      <Card title={<CardTitle>{t.actions}</CardTitle>}>
        {actions.length === 0 && !canReferDown && <Typography.Text>{t.noActions}</Typography.Text>}
        <Space wrap>
          {actions.map((a) => (
            <Button key={a} type={DESTRUCTIVE.includes(a) ? 'default' : 'primary'} danger={DESTRUCTIVE.includes(a)} onClick={() => setAction(a)}>
              {label('referral_action', a)}
            </Button>
          ))}
          {canReferDown && <Button onClick={() => setDownOpen(true)}>{t.referDown}</Button>}
        </Space>
      </Card>

      {r.deductible && <DeductibleCard deductible={r.deductible} />}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={<CardTitle>{t.clinical}</CardTitle>}>
              <TriageDescriptions referral={r} urgency={false} />
              <ClinicalSections referral={r} />
              <Typography.Title level={4} style={{ fontSize: 15, marginTop: 12 }}>{t.diagnoses}</Typography.Title>
              <ul style={{ paddingInlineStart: 20 }}>
                {r.diagnoses.map((d, i) => (
                  <li key={d.code}>{d.code} {d.name}{i === 0 && <Tag style={{ marginInlineStart: 8 }}>{t.primary}</Tag>}</li>
                ))}
              </ul>
              <Typography.Title level={4} style={{ fontSize: 15 }}>{t.reason}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.reason}</Typography.Paragraph>
              <Typography.Title level={4} style={{ fontSize: 15 }}>{t.summary}</Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.summary ?? '—'}</Typography.Paragraph>
            </Card>
            {r.outcome && (
              <Card title={<CardTitle>{t.outcome}</CardTitle>}>
                <Descriptions
                  size="small" column={1}
                  items={[
                    { key: 'dx', label: t.diagnosisResult, children: r.outcome.diagnosisResult },
                    { key: 'kf', label: t.keyFindings, children: r.outcome.keyFindings || '—' },
                    { key: 'na', label: t.nextAdvice, children: r.outcome.nextAdvice || '—' },
                    { key: 'ad', label: t.admitted, children: r.admitted ? t.yes : t.no },
                  ]}
                />
                <OutcomeExtras outcome={r.outcome} />
              </Card>
            )}
            <Card title={<CardTitle>{t.facts}</CardTitle>}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} items={facts} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={<CardTitle>{t.history}</CardTitle>}>
            <ReferralHistory events={r.events} />
          </Card>
        </Col>
      </Row>

      <ReferralActionModal referral={r} action={action} onClose={() => setAction(null)} />
      {canReferDown && <DownReferralModal referral={r} open={downOpen} onClose={() => setDownOpen(false)} />}
    </Space>
  );
}
