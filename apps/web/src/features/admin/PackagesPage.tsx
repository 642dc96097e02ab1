import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Form, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { useUser } from '../../auth/session';
import { useLabel, useLanguage, useMessages } from '../../i18n';
import { ProblemAlert } from '../../shell/problems';
import { CreatePackageModal } from './CreatePackageModal';
import { number } from './format';
import { keys } from './org-queries';
import { PackageDrawer } from './PackageDrawer';
import { packageMessages } from './package-messages';
import { Pager } from './Pager';
import { useCursorPages } from './use-cursor-pages';

type Package = components['schemas']['ServicePackageView'];
type PackageQuery = NonNullable<paths['/api/v1/service-packages']['get']['parameters']['query']>;

/** /admin/packages: the county's service packages, each with its items; county and institution admins create them. */
export default function PackagesPage() {
  const t = useMessages(packageMessages);
  const label = useLabel();
  const { language } = useLanguage();
  const user = useUser();
  const [filters, setFilters] = useState<{ kind?: PackageQuery['kind']; active?: PackageQuery['active'] }>({});
  const pages = useCursorPages(JSON.stringify(filters));
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const mayCreate = user.role === 'county_admin' || user.role === 'institution_admin';

  const list = useQuery({
    queryKey: [...keys.packages, filters, pages.cursor],
    queryFn: () => call(api.GET('/api/v1/service-packages', {
      params: { query: { limit: 50, ...(filters.kind ? { kind: filters.kind } : {}), ...(filters.active ? { active: filters.active } : {}), ...(pages.cursor ? { cursor: pages.cursor } : {}) } },
    })),
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
        {mayCreate && <Button type="primary" onClick={() => setCreating(true)}>{t.create}</Button>}
      </Flex>
      <Form layout="inline">
        <Form.Item label={t.kind} htmlFor="package-filter-kind">
          <Select
            id="package-filter-kind"
            style={{ width: 160 }}
            allowClear
            placeholder={t.any}
            value={filters.kind}
            onChange={(kind) => setFilters((f) => ({ ...f, kind }))}
            options={(['basic', 'personalized'] as const).map((k) => ({ value: k, label: label('package_kind', k) }))}
          />
        </Form.Item>
        <Form.Item label={t.active} htmlFor="package-filter-active">
          <Select
            id="package-filter-active"
            style={{ width: 140 }}
            allowClear
            placeholder={t.any}
            value={filters.active}
            onChange={(active) => setFilters((f) => ({ ...f, active }))}
            options={[{ value: 'true', label: t.activeYes }, { value: 'false', label: t.activeNo }]}
          />
        </Form.Item>
      </Form>
      {list.isError && <ProblemAlert error={list.error} />}
      <Table<Package>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t.empty }}
        columns={[
          { title: t.code, dataIndex: 'code' },
          { title: t.name, dataIndex: 'name' },
          { title: t.kind, dataIndex: 'kind', render: (k: string) => label('package_kind', k) },
          {
            title: t.targets,
            dataIndex: 'targetPopulations',
            render: (tags: string[]) => (tags.length ? tags.map((tag) => <Tag key={tag}>{label('population_tag', tag)}</Tag>) : t.everyone),
          },
          { title: t.price, dataIndex: 'priceYuan', render: (v: number) => number(v, language) },
          { title: t.selfPay, dataIndex: 'selfPayYuan', render: (v: number) => number(v, language) },
          { title: t.items, dataIndex: 'items', render: (items: Package['items']) => items.length },
          { title: t.active, dataIndex: 'active', render: (a: boolean) => (a ? t.activeYes : t.activeNo) },
          { title: t.actions, render: (_, p) => <Button size="small" onClick={() => setOpen(p.id)}>{t.detail}</Button> },
        ]}
      />
      <Pager page={pages.page} hasPrevious={pages.hasPrevious} nextCursor={list.data?.nextCursor} onPrevious={pages.previous} onNext={() => pages.next(list.data?.nextCursor)} />
      {mayCreate && <CreatePackageModal open={creating} onClose={() => setCreating(false)} />}
      <PackageDrawer id={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
