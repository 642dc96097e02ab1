import { Alert, Flex, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiProblem } from '../../api/problem';
import { defineMessages, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { NotFound } from '../../shell/NotFound';
import { ProblemAlert } from '../../shell/problems';
import { EpisodeActions } from './EpisodeActions';
import { EpisodeCard } from './EpisodeCard';
import { formatDateTime } from './format';
import { OrdersCard } from './OrdersCard';
import { useSickbed } from './queries';
import { RoundsCard } from './RoundsCard';
import { SickbedStatusTag } from './Schedule';

const messages = defineMessages(
  {
    title: (name: string) => `家庭病床 · ${name}`, back: '返回家庭病床列表',
    offline: (at: string) => `离线：显示的是 ${at} 保存在本机的记录`, decision: '退回/不予建床原因', cancelled: '取消原因',
  },
  {
    title: (name: string) => `Household sickbed · ${name}`, back: 'Back to household sickbeds',
    offline: (at: string) => `Offline: the record kept on this device at ${at}`, decision: 'Reason given', cancelled: 'Reason for cancelling',
  },
);

/** /sickbeds/:id: the episode, its schedule, rounds and orders, and what the user may do now. */
export function SickbedPage() {
  const t = useMessages(messages);
  const { language } = useLanguage();
  const { id = '' } = useParams();
  const { data, error, isPending } = useSickbed(id);
  if (error && !data) return error instanceof ApiProblem && error.status === 404 ? <NotFound /> : <ProblemAlert error={error} />;
  if (isPending || !data) return <Loading />;
  const episode = data.value;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 760 }}>
      <Link to="/sickbeds">{t.back}</Link>
      <Flex wrap gap="small" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>{t.title(episode.resident.name)}</Typography.Title>
        <SickbedStatusTag status={episode.status} />
      </Flex>
      {data.offline && <Alert type="warning" showIcon title={t.offline(formatDateTime(data.savedAt, language))} />}
      {episode.decisionReason && <Alert type="info" showIcon title={`${t.decision}: ${episode.decisionReason}`} />}
      {episode.cancelReason && <Alert type="info" showIcon title={`${t.cancelled}: ${episode.cancelReason}`} />}
      <EpisodeActions episode={episode} offline={data.offline} />
      <EpisodeCard episode={episode} />
      {episode.cycleNo > 0 && <OrdersCard episode={episode} />}
      {episode.cycleNo > 0 && <RoundsCard episode={episode} />}
    </Space>
  );
}
