import { Button, Card, Empty, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useUser } from '../../auth/session';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { formatDateTime } from './format';
import { can, useOrders, type Order, type Sickbed } from './queries';
import { StopOrderModal } from './StopOrderModal';

const messages = defineMessages(
  {
    title: '医嘱', inForce: '在用医嘱', stopped: '已停医嘱', none: '无', longTerm: '长期', temporary: '临时', started: '开立',
    stoppedAt: '停止', reason: '原因', stop: '停止', stopLabel: (c: string) => `停止医嘱：${c}`, closed: '撤床时自动停止',
  },
  {
    title: 'Orders', inForce: 'In force', stopped: 'Stopped', none: 'None', longTerm: 'Long-term', temporary: 'One-off', started: 'Started',
    stoppedAt: 'Stopped', reason: 'Reason', stop: 'Stop', stopLabel: (c: string) => `Stop order: ${c}`, closed: 'stopped when the bed was closed',
  },
);

function OrderLine({ order, onStop }: { order: Order; onStop?: () => void }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const details = [order.dose, order.route, order.frequency].filter(Boolean).join(' · ');
  return (
    <li data-order-id={order.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex justify="space-between" align="start" gap="small">
        <div>
          <Tag>{label('sickbed_order_type', order.type)}</Tag>
          <Tag>{order.longTerm ? t.longTerm : t.temporary}</Tag>
          <Typography.Text strong>{order.content}</Typography.Text>
          {details && <div>{details}</div>}
          <div>{t.started}: {formatDateTime(order.startedAt, language)}</div>
          {order.status === 'stopped' && (
            <div>
              {t.stoppedAt}: {formatDateTime(order.stoppedAt, language)}
              {order.stopReason && ` · ${t.reason}: ${order.stopReason === 'episode_closed' ? t.closed : order.stopReason}`}
            </div>
          )}
        </div>
        {onStop && <Button danger size="small" onClick={onStop} aria-label={t.stopLabel(order.content)}>{t.stop}</Button>}
      </Flex>
    </li>
  );
}

/** Orders in force (GP may stop them, with a reason) and those stopped. */
export function OrdersCard({ episode }: { episode: Sickbed }) {
  const t = useMessages(messages);
  const user = useUser();
  const { data, error, isPending } = useOrders(episode.id);
  const [stopping, setStopping] = useState<Order | null>(null);
  const orders = [...(data?.value.items ?? [])].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const active = orders.filter((o) => o.status === 'active');
  const stopped = orders.filter((o) => o.status === 'stopped').sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? ''));
  const mayStop = can(episode, user.role, 'stop_order') && !data?.offline;

  return (
    <Card size="small" title={<Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>{t.title}</Typography.Title>}>
      {error && !data ? <ProblemAlert error={error} /> : isPending ? <Loading /> : orders.length === 0 ? <Empty description={t.none} /> : (
        <>
          <Typography.Title level={4} style={{ fontSize: 15 }}>{t.inForce}</Typography.Title>
          {active.length === 0 ? <Typography.Text>{t.none}</Typography.Text> : (
            <ul aria-label={t.inForce} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {active.map((o) => <OrderLine key={o.id} order={o} onStop={mayStop ? () => setStopping(o) : undefined} />)}
            </ul>
          )}
          {stopped.length > 0 && (
            <>
              <Typography.Title level={4} style={{ fontSize: 15, marginTop: 12 }}>{t.stopped}</Typography.Title>
              <ul aria-label={t.stopped} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {stopped.map((o) => <OrderLine key={o.id} order={o} />)}
              </ul>
            </>
          )}
        </>
      )}
      <StopOrderModal episodeId={episode.id} order={stopping} onClose={() => setStopping(null)} />
    </Card>
  );
}
