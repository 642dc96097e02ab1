import { Progress, Typography } from 'antd';
import type { components } from '../../api/schema';
import { defineMessages, useLabel, useMessages } from '../../i18n';

type Fulfilment = components['schemas']['FulfilmentView'];

const messages = defineMessages(
  {
    title: '履约情况', overall: '总体完成', counted: (c: number, p: number) => `已完成 ${c} / 应完成 ${p} 次`,
    delivered: (d: number) => `实际提供 ${d} 次`, bar: (name: string) => `${name}完成度`, none: '签约生效后开始计算履约。',
    help: '“已完成”按服务包约定计算：同一周期内多次服务只计一次，超出约定次数的不再累计。',
  },
  {
    title: 'Fulfilment', overall: 'Overall', counted: (c: number, p: number) => `${c} of ${p} done`,
    delivered: (d: number) => `${d} delivered`, bar: (name: string) => `${name} fulfilment`, none: 'Fulfilment is counted once the contract is in force.',
    help: '"Done" follows the package: several services in one period count once, and deliveries beyond the promise are not added.',
  },
);

function percent(rate: number): number {
  return Math.round(rate * 100);
}

/** Fulfilment per item and overall, as bars with the numbers in words (a bar alone is not enough). */
export function FulfilmentSection({ fulfilment }: { fulfilment: Fulfilment | undefined }) {
  const t = useMessages(messages);
  const label = useLabel();
  return (
    <section>
      <Typography.Title level={4} style={{ fontSize: 15 }}>{t.title}</Typography.Title>
      {!fulfilment || fulfilment.overall.promised === 0 ? (
        <Typography.Paragraph>{t.none}</Typography.Paragraph>
      ) : (
        <>
          <div style={{ marginBottom: 12 }}>
            <Typography.Text strong>{t.overall}：{t.counted(fulfilment.overall.counted, fulfilment.overall.promised)}（{percent(fulfilment.overall.rate)}%）</Typography.Text>
            <Progress percent={percent(fulfilment.overall.rate)} aria-label={t.bar(t.overall)} showInfo={false} />
          </div>
          {fulfilment.items.map((item) => (
            <div key={item.code} style={{ marginBottom: 8 }} data-testid={`fulfilment-${item.code}`}>
              <Typography.Text>{item.name}（{label('service_modality', item.modality)}）</Typography.Text>
              <Progress percent={percent(item.rate)} aria-label={t.bar(item.name)} size="small" />
              <Typography.Text>{t.counted(item.counted, item.promised)}；{t.delivered(item.delivered)}</Typography.Text>
            </div>
          ))}
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, fontSize: 13 }}>{t.help}</Typography.Paragraph>
        </>
      )}
    </section>
  );
}
