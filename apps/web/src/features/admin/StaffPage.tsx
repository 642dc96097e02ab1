import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Flex, Form, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { paths } from '../../api/schema';
import { useUser } from '../../auth/session';
import { useLabel, useMessages } from '../../i18n';
import { ProblemAlert, useShowProblem } from '../../shell/problems';
import { CreateStaffModal } from './CreateStaffModal';
import { keys, namesById, useInstitutions, useTeams, type Staff } from './org-queries';
import { Pager } from './Pager';
import { ResetPasswordModal } from './ResetPasswordModal';
import { staffMessages } from './staff-messages';
import { useCursorPages } from './use-cursor-pages';

type StaffQuery = NonNullable<paths['/api/v1/staff']['get']['parameters']['query']>;
const ROLES: NonNullable<StaffQuery['role']>[] = ['county_admin', 'institution_admin', 'gp', 'nurse', 'referral_desk'];

/** /admin/staff: the accounts of the caller's scope, filtered by institution, team and role; create, disable, reset. */
export default function StaffPage() {
  const t = useMessages(staffMessages);
  const label = useLabel();
  const user = useUser();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const showProblem = useShowProblem();
  const [filters, setFilters] = useState<{ institutionId?: string; teamId?: string; role?: StaffQuery['role'] }>({});
  const pages = useCursorPages(JSON.stringify(filters));
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Staff | null>(null);
  const institutions = useInstitutions(user.role === 'system_admin' ? undefined : user.scope.countyId);
  const teams = useTeams(filters.institutionId);
  const allTeams = useTeams();
  const institutionNames = namesById(institutions.data);
  const teamNames = namesById(allTeams.data);

  const list = useQuery({
    queryKey: [...keys.staff, 'list', filters, pages.cursor],
    queryFn: () => call(api.GET('/api/v1/staff', { params: { query: { limit: 50, ...clean(filters), ...(pages.cursor ? { cursor: pages.cursor } : {}) } } })),
  });

  const setStatus = useMutation({
    mutationFn: (staff: Staff) => call(api.PATCH('/api/v1/staff/{id}', {
      params: { path: { id: staff.id } },
      body: { status: staff.status === 'active' ? 'disabled' : 'active', version: staff.version },
    })),
    onSuccess: (updated) => {
      void message.success(updated.status === 'active' ? t.enabled : t.disabled);
      void queryClient.invalidateQueries({ queryKey: keys.staff });
    },
    onError: showProblem,
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>{t.create}</Button>
      </Flex>
      <Form layout="inline" aria-label={t.filters} style={{ rowGap: 12 }}>
        {user.role !== 'institution_admin' && (
          <Form.Item label={t.institution} htmlFor="staff-filter-institution">
            <Select
              id="staff-filter-institution"
              style={{ width: 220 }}
              allowClear
              placeholder={t.any}
              value={filters.institutionId}
              onChange={(institutionId) => setFilters((f) => ({ ...f, institutionId, teamId: undefined }))}
              options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t.team} htmlFor="staff-filter-team">
          <Select
            id="staff-filter-team"
            style={{ width: 180 }}
            allowClear
            placeholder={t.any}
            value={filters.teamId}
            onChange={(teamId) => setFilters((f) => ({ ...f, teamId }))}
            options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
          />
        </Form.Item>
        <Form.Item label={t.role} htmlFor="staff-filter-role">
          <Select
            id="staff-filter-role"
            style={{ width: 160 }}
            allowClear
            placeholder={t.any}
            value={filters.role}
            onChange={(role) => setFilters((f) => ({ ...f, role }))}
            options={ROLES.map((r) => ({ value: r, label: label('role', r) }))}
          />
        </Form.Item>
      </Form>
      {list.isError && <ProblemAlert error={list.error} />}
      <Table<Staff>
        rowKey="id"
        size="middle"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t.empty }}
        columns={[
          { title: t.username, dataIndex: 'username' },
          { title: t.displayName, dataIndex: 'displayName' },
          { title: t.role, dataIndex: 'role', render: (role: string) => label('role', role) },
          { title: t.institution, dataIndex: 'institutionId', render: (id: string | null) => (id ? institutionNames.get(id) ?? id : t.none) },
          { title: t.team, dataIndex: 'teamId', render: (id: string | null) => (id ? teamNames.get(id) ?? id : t.none) },
          { title: t.phone, dataIndex: 'phone', render: (phone: string | null) => phone ?? t.none },
          {
            title: t.status,
            dataIndex: 'status',
            render: (status: string) => (
              <Typography.Text>{status === 'active' ? <CheckCircleOutlined style={{ color: '#389e0d' }} /> : <StopOutlined />} {label('staff_status', status)}</Typography.Text>
            ),
          },
          {
            title: t.actions,
            render: (_, staff) => (
              <Space>
                <Popconfirm
                  title={staff.status === 'active' ? t.disableConfirm(staff.displayName) : t.enableConfirm(staff.displayName)}
                  okText={t.ok}
                  cancelText={t.cancel}
                  onConfirm={() => setStatus.mutateAsync(staff).catch(() => undefined)}
                >
                  <Button size="small" danger={staff.status === 'active'} disabled={staff.id === user.id}>
                    {staff.status === 'active' ? t.disable : t.enable}
                  </Button>
                </Popconfirm>
                <Button size="small" onClick={() => setResetting(staff)} disabled={staff.id === user.id}>{t.resetPassword}</Button>
              </Space>
            ),
          },
        ]}
      />
      <Pager page={pages.page} hasPrevious={pages.hasPrevious} nextCursor={list.data?.nextCursor} onPrevious={pages.previous} onNext={() => pages.next(list.data?.nextCursor)} />
      <CreateStaffModal open={creating} onClose={() => setCreating(false)} />
      <ResetPasswordModal staff={resetting} onClose={() => setResetting(null)} />
    </Flex>
  );
}

function clean<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v)) as Partial<T>;
}
