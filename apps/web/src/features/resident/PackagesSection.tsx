import { Typography } from 'antd';
import type { components } from '../../api/schema';
import { formatYuan } from '../desk/format';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';

type Package = components['schemas']['ContractPackageView'];

const messages = defineMessages(
  {
    title: '签约服务内容', price: (p: string, s: string) => `价格 ${p}，个人支付 ${s}`, times: (n: number) => `每年 ${n} 次`,
    needs: (d: string) => `需记录：${d}`,
  },
  {
    title: 'What is covered', price: (p: string, s: string) => `Price ${p}, you pay ${s}`, times: (n: number) => `${n} a year`,
    needs: (d: string) => `Records: ${d}`,
  },
);

/** The packages of a contract and their items: what the team promised to deliver each contract year. */
export function PackagesSection({ packages }: { packages: Package[] }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  return (
    <section>
      <Typography.Title level={4} style={{ fontSize: 15 }}>{t.title}</Typography.Title>
      {packages.map((p) => (
        <div key={p.id} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{p.name}</Typography.Text>
          <Typography.Text>（{label('package_kind', p.kind)}）</Typography.Text>
          <div>{t.price(formatYuan(p.priceYuan, language), formatYuan(p.selfPayYuan, language))}</div>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {p.items.map((i) => (
              <li key={i.code}>
                {i.name}：{t.times(i.timesPerYear)}，{label('service_modality', i.modality)}
                {i.requiredData.length > 0 && `；${t.needs(i.requiredData.map((d) => label('required_data', d)).join('、'))}`}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
