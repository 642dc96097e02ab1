import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { defineMessages, useMessages } from '../i18n';

const messages = defineMessages(
  { title: '页面不存在', home: '返回首页' },
  { title: 'There is no such page', home: 'Back to the start' },
);

export function NotFound() {
  const t = useMessages(messages);
  return <Result status="404" title={t.title} extra={<Link to="/"><Button type="primary">{t.home}</Button></Link>} />;
}
