import { Card, Progress, Typography } from 'antd';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { CardList } from './parts';
import type { Contract } from './queries';

const messages = defineMessages(
  {
    overall: '总体履约', items: '各服务项目履约',
    counted: (counted: number, promised: number, pct: number) => `已履约 ${counted}/${promised} 次（${pct}%）`,
    delivered: (n: number) => `符合要求的服务 ${n} 次（含超出部分）`,
  },
  {
    overall: 'Overall fulfilment', items: 'Fulfilment per item',
    counted: (counted: number, promised: number, pct: number) => `${counted} of ${promised} done (${pct}%)`,
    delivered: (n: number) => `${n} qualifying services (surplus included)`,
  },
);

const percent = (counted: number, promised: number) => (promised > 0 ? Math.round((counted / promised) * 100) : 0);

/** Fulfilment per item and overall as bars, with the numbers in text (counted / promised). */
export function FulfilmentBars({ fulfilment }: { fulfilment: NonNullable<Contract['fulfilment']> }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { overall } = fulfilment;
  const overallPct = percent(overall.counted, overall.promised);
  return (
    <div>
      <Card size="small" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t.overall}</Typography.Text>
        <div><Typography.Text data-testid="fulfilment-overall">{t.counted(overall.counted, overall.promised, overallPct)}</Typography.Text></div>
        <Progress percent={overallPct} showInfo={false} aria-label={t.overall} aria-valuetext={t.counted(overall.counted, overall.promised, overallPct)} />
      </Card>
      <CardList label={t.items}>
        {fulfilment.items.map((item) => {
          const pct = percent(item.counted, item.promised);
          const text = t.counted(item.counted, item.promised, pct);
          return (
            <li key={item.code}>
              <Card size="small">
                <Typography.Text strong>{item.name}</Typography.Text>
                <Typography.Text>{' · '}{label('service_modality', item.modality)}</Typography.Text>
                <div><Typography.Text>{text}</Typography.Text></div>
                <Progress percent={pct} showInfo={false} status={pct >= 100 ? 'success' : 'normal'} aria-label={item.name} aria-valuetext={text} />
                {item.delivered > item.counted && <Typography.Text>{t.delivered(item.delivered)}</Typography.Text>}
              </Card>
            </li>
          );
        })}
      </CardList>
    </div>
  );
}
