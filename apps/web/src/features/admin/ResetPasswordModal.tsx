import { App as AntApp, Alert, Button, Flex, Form, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, call } from '../../api/client';
import { useMessages } from '../../i18n';
import { useFormProblem } from '../../shell/problems';
import { temporaryPassword } from './format';
import type { Staff } from './org-queries';
import { staffMessages } from './staff-messages';

/** POST /staff/:id/password: a temporary password the user must replace at the next sign-in. */
export function ResetPasswordModal({ staff, onClose }: { staff: Staff | null; onClose(): void }) {
  const t = useMessages(staffMessages);
  const { message } = AntApp.useApp();
  const onProblem = useFormProblem();
  const [form] = Form.useForm<{ newPassword: string }>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (staff) {
      setDone(null);
      form.setFieldsValue({ newPassword: temporaryPassword() });
    }
  }, [staff, form]);

  const submit = async ({ newPassword }: { newPassword: string }) => {
    if (!staff) return;
    setBusy(true);
    try {
      await call(api.POST('/api/v1/staff/{id}/password', { params: { path: { id: staff.id } }, body: { newPassword } }));
      setDone(newPassword);
      void message.success(t.resetDone(staff.displayName));
    } catch (error) {
      onProblem(form, error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={!!staff} title={staff ? t.resetTitle(staff.displayName) : ''} onCancel={onClose} footer={null} forceRender>
      <Typography.Paragraph>{t.resetExplain}</Typography.Paragraph>
      {done ? (
        <Flex vertical gap={12}>
          <Alert type="success" showIcon title={t.resetDone(staff?.displayName ?? '')} description={<>{t.temporaryPassword}{' '}<Typography.Text code copyable>{done}</Typography.Text></>} />
          <Button onClick={onClose}>{t.ok}</Button>
        </Flex>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item label={t.temporaryPassword} required extra={t.passwordRule}>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="newPassword" noStyle rules={[{ required: true, message: t.required }]}>
                <Input aria-label={t.temporaryPassword} autoComplete="new-password" />
              </Form.Item>
              <Button onClick={() => form.setFieldValue('newPassword', temporaryPassword())}>{t.generate}</Button>
            </Space.Compact>
          </Form.Item>
          <Space>
            <Button type="primary" danger htmlType="submit" loading={busy}>{t.resetPassword}</Button>
            <Button onClick={onClose}>{t.cancel}</Button>
          </Space>
        </Form>
      )}
    </Modal>
  );
}
