import { useQuery } from '@tanstack/react-query';
import { Checkbox, Space, Typography } from 'antd';
import { api, call } from '../../api/client';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { ProblemAlert } from '../../shell/problems';
import { formatYuan } from '../desk/format';

const messages = defineMessages(
  {
    loading: '正在加载服务包…', pay: (s: string) => `个人支付 ${s}`, for: (tags: string) => `适用人群：${tags}`, items: (n: number) => `${n} 项服务`,
  },
  {
    loading: 'Loading packages…', pay: (s: string) => `you pay ${s}`, for: (tags: string) => `For: ${tags}`, items: (n: number) => `${n} services`,
  },
);

export function useActivePackages() {
  return useQuery({
    queryKey: ['service-packages', 'active'],
    queryFn: () => call(api.GET('/api/v1/service-packages', { params: { query: { active: 'true', limit: 100 } } })),
    staleTime: 10 * 60_000,
  });
}

/** The county's active service packages as checkboxes (for a Form.Item: value / onChange are the package ids). */
export function PackagePicker({ value, onChange, id }: { value?: string[]; onChange?: (ids: string[]) => void; id?: string }) {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const packages = useActivePackages();
  if (packages.isLoading) return <Typography.Text>{t.loading}</Typography.Text>;
  if (packages.error) return <ProblemAlert error={packages.error} />;
  return (
    <div id={id} role="group">
    <Checkbox.Group value={value} onChange={(v) => onChange?.(v as string[])} style={{ width: '100%' }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {(packages.data?.items ?? []).map((p) => (
          <Checkbox key={p.id} value={p.id}>
            <Typography.Text strong>{p.name}</Typography.Text>（{label('package_kind', p.kind)}，{t.items(p.items.length)}，{t.pay(formatYuan(p.selfPayYuan, language))}）
            {p.targetPopulations.length > 0 && <div>{t.for(p.targetPopulations.map((tag) => label('population_tag', tag)).join('、'))}</div>}
          </Checkbox>
        ))}
      </Space>
    </Checkbox.Group>
    </div>
  );
}
