import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Descriptions, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, call } from '../../api/client';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert, useShowProblem } from '../../shell/problems';
import { useClinicalItems, useOutcomeItems } from '../../referrals/clinical';
import { GreenChannelMismatch, useTriageItems } from '../../referrals/triage';
import { dateTime, ResidentName, ScreenTitle } from './parts';
import { ifMatch, keys, type Referral } from './queries';

const messages = defineMessages(
  {
    title: '转诊单', number: '转诊单号', status: '状态', direction: '方向', from: '转出机构', to: '转入机构',
    department: '转入科室', diagnoses: '诊断', reason: '转诊原因', summary: '病情摘要', sla: '接诊答复时限',
    appointment: '预约就诊时间', arriveBy: '最迟到院日期', returnReason: '退回原因', rejectReason: '拒绝原因', cancelReason: '取消原因',
    outcome: '诊疗结果', history: '办理记录', resident: '居民档案', submit: '提交转诊', submitQ: '提交后由转入医院的转诊服务岗处理，确认提交？',
    yes: '提交', no: '再想想', primary: '主要诊断', submitted: '已提交', draftNote: '草稿尚未提交，转入医院还看不到。',
  },
  {
    title: 'Referral', number: 'Referral no.', status: 'Status', direction: 'Direction', from: 'From', to: 'To',
    department: 'Department', diagnoses: 'Diagnoses', reason: 'Reason', summary: 'Summary', sla: 'Reply due by',
    appointment: 'Appointment', arriveBy: 'Arrive by', returnReason: 'Returned because', rejectReason: 'Rejected because', cancelReason: 'Cancelled because',
    outcome: 'Outcome', history: 'History', resident: 'Resident', submit: 'Submit the referral', submitQ: 'The receiving hospital\'s referral desk will handle it. Submit now?',
    yes: 'Submit', no: 'Not now', primary: 'Primary', submitted: 'Submitted', draftNote: 'A draft: the receiving hospital cannot see it yet.',
  },
);

/** A referral as the API holds it: status, the facts it carries and its history (GET /referrals/:id); a draft can be submitted. */
export function ReferralPage() {
  const t = useMessages(messages);
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const showProblem = useShowProblem();
  const { modal } = AntApp.useApp();
  const query = useQuery({ queryKey: keys.referral(id), queryFn: () => call(api.GET('/api/v1/referrals/{id}', { params: { path: { id } } })) });
  const submit = useMutation({
    mutationFn: (version: number) => call(api.POST('/api/v1/referrals/{id}/submit', { params: { path: { id }, header: ifMatch(version) }, body: {} })),
    onSuccess: (referral) => {
      queryClient.setQueryData(keys.referral(id), referral);
      void queryClient.invalidateQueries({ queryKey: keys.residentReferrals(referral.resident.id) });
    },
    onError: (e) => {
      showProblem(e);
      void queryClient.invalidateQueries({ queryKey: keys.referral(id) });
    },
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  return <ReferralDetails referral={query.data} submitting={submit.isPending} onSubmit={(version) => modal.confirm({ title: t.submitQ, okText: t.yes, cancelText: t.no, onOk: () => submit.mutateAsync(version).catch(() => undefined) })} />;
}

function ReferralDetails({ referral: r, submitting, onSubmit }: { referral: Referral; submitting: boolean; onSubmit(version: number): void }) {
  const t = useMessages(messages);
  const label = useLabel();
  const triage = useTriageItems(r);
  const clinical = useClinicalItems(r);
  const outcomeItems = useOutcomeItems(r.outcome ?? null);
  const items: { key: string; label: string; children: ReactNode }[] = [
    { key: 'no', label: t.number, children: r.referralNo },
    { key: 'status', label: t.status, children: <Tag data-testid="referral-status">{label('referral_status', r.status)}</Tag> },
    { key: 'direction', label: t.direction, children: label('referral_direction', r.direction) },
    { key: 'from', label: t.from, children: r.fromInstitution.name },
    { key: 'to', label: t.to, children: r.toInstitution.name },
  ];
  if (r.department) items.push({ key: 'dept', label: t.department, children: r.department });
  items.push(...triage);
  items.push({
    key: 'dx', label: t.diagnoses,
    children: (
      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
        {r.diagnoses.map((d, i) => <li key={d.code}>{d.code} {d.name}{i === 0 ? `（${t.primary}）` : ''}</li>)}
      </ul>
    ),
  });
  items.push({ key: 'reason', label: t.reason, children: r.reason });
  if (r.summary) items.push({ key: 'summary', label: t.summary, children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</span> });
  items.push(...clinical);
  if (r.sla) items.push({ key: 'sla', label: t.sla, children: `${dateTime(r.sla.deadline)}（${label('referral_sla_state', r.sla.state)}）` });
  if (r.appointmentAt) items.push({ key: 'appt', label: t.appointment, children: dateTime(r.appointmentAt) });
  if (r.arriveBy) items.push({ key: 'arrive', label: t.arriveBy, children: r.arriveBy });
  if (r.returnReason) items.push({ key: 'ret', label: t.returnReason, children: r.returnReason });
  if (r.rejectReason) items.push({ key: 'rej', label: t.rejectReason, children: r.rejectReason });
  if (r.cancelReason) items.push({ key: 'can', label: t.cancelReason, children: r.cancelReason });
  if (r.outcome) {
    items.push({ key: 'outcome', label: t.outcome, children: [r.outcome.diagnosisResult, r.outcome.keyFindings, r.outcome.nextAdvice].filter(Boolean).join('；') });
    items.push(...outcomeItems);
  }

  return (
    <div style={{ maxWidth: 720 }}>
      <ScreenTitle extra={<><ResidentName resident={r.resident} />{' '}<Link to={`/clinic/residents/${r.resident.id}`}>{t.resident}</Link></>}>{t.title}</ScreenTitle>
      <GreenChannelMismatch referral={r} />
      {r.status === 'draft' && (
        <Card size="small" style={{ marginBottom: 12 }}>
          <Typography.Paragraph>{t.draftNote}</Typography.Paragraph>
          {r.allowedActions.includes('submit') && (
            <Button type="primary" loading={submitting} onClick={() => onSubmit(r.version)}>{t.submit}</Button>
          )}
        </Card>
      )}
      <Card size="small"><Descriptions column={1} size="small" items={items} /></Card>
      <section aria-labelledby="referral-history" style={{ marginTop: 16 }}>
        <Typography.Title level={3} id="referral-history" style={{ fontSize: 18 }}>{t.history}</Typography.Title>
        <ol style={{ margin: 0, paddingInlineStart: 20 }}>
          {r.events.map((e) => (
              <li key={e.id} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{e.action === 'create' ? label('referral_status', e.to) : label('referral_action', e.action)}</Typography.Text>
                {e.from && e.from !== e.to && <Typography.Text>{'：'}{label('referral_status', e.from)} → {label('referral_status', e.to)}</Typography.Text>}
                <div><Typography.Text>{dateTime(e.at)}{e.actorRole ? ` · ${label('role', e.actorRole)}` : ''}</Typography.Text></div>
                {e.note && <div><Typography.Text>{e.note}</Typography.Text></div>}
              </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
