import { Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { api, call } from '../../api/client';
import type { components } from '../../api/schema';
import { useUser } from '../../auth/session';
import { useLabel, useMessages } from '../../i18n';
import { useFormSubmit } from '../../shell/use-form-submit';
import { temporaryPassword } from './format';
import { keys, useCounties, useInstitutions, useTeams } from './org-queries';
import { staffMessages } from './staff-messages';

type CreateStaff = components['schemas']['CreateStaffDto'];

/** The roles the caller may create (domain.md §2.1: nobody creates an account stronger than their own scope). */
function creatableRoles(role: string): CreateStaff['role'][] {
  return role === 'institution_admin' ? ['gp', 'nurse', 'referral_desk'] : ['county_admin', 'institution_admin', 'gp', 'nurse', 'referral_desk'];
}

export function CreateStaffModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useMessages(staffMessages);
  const label = useLabel();
  const user = useUser();
  const [form] = Form.useForm<CreateStaff>();
  const role = Form.useWatch('role', form);
  const institutionId = Form.useWatch('institutionId', form);
  const system = user.role === 'system_admin';
  const counties = useCounties();
  const institutions = useInstitutions(system ? undefined : user.scope.countyId);
  const teams = useTeams(institutionId);
  const fixedInstitution = user.role === 'institution_admin' ? user.scope.institutionId ?? undefined : undefined;

  const { submit, saving: busy } = useFormSubmit(
    form,
    async (values: CreateStaff) => {
      const body: CreateStaff = {
        username: values.username.trim(),
        password: values.password,
        displayName: values.displayName.trim(),
        role: values.role,
        ...(values.role === 'county_admin'
          ? { countyId: system ? values.countyId : user.scope.countyId ?? undefined }
          : { institutionId: fixedInstitution ?? values.institutionId }),
        ...((values.role === 'gp' || values.role === 'nurse') && values.teamId ? { teamId: values.teamId } : {}),
        ...(values.phone?.trim() ? { phone: values.phone.trim() } : {}),
      };
      return call(api.POST('/api/v1/staff', { body }));
    },
    {
      done: (created) => t.created(created.username),
      invalidate: [keys.staff],
      onDone: () => {
        form.resetFields();
        onClose();
      },
    },
  );


  const required = [{ required: true, message: t.required }];
  return (
    <Modal open={open} title={t.create} onCancel={onClose} footer={null} destroyOnHidden width={560}>
      <Form form={form} layout="vertical" onFinish={() => void submit()} initialValues={{ role: 'gp', institutionId: fixedInstitution }}>
        <Form.Item name="username" label={t.username} rules={required}><Input autoComplete="off" /></Form.Item>
        <Form.Item name="displayName" label={t.displayName} rules={required}><Input /></Form.Item>
        <Form.Item name="role" label={t.role} rules={required}>
          <Select options={creatableRoles(user.role).map((r) => ({ value: r, label: label('role', r) }))} />
        </Form.Item>
        {role === 'county_admin' && system && (
          <Form.Item name="countyId" label={t.county} rules={required}>
            <Select options={(counties.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        )}
        {role !== 'county_admin' && (
          <Form.Item name="institutionId" label={t.institution} rules={required} extra={t.institutionHint}>
            <Select
              disabled={!!fixedInstitution}
              showSearch={{ optionFilterProp: 'label' }}
              options={(institutions.data ?? []).map((i) => ({ value: i.id, label: i.name }))}
            />
          </Form.Item>
        )}
        {(role === 'gp' || role === 'nurse') && (
          <Form.Item name="teamId" label={t.team} extra={t.teamHint}>
            <Select allowClear options={(teams.data ?? []).filter((team) => team.institutionId === institutionId).map((team) => ({ value: team.id, label: team.name }))} />
          </Form.Item>
        )}
        <Form.Item name="phone" label={t.phone}><Input inputMode="tel" /></Form.Item>
        <Form.Item label={t.password} required extra={t.passwordRule}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item name="password" noStyle rules={required}><Input aria-label={t.password} autoComplete="new-password" /></Form.Item>
            <Button onClick={() => form.setFieldValue('password', temporaryPassword())}>{t.generate}</Button>
          </Space.Compact>
        </Form.Item>
        <Typography.Paragraph>{t.initialPasswordHint}</Typography.Paragraph>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t.create}</Button>
          <Button onClick={onClose}>{t.cancel}</Button>
        </Space>
      </Form>
    </Modal>
  );
}
