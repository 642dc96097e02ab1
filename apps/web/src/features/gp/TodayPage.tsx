import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, call } from '../../api/client';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { useCachedQuery } from '../../offline/cached-query';
import { Loading } from '../../shell/Loading';
import { ProblemAlert, useShowProblem } from '../../shell/problems';
import { CardList, dateTime, OfflineNote, ResidentName, ScreenTitle } from './parts';
import { StatusTag } from '../../shell/StatusTag';
import { keys, loadFollowUps, loadNotifications, loadRounds, type FollowUp, type Notification, type RoundWorkItem } from './queries';

const messages = defineMessages(
  {
    title: '今日工作',
    hello: (name: string) => `${name}，您好`,
    followUps: '待随访', followUpsEmpty: '本周没有待完成的随访',
    due: (d: string) => `应完成日期 ${d}`,
    window: (from: string, to: string) => `服务周期 ${from} 至 ${to}`,
    progress: (done: number, of: number) => `已完成 ${done}/${of} 次`,
    rounds: '家庭病床查房', roundsEmpty: '今天没有到期的查房',
    roundDue: (d: string) => `应查房日期 ${d}`,
    lastRound: (at: string) => `上次查房 ${at}`, noRoundYet: '尚未查房',
    notifications: '未读消息', notificationsEmpty: '没有未读消息', markRead: '标为已读', open: '查看',
    more: '还有更多，请按团队分批处理',
    overdueCount: (n: number) => `逾期 ${n} 项`,
    weekCount: (n: number) => `本周 ${n} 项`,
  },
  {
    title: 'Today',
    hello: (name: string) => `Hello, ${name}`,
    followUps: 'Follow-ups due', followUpsEmpty: 'No follow-up is due this week',
    due: (d: string) => `Due ${d}`,
    window: (from: string, to: string) => `Period ${from} to ${to}`,
    progress: (done: number, of: number) => `Done ${done} of ${of}`,
    rounds: 'Household sickbed rounds', roundsEmpty: 'No round is due today',
    roundDue: (d: string) => `Round due ${d}`,
    lastRound: (at: string) => `Last round ${at}`, noRoundYet: 'No round yet',
    notifications: 'Unread notifications', notificationsEmpty: 'No unread notifications', markRead: 'Mark as read', open: 'Open',
    more: 'There are more: work through them by team',
    overdueCount: (n: number) => `${n} overdue`,
    weekCount: (n: number) => `${n} this week`,
  },
);

function FollowUpCard({ item }: { item: FollowUp }) {
  const t = useMessages(messages);
  const label = useLabel();
  const overdue = item.urgency === 'overdue';
  const to = item.contractId ? `/clinic/contracts/${item.contractId}` : item.sourceType === 'referral' ? `/clinic/referrals/${item.sourceId}` : `/clinic/residents/${item.residentId}`;
  return (
    <li>
      <Link to={to} style={{ display: 'block' }}>
        <Card size="small" hoverable style={overdue ? { borderColor: '#ff4d4f' } : undefined}>
          <Flex justify="space-between" align="start" gap={8}>
            <Typography.Text strong>{item.itemName}</Typography.Text>
            <StatusTag tone={overdue ? 'danger' : 'info'}>{label('follow_up_urgency', item.urgency)}</StatusTag>
          </Flex>
          <div><ResidentName resident={item.resident} /></div>
          <Typography.Text>{t.due(item.dueDate)}{' · '}{label('service_modality', item.modality)}</Typography.Text>
          <div>
            <Typography.Text>{t.progress(item.deliveredCount, item.dueCount)}</Typography.Text>
            {item.kind !== 'package_item' && <Tag style={{ marginInlineStart: 8 }}>{label('follow_up_kind', item.kind)}</Tag>}
          </div>
        </Card>
      </Link>
    </li>
  );
}

function FollowUps() {
  const t = useMessages(messages);
  const overdue = useCachedQuery(keys.followUps('overdue'), () => loadFollowUps('overdue'));
  const week = useCachedQuery(keys.followUps('this_week'), () => loadFollowUps('this_week'));
  if (overdue.isPending || week.isPending) return <Loading />;
  if (overdue.isError) return <ProblemAlert error={overdue.error} />;
  if (week.isError) return <ProblemAlert error={week.error} />;
  const items = [...overdue.data.value.items, ...week.data.value.items];
  const more = !!overdue.data.value.nextCursor || !!week.data.value.nextCursor;
  return (
    <>
      <OfflineNote data={overdue.data.offline ? overdue.data : week.data} />
      <Typography.Paragraph>
        {t.overdueCount(overdue.data.value.items.length)}{' · '}{t.weekCount(week.data.value.items.length)}
      </Typography.Paragraph>
      {items.length === 0 ? <Empty description={t.followUpsEmpty} /> : (
        <CardList label={t.followUps}>{items.map((item) => <FollowUpCard key={item.id} item={item} />)}</CardList>
      )}
      {more && <Typography.Paragraph style={{ marginTop: 8 }}>{t.more}</Typography.Paragraph>}
    </>
  );
}

function RoundCard({ item }: { item: RoundWorkItem }) {
  const t = useMessages(messages);
  const label = useLabel();
  const overdue = item.dueState === 'overdue';
  return (
    <li>
      <Link to={`/sickbeds/${item.episodeId}`} style={{ display: 'block' }}>
        <Card size="small" hoverable style={overdue ? { borderColor: '#ff4d4f' } : undefined}>
          <Flex justify="space-between" align="start" gap={8}>
            <Typography.Text strong>{label('round_kind', item.kind)}</Typography.Text>
            <StatusTag tone={overdue ? 'danger' : 'info'}>{label('round_due_state', item.dueState)}</StatusTag>
          </Flex>
          <div><ResidentName resident={item.resident} /></div>
          <Typography.Text>{t.roundDue(item.dueDate)}{' · '}{item.lastRoundAt ? t.lastRound(dateTime(item.lastRoundAt)) : t.noRoundYet}</Typography.Text>
        </Card>
      </Link>
    </li>
  );
}

function Rounds() {
  const t = useMessages(messages);
  const overdue = useCachedQuery(keys.rounds('overdue'), () => loadRounds('overdue'));
  const today = useCachedQuery(keys.rounds('today'), () => loadRounds('today'));
  if (overdue.isPending || today.isPending) return <Loading />;
  if (overdue.isError) return <ProblemAlert error={overdue.error} />;
  if (today.isError) return <ProblemAlert error={today.error} />;
  const items = [...overdue.data.value.items, ...today.data.value.items];
  return (
    <>
      <OfflineNote data={overdue.data.offline ? overdue.data : today.data} />
      {items.length === 0 ? <Empty description={t.roundsEmpty} /> : (
        <CardList label={t.rounds}>{items.map((item) => <RoundCard key={`${item.episodeId}:${item.kind}`} item={item} />)}</CardList>
      )}
    </>
  );
}

/** Where a notification's subject is shown in the app. */
function subjectLink(n: Notification): string | null {
  if (n.subjectType === 'contract') return `/clinic/contracts/${n.subjectId}`;
  if (n.subjectType === 'sickbed') return `/sickbeds/${n.subjectId}`;
  if (n.subjectType === 'referral') return `/clinic/referrals/${n.subjectId}`;
  if (n.residentId) return `/clinic/residents/${n.residentId}`;
  return null;
}

/** The facts of a notification (data), as "key value" pairs in plain text. */
function facts(n: Notification, label: ReturnType<typeof useLabel>): string {
  const data = n.data ?? {};
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === null || value === undefined || value === '') continue;
    if (key === 'roundKind') parts.push(label('round_kind', String(value)));
    else if (key === 'status') parts.push(label('referral_status', String(value)));
    else if (key === 'urgency') parts.push(label('referral_urgency', String(value)));
    else if (key === 'direction') parts.push(label('referral_direction', String(value)));
    else parts.push(String(value));
  }
  return parts.join(' · ');
}

function Notifications() {
  const t = useMessages(messages);
  const label = useLabel();
  const queryClient = useQueryClient();
  const showProblem = useShowProblem();
  const query = useCachedQuery(keys.notifications, loadNotifications);
  const markRead = useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cached', ...keys.notifications] }),
    onError: showProblem,
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  const items = query.data.value.items;
  return (
    <>
      <OfflineNote data={query.data} />
      {items.length === 0 ? <Empty description={t.notificationsEmpty} /> : (
        <CardList label={t.notifications}>
          {items.map((n) => {
            const to = subjectLink(n);
            return (
              <li key={n.id}>
                <Card size="small">
                  <Typography.Text strong>{label('notification_kind', n.kind)}</Typography.Text>
                  <div><Typography.Text>{facts(n, label)}</Typography.Text></div>
                  <div><Typography.Text>{dateTime(n.createdAt)}</Typography.Text></div>
                  <Flex gap={8} style={{ marginTop: 8 }}>
                    {to && <Link to={to}><Button size="small">{t.open}</Button></Link>}
                    <Button size="small" disabled={query.data.offline} loading={markRead.isPending && markRead.variables === n.id} onClick={() => markRead.mutate(n.id)}>{t.markRead}</Button>
                  </Flex>
                </Card>
              </li>
            );
          })}
        </CardList>
      )}
    </>
  );
}

/** 今日工作: follow-ups due (overdue first), sickbed rounds due, unread notifications. Works offline from the last copy. */
export function TodayPage() {
  const t = useMessages(messages);
  const user = useUser();
  return (
    <div style={{ maxWidth: 720 }}>
      <ScreenTitle extra={<Typography.Text>{t.hello(user.displayName)}</Typography.Text>}>{t.title}</ScreenTitle>
      <section aria-labelledby="today-follow-ups">
        <Typography.Title level={3} id="today-follow-ups" style={{ fontSize: 18 }}>{t.followUps}</Typography.Title>
        <FollowUps />
      </section>
      <section aria-labelledby="today-rounds" style={{ marginTop: 24 }}>
        <Typography.Title level={3} id="today-rounds" style={{ fontSize: 18 }}>{t.rounds}</Typography.Title>
        <Rounds />
      </section>
      <section aria-labelledby="today-notifications" style={{ marginTop: 24 }}>
        <Typography.Title level={3} id="today-notifications" style={{ fontSize: 18 }}>{t.notifications}</Typography.Title>
        <Notifications />
      </section>
    </div>
  );
}
