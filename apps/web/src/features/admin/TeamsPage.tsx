import { Button, Flex, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useUser } from '../../auth/session';
import { useMessages } from '../../i18n';
import { ProblemAlert } from '../../shell/problems';
import { useFormSubmit } from '../../shell/use-form-submit';
import { keys, namesById, useInstitutions, useTeams, type Team } from './org-queries';
import { TeamMembersDrawer } from './TeamMembersDrawer';
import { teamMessages } from './team-messages';

/** /admin/teams: the GP teams of the scope, creating one, and each team's members. */
export default function TeamsPage() {
  const t = useMessages(teamMessages);
  const user = useUser();
  const [institutionId, setInstitutionId] = useState<string | undefined>(user.role === 'institution_admin' ? user.scope.institutionId ?? undefined : undefined);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<Team | null>(null);
  const institutions = useInstitutions(user.role === 'system_admin' ? undefined : user.scope.countyId);
  const names = namesById(institutions.data);
  const teams = useTeams(institutionId);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
        <Button type="primary" onClick={() => setCreating(true)}>{t.create}</Button>
      </Flex>
      {user.role !== 'institution_admin' && (
        <Form layout="inline">
          <Form.Item label={t.institution} htmlFor="team-filter-institution">
            <Select
              id="team-filter-institution"
              style={{ width: 240 }}
              allowClear
              placeholder={t.any}
              value={institutionId}
              onChange={setInstitutionId}
              options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
        </Form>
      )}
      {teams.isError && <ProblemAlert error={teams.error} />}
      <Table<Team>
        rowKey="id"
        loading={teams.isPending}
        dataSource={teams.data ?? []}
        pagination={false}
        locale={{ emptyText: t.empty }}
        columns={[
          { title: t.name, dataIndex: 'name' },
          { title: t.institution, dataIndex: 'institutionId', render: (id: string) => names.get(id) ?? id },
          { title: t.servicePhone, dataIndex: 'servicePhone', render: (v: string | null) => v ?? t.none },
          { title: t.actions, render: (_, team) => <Button size="small" onClick={() => setOpen(team)}>{t.members}</Button> },
        ]}
      />
      <CreateTeamModal open={creating} onClose={() => setCreating(false)} institutions={institutions.data ?? []} />
      <TeamMembersDrawer team={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}

type CreateTeam = components['schemas']['CreateTeamDto'];

function CreateTeamModal({ open, onClose, institutions }: { open: boolean; onClose(): void; institutions: { id: string; name: string }[] }) {
  const t = useMessages(teamMessages);
  const user = useUser();
  const [form] = Form.useForm<CreateTeam>();
  const fixed = user.role === 'institution_admin' ? user.scope.institutionId ?? undefined : undefined;

  const { submit, saving: busy } = useFormSubmit(
    form,
    async (values: CreateTeam) => {
      return call(api.POST('/api/v1/teams', {
        body: { institutionId: fixed ?? values.institutionId, name: values.name.trim(), ...(values.servicePhone?.trim() ? { servicePhone: values.servicePhone.trim() } : {}) },
      }));
    },
    {
      done: (created) => t.created(created.name),
      invalidate: [keys.teams],
      onDone: () => {
        form.resetFields();
        onClose();
      },
    },
  );


  return (
    <Modal open={open} title={t.create} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={() => void submit()} initialValues={{ institutionId: fixed }}>
        <Form.Item name="institutionId" label={t.institution} rules={[{ required: true, message: t.required }]}>
          <Select disabled={!!fixed} options={institutions.map((i) => ({ value: i.id, label: i.name }))} />
        </Form.Item>
        <Form.Item name="name" label={t.name} rules={[{ required: true, whitespace: true, message: t.required }]}><Input /></Form.Item>
        <Form.Item name="servicePhone" label={t.servicePhone} extra={t.servicePhoneHint}><Input inputMode="tel" /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t.create}</Button>
          <Button onClick={onClose}>{t.cancel}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
