import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { useSession } from '../../auth/session';
import { defineMessages, useMessages } from '../../i18n';
import { LanguageSwitch } from '../../shell/AppShell';
import { useProblemText } from '../../shell/problems';

const messages = defineMessages(
  {
    title: 'CountyCare 县域医共体', subtitle: '家庭医生签约 · 家庭病床 · 双向转诊', username: '用户名', password: '密码',
    signIn: '登录', required: '请填写',
  },
  {
    title: 'CountyCare', subtitle: 'Family doctors · Household sickbeds · Two-way referrals', username: 'Username', password: 'Password',
    signIn: 'Sign in', required: 'Required',
  },
);

export function LoginPage() {
  const t = useMessages(messages);
  const { user, signIn } = useSession();
  const navigate = useNavigate();
  const problemText = useProblemText();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (user) return <Navigate to="/" replace />;

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const signedIn = await signIn(values.username.trim(), values.password);
      navigate(signedIn.passwordChangeRequired || signedIn.passwordChangeDue ? '/account/password' : '/', { replace: true });
    } catch (e) {
      // 401 wrong password, 423/429 locked or too many attempts: the API's own words, in the chosen language
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', padding: 16, background: '#f5f7fa' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}><LanguageSwitch /></div>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 8 }}>{t.title}</Typography.Title>
        <Typography.Paragraph type="secondary">{t.subtitle}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t.username} name="username" rules={[{ required: true, whitespace: true, message: t.required }]}>
            <Input autoComplete="username" autoCapitalize="none" size="large" />
          </Form.Item>
          <Form.Item label={t.password} name="password" rules={[{ required: true, message: t.required }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>{t.signIn}</Button>
        </Form>
      </Card>
    </main>
  );
}
