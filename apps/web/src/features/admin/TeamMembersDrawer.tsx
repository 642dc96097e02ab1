import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Drawer, Flex, Form, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert, useFormProblem } from '../../shell/problems';
import { dateTime } from './format';
import { keys, useInstitutionStaff, type Team } from './org-queries';
import { teamMessages } from './team-messages';

type AddMember = components['schemas']['AddTeamMemberDto'];
type MemberRole = AddMember['memberRole'];

/** domain.md §2.1: the team roles an account of each role may take. */
const MEMBER_ROLES: Record<string, MemberRole[]> = {
  gp: ['gp_lead', 'gp', 'village_doctor', 'specialist', 'tcm', 'health_manager'],
  nurse: ['nurse', 'public_health', 'health_manager', 'pharmacist'],
};

/** GET /teams/:id with its members (named from the institution's accounts) and POST /teams/:id/members. */
export function TeamMembersDrawer({ team, onClose }: { team: Team | null; onClose(): void }) {
  const t = useMessages(teamMessages);
  const label = useLabel();
  const { language } = useLanguage();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const onProblem = useFormProblem();
  const [form] = Form.useForm<AddMember>();
  const [busy, setBusy] = useState(false);
  const detail = useQuery({
    queryKey: keys.team(team?.id ?? ''),
    enabled: !!team,
    queryFn: () => call(api.GET('/api/v1/teams/{id}', { params: { path: { id: team!.id } } })),
  });
  const staff = useInstitutionStaff(team?.institutionId);
  const byId = new Map((staff.data ?? []).map((s) => [s.id, s]));
  const userId = Form.useWatch('userId', form);
  const chosen = userId ? byId.get(userId) : undefined;
  const clinicians = (staff.data ?? []).filter((s) => (s.role === 'gp' || s.role === 'nurse') && s.status === 'active');

  const submit = async (values: AddMember) => {
    if (!team) return;
    setBusy(true);
    try {
      await call(api.POST('/api/v1/teams/{id}/members', { params: { path: { id: team.id } }, body: values }));
      void message.success(t.added(byId.get(values.userId)?.displayName ?? ''));
      form.resetFields();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.team(team.id) }),
        queryClient.invalidateQueries({ queryKey: keys.staff }),
        queryClient.invalidateQueries({ queryKey: keys.teams }),
      ]);
    } catch (error) {
      onProblem(form, error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={!!team} onClose={onClose} size={640} title={team ? t.membersTitle(team.name) : ''} destroyOnHidden>
      {detail.isPending && <Loading />}
      {detail.isError && <ProblemAlert error={detail.error} />}
      {detail.data && (
        <Flex vertical gap={24}>
          <Table
            rowKey="userId"
            size="small"
            pagination={false}
            dataSource={detail.data.members ?? []}
            locale={{ emptyText: t.noMembers }}
            columns={[
              { title: t.member, dataIndex: 'userId', render: (id: string) => byId.get(id)?.displayName ?? id },
              { title: t.account, dataIndex: 'userId', render: (id: string) => label('role', byId.get(id)?.role) },
              { title: t.memberRole, dataIndex: 'memberRole', render: (r: string) => label('team_member_role', r) },
              { title: t.joinedAt, dataIndex: 'joinedAt', render: (at: string) => dateTime(at, language) },
            ]}
          />
          <div>
            <Typography.Title level={3}>{t.addMember}</Typography.Title>
            <Typography.Paragraph>{t.moveHint}</Typography.Paragraph>
            <Form form={form} layout="vertical" onFinish={submit}>
              <Form.Item name="userId" label={t.member} rules={[{ required: true, message: t.required }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={staff.isPending}
                  onChange={() => form.setFieldValue('memberRole', undefined)}
                  options={clinicians.map((s) => ({ value: s.id, label: `${s.displayName}（${label('role', s.role)}，${s.username}）` }))}
                />
              </Form.Item>
              <Form.Item name="memberRole" label={t.memberRole} rules={[{ required: true, message: t.required }]}>
                <Select
                  disabled={!chosen}
                  options={(chosen ? MEMBER_ROLES[chosen.role] ?? [] : []).map((r) => ({ value: r, label: label('team_member_role', r) }))}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>{t.addMember}</Button>
            </Form>
          </div>
        </Flex>
      )}
    </Drawer>
  );
}
