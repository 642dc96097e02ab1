import { Alert, Card, Empty, Flex, Segmented, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { formatDateTime } from './format';
import { SICKBED_STATUSES, useSickbedList, type SickbedItem, type SickbedListQuery, type SickbedStatus } from './queries';
import { ScheduleLines, SickbedStatusTag } from './Schedule';

const messages = defineMessages(
  {
    title: '家庭病床', whose: '范围', mine: '我负责的', team: '本团队', status: '状态', allStatuses: '全部状态',
    empty: '没有符合条件的家庭病床', noTeam: '您不在任何团队中，只显示您负责的病床。',
    offline: (at: string) => `离线：显示的是 ${at} 保存在本机的列表`,
    more: '只显示了最近的 100 个，请按状态筛选查看更多。',
    bed: '床型', diagnosis: '诊断', plannedEnd: '本周期至', overdue: '已超出计划撤床日期', open: '打开',
    count: (n: number) => `共 ${n} 个`,
  },
  {
    title: 'Household sickbeds', whose: 'Whose', mine: 'Mine', team: 'My team', status: 'Status', allStatuses: 'All statuses',
    empty: 'No household sickbed matches', noTeam: 'You are on no team: only the beds you are responsible for are shown.',
    offline: (at: string) => `Offline: the list kept on this device at ${at}`,
    more: 'Only the latest 100 are shown: filter by status to see others.',
    bed: 'Bed type', diagnosis: 'Diagnosis', plannedEnd: 'Cycle ends', overdue: 'Past the planned end date', open: 'Open',
    count: (n: number) => `${n} in all`,
  },
);

type Whose = 'mine' | 'team';

/** Soonest round due first; beds with nothing due (not active) after, in the API's order (newest first). */
function soonestDue(item: SickbedItem): number {
  const times = item.schedule.map((d) => (d.nextDueAt ? Date.parse(d.nextDueAt) : Infinity));
  return Math.min(Infinity, ...times);
}

/** /sickbeds: the episodes I am responsible for, or my team's, with the next rounds due. */
export function SickbedListPage() {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const user = useUser();
  const teamId = user.scope.teamId ?? undefined;
  const [whose, setWhose] = useState<Whose>('mine');
  const [status, setStatus] = useState<SickbedStatus | 'all'>('active');

  const query = useMemo<SickbedListQuery>(() => {
    const q: SickbedListQuery = { limit: 100 };
    if (status !== 'all') q.status = status;
    if (whose === 'team' && teamId) q.teamId = teamId;
    else if (user.role === 'nurse') q.nurseId = user.id;
    else q.doctorId = user.id;
    return q;
  }, [status, whose, teamId, user.id, user.role]);
  const { data, error, isPending } = useSickbedList(query);
  const items = useMemo(() => {
    const list = data?.value.items ?? [];
    return list.map((item, index) => ({ item, index })).sort((a, b) => soonestDue(a.item) - soonestDue(b.item) || a.index - b.index).map((x) => x.item);
  }, [data]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      <Flex wrap gap="small" align="center">
        {teamId && (
          <Segmented<Whose>
            aria-label={t.whose}
            value={whose}
            onChange={setWhose}
            options={[{ value: 'mine', label: t.mine }, { value: 'team', label: t.team }]}
          />
        )}
        <Select<SickbedStatus | 'all'>
          aria-label={t.status}
          value={status}
          onChange={setStatus}
          style={{ minWidth: 140 }}
          options={[{ value: 'all', label: t.allStatuses }, ...SICKBED_STATUSES.map((s) => ({ value: s, label: label('sickbed_status', s) }))]}
        />
      </Flex>
      {!teamId && <Alert type="info" showIcon title={t.noTeam} />}
      {data?.offline && <Alert type="warning" showIcon title={t.offline(formatDateTime(data.savedAt, language))} />}
      {error && !data ? <ProblemAlert error={error} /> : isPending ? <Loading /> : items.length === 0 ? (
        <Empty description={t.empty} />
      ) : (
        <>
          <Typography.Text>{t.count(items.length)}</Typography.Text>
          <ul aria-label={t.title} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 12 }}>
            {items.map((item) => (
              <li key={item.id}>
                <Card size="small">
                  <Flex justify="space-between" align="start" gap="small">
                    <Link to={`/sickbeds/${item.id}`} style={{ fontSize: 16, fontWeight: 600 }}>
                      {item.resident.name} · {label('sex', item.resident.sex)} · {item.resident.age}
                    </Link>
                    <SickbedStatusTag status={item.status} />
                  </Flex>
                  <div>
                    {t.diagnosis}: {item.admissionDiagnosis ? `${item.admissionDiagnosis.name}（${item.admissionDiagnosis.code}）` : item.conditionSummary}
                  </div>
                  {item.bedType && <div>{t.bed}: {label('bed_type', item.bedType)}</div>}
                  {item.plannedEndDate && (
                    <div>
                      {t.plannedEnd}: {item.plannedEndDate}
                      {item.cycleOverdue && <Typography.Text type="danger"> · {t.overdue}</Typography.Text>}
                    </div>
                  )}
                  {item.status === 'active' && <ScheduleLines schedule={item.schedule} />}
                </Card>
              </li>
            ))}
          </ul>
          {data?.value.nextCursor && <Alert type="info" showIcon title={t.more} />}
        </>
      )}
    </Space>
  );
}
