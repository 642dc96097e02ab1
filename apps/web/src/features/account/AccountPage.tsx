import { Alert, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { useSession, useUser } from '../../auth/session';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { LanguageSwitch } from '../../shell/AppShell';
import { useFormProblem } from '../../shell/problems';

const messages = defineMessages(
  {
    title: '我的账户', username: '用户名', name: '姓名', role: '角色', language: '界面语言',
    changePassword: '修改密码', current: '当前密码', next: '新密码', repeat: '再次输入新密码', save: '保存新密码',
    mismatch: '两次输入的新密码不一致', required: '请填写', changed: '密码已修改，其他设备上的登录已退出。',
    mustChange: '您的密码由管理员设置或已过期，请先设置新密码。', rules: '至少 8 位，包含大小写字母、数字和符号中的三类，且不能与最近 5 次相同。',
    later: '以后再说',
  },
  {
    title: 'My account', username: 'Username', name: 'Name', role: 'Role', language: 'Language',
    changePassword: 'Change password', current: 'Current password', next: 'New password', repeat: 'New password again', save: 'Save the new password',
    mismatch: 'The two new passwords differ', required: 'Required', changed: 'Password changed; your sessions on other devices have ended.',
    mustChange: 'Your password was set by an administrator or has expired: choose a new one first.', rules: 'At least 8 characters with three of: upper case, lower case, digits, symbols; not one of your last 5.',
    later: 'Later',
  },
);

export function AccountPage() {
  const t = useMessages(messages);
  const user = useUser();
  const label = useLabel();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Title level={2}>{t.title}</Typography.Title>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t.username}>{user.username}</Descriptions.Item>
        <Descriptions.Item label={t.name}>{user.displayName}</Descriptions.Item>
        <Descriptions.Item label={t.role}>{label('role', user.role)}</Descriptions.Item>
        <Descriptions.Item label={t.language}><LanguageSwitch /></Descriptions.Item>
      </Descriptions>
      <ChangePassword />
    </Space>
  );
}

/** Also the whole screen while the API answers 403 password_change_required (reset or first admin). */
export function ChangePassword() {
  const t = useMessages(messages);
  const user = useUser();
  const { reload } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const onProblem = useFormProblem();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const forced = user.passwordChangeRequired || user.passwordChangeDue;

  const submit = async (values: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    try {
      await call(api.POST('/api/v1/auth/password', { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } }));
      await reload();
      form.resetFields();
      setDone(true);
      if (forced) navigate('/', { replace: true });
    } catch (e) {
      onProblem(form, e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.changePassword}</h2>}>
      {forced && <Alert type="warning" showIcon title={t.mustChange} style={{ marginBottom: 16 }} />}
      {done && <Alert type="success" showIcon title={t.changed} style={{ marginBottom: 16 }} role="status" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item label={t.current} name="currentPassword" rules={[{ required: true, message: t.required }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label={t.next} name="newPassword" extra={t.rules} rules={[{ required: true, message: t.required }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t.repeat}
          name="repeat"
          dependencies={['newPassword']}
          rules={[{ required: true, message: t.required }, ({ getFieldValue }) => ({
            validator: (_rule, value) => (!value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t.mismatch))),
          })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>{t.save}</Button>
          {user.passwordChangeDue && !user.passwordChangeRequired && <Button onClick={() => navigate('/')}>{t.later}</Button>}
        </Space>
      </Form>
    </Card>
  );
}
