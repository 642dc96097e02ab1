import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { StatusTag } from '../../shell/StatusTag';
import { formatDate, formatDateTime } from '../desk/format';

type Sickbed = components['schemas']['MySickbedView'];
type Vitals = components['schemas']['VitalsView'];

const messages = defineMessages(
  {
    title: '我的家庭病床', none: '您目前没有家庭病床记录。', bed: '家庭病床', status: '状态', bedType: '病床类型', diagnosis: '建床诊断',
    doctor: '责任医生', nurse: '责任护士', start: '建床日期', plannedEnd: '本周期计划截止', cycle: '周期', cycleNo: (n: number) => `第 ${n} 周期`,
    condition: '病情', appliedAt: '申请时间', decision: '退回 / 不予建床原因', closure: '撤床', closureDate: '撤床日期', outcome: '转归',
    advice: '出院建议', bedDays: '建床天数', days: (n: number) => `${n} 天`, cancel: '取消原因',
    next: '下次上门', due: (d: string) => `应于 ${d} 前`, notScheduled: '未排定', orders: '正在执行的医嘱', noOrders: '暂无',
    rounds: '查房与上门记录', noRounds: '还没有查房记录。', showAll: (n: number) => `显示全部 ${n} 条`, by: (n: string) => `由 ${n}`,
    findings: '查体所见：', notes: '处理意见：', sbp: '血压', pulse: '脉搏', temp: '体温', spo2: '血氧', glucose: '血糖',
  },
  {
    title: 'My household sickbed', none: 'You have no household sickbed.', bed: 'Household sickbed', status: 'Status', bedType: 'Bed type', diagnosis: 'Diagnosis',
    doctor: 'Responsible doctor', nurse: 'Responsible nurse', start: 'Opened on', plannedEnd: 'This cycle ends', cycle: 'Cycle', cycleNo: (n: number) => `Cycle ${n}`,
    condition: 'Condition', appliedAt: 'Applied', decision: 'Reason returned / refused', closure: 'Closure', closureDate: 'Closed on', outcome: 'Outcome',
    advice: 'Advice', bedDays: 'Bed days', days: (n: number) => `${n} days`, cancel: 'Cancel reason',
    next: 'Next visits', due: (d: string) => `due by ${d}`, notScheduled: 'not scheduled', orders: 'Orders in force', noOrders: 'None',
    rounds: 'Rounds and visits', noRounds: 'No rounds yet.', showAll: (n: number) => `Show all ${n}`, by: (n: string) => `by ${n}`,
    findings: 'Findings: ', notes: 'Plan: ', sbp: 'BP', pulse: 'Pulse', temp: 'Temperature', spo2: 'SpO₂', glucose: 'Glucose',
  },
);

function vitalsText(v: Vitals, t: (typeof messages)['zh-CN']): string {
  const parts: string[] = [];
  if (v.sbp != null || v.dbp != null) parts.push(`${t.sbp} ${v.sbp ?? '—'}/${v.dbp ?? '—'} mmHg`);
  if (v.pulse != null) parts.push(`${t.pulse} ${v.pulse}/min`);
  if (v.temperature != null) parts.push(`${t.temp} ${v.temperature} °C`);
  if (v.spo2 != null) parts.push(`${t.spo2} ${v.spo2}%`);
  if (v.glucose != null) parts.push(`${t.glucose} ${v.glucose} mmol/L`);
  return parts.join('，');
}

function SickbedCard({ bed }: { bed: Sickbed }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const [all, setAll] = useState(false);
  const who = (id: string) => (bed.responsibleDoctor?.id === id ? bed.responsibleDoctor.name : bed.responsibleNurse?.id === id ? bed.responsibleNurse.name : null);
  const rounds = all ? bed.rounds : bed.rounds.slice(0, 5);
  const items = [
    { key: 'bedType', label: t.bedType, children: bed.bedType ? label('bed_type', bed.bedType) : '—' },
    { key: 'diagnosis', label: t.diagnosis, children: bed.admissionDiagnosis ? `${bed.admissionDiagnosis.name}（${bed.admissionDiagnosis.code}）` : '—' },
    { key: 'doctor', label: t.doctor, children: bed.responsibleDoctor?.name ?? '—' },
    { key: 'nurse', label: t.nurse, children: bed.responsibleNurse?.name ?? '—' },
    { key: 'start', label: t.start, children: formatDate(bed.startDate) },
    ...(bed.plannedEndDate ? [{ key: 'plannedEnd', label: t.plannedEnd, children: formatDate(bed.plannedEndDate) }] : []),
    ...(bed.cycleNo > 0 ? [{ key: 'cycle', label: t.cycle, children: t.cycleNo(bed.cycleNo) }] : []),
    { key: 'condition', label: t.condition, children: bed.conditionSummary },
    { key: 'appliedAt', label: t.appliedAt, children: formatDateTime(bed.appliedAt, language) },
    ...(bed.decisionReason ? [{ key: 'decision', label: t.decision, children: bed.decisionReason }] : []),
    ...(bed.cancelReason ? [{ key: 'cancel', label: t.cancel, children: bed.cancelReason }] : []),
    ...(bed.closure ? [
      { key: 'closureDate', label: t.closureDate, children: formatDate(bed.closure.closureDate) },
      { key: 'outcome', label: t.outcome, children: `${label('closure_outcome', bed.closure.outcome)}；${bed.closure.summary}` },
      ...(bed.closure.advice ? [{ key: 'advice', label: t.advice, children: bed.closure.advice }] : []),
    ] : []),
    ...(bed.bedDays != null ? [{ key: 'bedDays', label: t.bedDays, children: t.days(bed.bedDays) }] : []),
  ];

  return (
    <Card
      title={<Typography.Title level={3} style={{ margin: 0, fontSize: 17, whiteSpace: 'normal' }}>{t.bed}：{bed.admissionDiagnosis?.name ?? bed.conditionSummary.slice(0, 20)}</Typography.Title>}
      extra={<StatusTag tone={bed.status === 'active' ? 'success' : 'neutral'}>{t.status}：{label('sickbed_status', bed.status)}</StatusTag>}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Descriptions size="small" column={1} items={items} />
        {bed.status === 'active' && (
          <section>
            <Typography.Title level={4} style={{ fontSize: 15 }}>{t.next}</Typography.Title>
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {bed.schedule.map((s) => (
                <li key={s.kind}>
                  {label('round_kind', s.kind)}：{s.nextDueDate ? t.due(s.nextDueDate) : t.notScheduled}
                  {s.dueState && <StatusTag style={{ marginInlineStart: 8 }} tone={s.dueState === 'overdue' ? 'danger' : 'neutral'}>{label('round_due_state', s.dueState)}</StatusTag>}
                </li>
              ))}
            </ul>
          </section>
        )}
        <section>
          <Typography.Title level={4} style={{ fontSize: 15 }}>{t.orders}</Typography.Title>
          {bed.activeOrders.length === 0 ? <Typography.Text>{t.noOrders}</Typography.Text> : (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {bed.activeOrders.map((o) => (
                <li key={o.id}>{label('sickbed_order_type', o.type)}：{o.content}{o.frequency ? `（${o.frequency}）` : ''}</li>
              ))}
            </ul>
          )}
        </section>
        <section>
          <Typography.Title level={4} style={{ fontSize: 15 }}>{t.rounds}</Typography.Title>
          {bed.rounds.length === 0 ? <Typography.Text>{t.noRounds}</Typography.Text> : (
            <ul style={{ margin: 0, paddingInlineStart: 0, listStyle: 'none' }}>
              {rounds.map((r) => {
                const name = who(r.practitionerId);
                const vitals = vitalsText(r.vitals, t);
                return (
                  <li key={r.id} style={{ borderTop: '1px solid #f0f0f0', padding: '8px 0' }}>
                    <Typography.Text strong>{formatDateTime(r.visitedAt, language)} · {label('round_kind', r.kind)}</Typography.Text>
                    {name && <Typography.Text> {t.by(name)}</Typography.Text>}
                    {vitals && <div>{vitals}</div>}
                    {r.findings && <div>{t.findings}{r.findings}</div>}
                    {r.notes && <div>{t.notes}{r.notes}</div>}
                  </li>
                );
              })}
            </ul>
          )}
          {!all && bed.rounds.length > 5 && <Button size="small" onClick={() => setAll(true)}>{t.showAll(bed.rounds.length)}</Button>}
        </section>
      </Space>
    </Card>
  );
}

/** /my/sickbed: my household-sickbed episodes with their schedule, orders in force and rounds (GET /me/sickbeds). */
export function SickbedPage() {
  const t = useMessages(messages);
  const query = useQuery({ queryKey: ['me', 'sickbeds'], queryFn: () => call(api.GET('/api/v1/me/sickbeds', { params: { query: { limit: 50 } } })) });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      {query.isLoading && <Loading />}
      {query.error && <ProblemAlert error={query.error} />}
      {query.data && query.data.items.length === 0 && <Empty description={t.none} />}
      {query.data?.items.map((bed) => <SickbedCard key={bed.id} bed={bed} />)}
    </Space>
  );
}
