import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { formatDateTime } from './format';
import type { Sickbed } from './queries';
import { ScheduleLines } from './Schedule';

const messages = defineMessages(
  {
    episode: '病床信息', resident: '居民', age: (n: number) => `${n}岁`, diagnosis: '建床诊断', condition: '病情摘要', bed: '床型',
    doctor: '责任医生', nurse: '责任护士', cycle: '周期', cycleText: (n: number, from: string, to: string) => `第 ${n} 周期：${from} 至 ${to}`,
    started: '建床日期', overdue: '已超出计划撤床日期，请续床或撤床', warning: (d: string) => `${d} 起进入周期末提醒`,
    schedule: '查床计划', plan: (d: number, n: number) => `医生每 ${d} 天查床，护士每 ${n} 天上门`,
    closure: '撤床记录', closureDate: '撤床日期', outcome: '转归', closureDiagnosis: '撤床诊断', summary: '撤床小结',
    conditionAtClosure: '撤床时情况', advice: '医嘱与随访', bedDays: '家床天数', recordedAt: '记录时间', referral: '已关联上转单', openReferral: '查看上转单',
    assessment: '最近评估', score: (n: number) => `Barthel ${n} 分`,
  },
  {
    episode: 'Episode', resident: 'Resident', age: (n: number) => `${n} y`, diagnosis: 'Admission diagnosis', condition: 'Condition', bed: 'Bed type',
    doctor: 'Responsible doctor', nurse: 'Responsible nurse', cycle: 'Cycle', cycleText: (n: number, from: string, to: string) => `Cycle ${n}: ${from} to ${to}`,
    started: 'Opened on', overdue: 'Past the planned end date: extend or close the bed', warning: (d: string) => `End-of-cycle warning from ${d}`,
    schedule: 'Round plan', plan: (d: number, n: number) => `Doctor every ${d} days, nurse every ${n} days`,
    closure: 'Closure', closureDate: 'Closure date', outcome: 'Outcome', closureDiagnosis: 'Closure diagnosis', summary: 'Summary',
    conditionAtClosure: 'Condition at closure', advice: 'Advice and follow-up', bedDays: 'Bed days', recordedAt: 'Recorded', referral: 'Linked up-referral', openReferral: 'Open the up-referral',
    assessment: 'Latest assessment', score: (n: number) => `Barthel ${n}`,
  },
);

/** The episode as the API holds it: resident (masked), diagnosis, bed, cycle, schedule, closure. */
export function EpisodeCard({ episode: s }: { episode: Sickbed }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const items: { key: string; label: string; children: ReactNode }[] = [
    { key: 'resident', label: t.resident, children: `${s.resident.name} · ${label('sex', s.resident.sex)} · ${t.age(s.resident.age)}` },
    { key: 'diagnosis', label: t.diagnosis, children: s.admissionDiagnosis ? `${s.admissionDiagnosis.name}（${s.admissionDiagnosis.code}）` : '—' },
    { key: 'condition', label: t.condition, children: s.conditionSummary },
  ];
  if (s.bedType) items.push({ key: 'bed', label: t.bed, children: label('bed_type', s.bedType) });
  if (s.responsibleDoctor) items.push({ key: 'doctor', label: t.doctor, children: s.responsibleDoctor.name });
  if (s.responsibleNurse) items.push({ key: 'nurse', label: t.nurse, children: s.responsibleNurse.name });
  if (s.startDate) items.push({ key: 'started', label: t.started, children: s.startDate });
  if (s.cycleNo > 0 && s.cycleStartDate && s.plannedEndDate) {
    items.push({
      key: 'cycle',
      label: t.cycle,
      children: (
        <div>
          <div>{t.cycleText(s.cycleNo, s.cycleStartDate, s.plannedEndDate)}</div>
          {s.cycleOverdue && <div><Typography.Text type="danger" strong>{t.overdue}</Typography.Text></div>}
          {!s.cycleOverdue && s.status === 'active' && s.endWarningDate && <div>{t.warning(s.endWarningDate)}</div>}
        </div>
      ),
    });
  }
  if (s.latestAssessment) {
    const a = s.latestAssessment;
    items.push({
      key: 'assessment',
      label: t.assessment,
      children: `${label('assessment_result', a.result)}${a.functionalScore != null ? ` · ${t.score(a.functionalScore)}` : ''} · ${formatDateTime(a.assessedAt, language)}`,
    });
  }
  if (s.bedDays != null) items.push({ key: 'bedDays', label: t.bedDays, children: String(s.bedDays) });
  // kept when a closure is undone: the referral goes on
  if (s.linkedReferralId) items.push({ key: 'referral', label: t.referral, children: <LinkedReferral id={s.linkedReferralId} /> });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t.episode}</Typography.Title>}>
        <Descriptions column={1} size="small" items={items} />
      </Card>
      {s.schedule.length > 0 && (
        <Card size="small" title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t.schedule}</Typography.Title>}>
          <ScheduleLines schedule={s.schedule} detail />
          {s.plan && <div style={{ marginTop: 4 }}>{t.plan(s.plan.doctorRoundIntervalDays, s.plan.nurseVisitIntervalDays)}</div>}
        </Card>
      )}
      {s.closure && (
        <Card size="small" title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t.closure}</Typography.Title>}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'date', label: t.closureDate, children: s.closure.closureDate },
              { key: 'outcome', label: t.outcome, children: label('closure_outcome', s.closure.outcome) },
              { key: 'diagnosis', label: t.closureDiagnosis, children: `${s.closure.diagnosis.name}（${s.closure.diagnosis.code}）` },
              { key: 'summary', label: t.summary, children: s.closure.summary },
              ...(s.closure.conditionAtClosure ? [{ key: 'condition', label: t.conditionAtClosure, children: s.closure.conditionAtClosure }] : []),
              ...(s.closure.advice ? [{ key: 'advice', label: t.advice, children: s.closure.advice }] : []),
              { key: 'recorded', label: t.recordedAt, children: formatDateTime(s.closure.recordedAt, language) },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

/** The up-referral a transfer closure started: its number and state, a link to it (or just the link, until it loads or where it may not be read). */
function LinkedReferral({ id }: { id: string }) {
  const t = useMessages(messages);
  const label = useLabel();
  const referral = useQuery({
    queryKey: ['referral', id],
    queryFn: () => call(api.GET('/api/v1/referrals/{id}', { params: { path: { id } } })),
    retry: false,
  });
  const r = referral.data;
  return <Link to={`/clinic/referrals/${id}`}>{r ? `${r.referralNo} · ${label('referral_status', r.status)}` : t.openReferral}</Link>;
}
