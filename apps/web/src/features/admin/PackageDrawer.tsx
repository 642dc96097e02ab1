import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Flex, Table, Tag, Typography } from 'antd';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { number, percent } from './format';
import { keys, namesById, useInstitutions } from './org-queries';
import { packageMessages } from './package-messages';

type Item = components['schemas']['PackageItemView'];

/** GET /service-packages/:id: the package with every item it promises. */
export function PackageDrawer({ id, onClose }: { id: string | null; onClose(): void }) {
  const t = useMessages(packageMessages);
  const label = useLabel();
  const { language } = useLanguage();
  const detail = useQuery({
    queryKey: [...keys.packages, 'detail', id],
    enabled: !!id,
    queryFn: () => call(api.GET('/api/v1/service-packages/{id}', { params: { path: { id: id! } } })),
  });
  const institutions = useInstitutions(detail.data?.countyId);
  const names = namesById(institutions.data);
  const p = detail.data;
  return (
    <Drawer open={!!id} onClose={onClose} size={720} title={p ? t.detailTitle(p.name) : ''} destroyOnHidden>
      {detail.isPending && <Loading />}
      {detail.isError && <ProblemAlert error={detail.error} />}
      {p && (
        <Flex vertical gap={16}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t.code}>{p.code}</Descriptions.Item>
            <Descriptions.Item label={t.kind}>{label('package_kind', p.kind)}</Descriptions.Item>
            <Descriptions.Item label={t.price}>{number(p.priceYuan, language)}</Descriptions.Item>
            <Descriptions.Item label={t.selfPay}>{number(p.selfPayYuan, language)}（{t.share(percent(p.selfPayShare, language))}）</Descriptions.Item>
            <Descriptions.Item label={t.targets}>{p.targetPopulations.length ? p.targetPopulations.map((tag) => <Tag key={tag}>{label('population_tag', tag)}</Tag>) : t.everyone}</Descriptions.Item>
            <Descriptions.Item label={t.active}>{p.active ? t.activeYes : t.activeNo}</Descriptions.Item>
            <Descriptions.Item label={t.owner} span={2}>{p.ownerInstitutionId ? names.get(p.ownerInstitutionId) ?? p.ownerInstitutionId : t.county}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={3} style={{ margin: 0 }}>{t.items}</Typography.Title>
          <Table<Item>
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={p.items}
            columns={[
              { title: t.itemCode, dataIndex: 'code' },
              { title: t.itemName, dataIndex: 'name' },
              { title: t.timesPerYear, dataIndex: 'timesPerYear' },
              { title: t.modality, dataIndex: 'modality', render: (m: string) => label('service_modality', m) },
              { title: t.requiredData, dataIndex: 'requiredData', render: (d: string[]) => (d.length ? d.map((x) => label('required_data', x)).join('、') : t.none) },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
