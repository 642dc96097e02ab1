import { CloudSyncOutlined, DisconnectOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Badge, Button, Drawer, Grid, Layout, Menu, Segmented, Space, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession, useUser } from '../auth/session';
import { nav as adminNav } from '../features/admin/nav';
import { nav as deskNav } from '../features/desk/nav';
import { nav as gpNav } from '../features/gp/nav';
import { nav as residentNav } from '../features/resident/nav';
import { nav as sickbedNav } from '../features/sickbed/nav';
import { defineMessages, LANGUAGES, useLabel, useLanguage, useMessages, type Language } from '../i18n';
import { useOutbox } from '../offline/outbox';

const messages = defineMessages(
  {
    app: 'CountyCare 县域医共体', menu: '菜单', account: '我的账户', signOut: '退出登录', offline: '离线',
    unsent: (n: number) => `${n} 条记录待同步`,
    unsentTitle: '还有记录未同步', unsentBody: (n: number) => `本机还有 ${n} 条服务或查房记录未上传。现在退出将删除它们。建议联网同步后再退出。`,
    signOutAnyway: '仍然退出并删除', stay: '留下等待同步', language: '语言',
  },
  {
    app: 'CountyCare', menu: 'Menu', account: 'My account', signOut: 'Sign out', offline: 'Offline',
    unsent: (n: number) => `${n} records waiting to sync`,
    unsentTitle: 'Records not yet sent', unsentBody: (n: number) => `${n} services or rounds recorded on this device have not reached the server. Signing out now deletes them. Go online and let them sync first.`,
    signOutAnyway: 'Sign out and delete them', stay: 'Stay and sync',
    language: 'Language',
  },
);

const ALL_NAV = [...gpNav, ...sickbedNav, ...residentNav, ...deskNav, ...adminNav];

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

export function LanguageSwitch() {
  const { language, setLanguage } = useLanguage();
  const t = useMessages(messages);
  return (
    <Segmented<Language>
      aria-label={t.language}
      size="small"
      value={language}
      onChange={setLanguage}
      options={LANGUAGES.map((l) => ({ value: l, label: l === 'zh-CN' ? '中文' : 'EN' }))}
    />
  );
}

/** The frame of every signed-in screen: the menu of the user's role, who is signed in, the network and the outbox. */
export function AppShell({ children }: { children: ReactNode }) {
  const t = useMessages(messages);
  const label = useLabel();
  const user = useUser();
  const { signOut, unsentCount } = useSession();
  const { language } = useLanguage();
  const { modal } = AntApp.useApp();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const online = useOnline();
  const pending = useOutbox(user.id).filter((e) => e.status === 'pending' || e.status === 'syncing').length;

  const items = ALL_NAV.filter((n) => n.roles.includes(user.role)).map((n) => ({ key: n.path, label: <Link to={n.path}>{n.label[language]}</Link> }));
  items.push({ key: '/account', label: <Link to="/account">{t.account}</Link> });
  const selected = items.map((i) => i.key).filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];

  const leave = async () => {
    const unsent = await unsentCount();
    if (unsent === 0) {
      await signOut();
      navigate('/login');
      return;
    }
    modal.confirm({
      title: t.unsentTitle,
      content: t.unsentBody(unsent),
      okText: t.signOutAnyway,
      okButtonProps: { danger: true },
      cancelText: t.stay,
      onOk: async () => {
        await signOut(true);
        navigate('/login');
      },
    });
  };

  const menu = <Menu mode="inline" selectedKeys={selected ? [selected] : []} items={items} onClick={() => setDrawer(false)} />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: phone ? 12 : 24, background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        {phone && <Button type="text" icon={<MenuOutlined />} aria-label={t.menu} onClick={() => setDrawer(true)} />}
        <Link to="/" style={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{t.app}</Link>
        <div style={{ flex: 1 }} />
        {!online && <Badge status="warning" text={<span role="status"><DisconnectOutlined /> {t.offline}</span>} />}
        {pending > 0 && (
          <Link to="/sickbeds/outbox" aria-label={t.unsent(pending)}>
            <Badge count={pending} size="small"><CloudSyncOutlined style={{ fontSize: 18 }} /></Badge>
          </Link>
        )}
        {!phone && (
          <Space>
            <LanguageSwitch />
            <Typography.Text><UserOutlined /> {user.displayName}（{label('role', user.role)}）</Typography.Text>
            <Button icon={<LogoutOutlined />} onClick={leave}>{t.signOut}</Button>
          </Space>
        )}
      </Layout.Header>
      <Layout>
        {!phone && <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>{menu}</Layout.Sider>}
        <Layout.Content style={{ padding: phone ? 12 : 24, maxWidth: 1280, width: '100%' }}>
          <main>{children}</main>
        </Layout.Content>
      </Layout>
      <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" size={260} title={`${user.displayName}（${label('role', user.role)}）`}>
        {menu}
        <Space direction="vertical" style={{ marginTop: 16, paddingInline: 16 }}>
          <LanguageSwitch />
          <Button icon={<LogoutOutlined />} onClick={leave}>{t.signOut}</Button>
        </Space>
      </Drawer>
    </Layout>
  );
}
