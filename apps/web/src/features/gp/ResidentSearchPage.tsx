import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Form, Input, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { api, call } from '../../api/client';
import { defineMessages, useLabel, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { CardList, ScreenTitle } from './parts';

const messages = defineMessages(
  {
    title: '查找居民', query: '姓名、身份证号或手机号', search: '查找',
    hint: '输入姓名开头、完整身份证号或完整手机号',
    required: '请输入要查找的内容',
    none: '没有找到符合条件的居民', results: '查找结果',
    age: (n: number) => `${n}岁`, id: '身份证', phone: '手机', more: '结果较多，请输入更完整的信息',
  },
  {
    title: 'Find a resident', query: 'Name, ID number or mobile', search: 'Search',
    hint: 'The beginning of a name, a full ID number or a full mobile number',
    required: 'Type what to look for',
    none: 'No resident found', results: 'Results',
    age: (n: number) => `${n} y`, id: 'ID', phone: 'Mobile', more: 'Many results: type more of the name or the full number',
  },
);

/** Search in scope by name prefix, full ID number or phone (GET /residents?q=); the answer is masked as the API gives it. */
export function ResidentSearchPage() {
  const t = useMessages(messages);
  const label = useLabel();
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const [form] = Form.useForm<{ q: string }>();
  const results = useQuery({
    queryKey: ['residents', 'search', q],
    enabled: q.length > 0,
    queryFn: () => call(api.GET('/api/v1/residents', { params: { query: { q, limit: 30 } } })),
  });

  return (
    <div style={{ maxWidth: 720 }}>
      <ScreenTitle>{t.title}</ScreenTitle>
      <Form form={form} layout="vertical" initialValues={{ q }} onFinish={(v) => setParams({ q: v.q.trim() })}>
        <Form.Item name="q" label={t.query} extra={t.hint} rules={[{ required: true, whitespace: true, message: t.required }, { max: 32 }]}>
          <Input inputMode="search" autoComplete="off" allowClear maxLength={32} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>{t.search}</Button>
      </Form>
      {q && (
        <section aria-label={t.results} style={{ marginTop: 16 }}>
          {results.isPending ? <Loading /> : results.isError ? <ProblemAlert error={results.error} /> : results.data.items.length === 0 ? (
            <Empty description={t.none} />
          ) : (
            <>
              <CardList label={t.results}>
                {results.data.items.map((r) => (
                  <li key={r.id}>
                    <Link to={`/clinic/residents/${r.id}`} style={{ display: 'block' }}>
                      <Card size="small" hoverable>
                        <Flex justify="space-between" gap={8}>
                          <Typography.Text strong>{r.name}（{label('sex', r.sex)}，{t.age(r.age)}）</Typography.Text>
                          {r.status !== 'active' && <Tag>{label('resident_status', r.status)}</Tag>}
                        </Flex>
                        <div><Typography.Text>{t.id} {r.idNumber}</Typography.Text></div>
                        {r.phone && <div><Typography.Text>{t.phone} {r.phone}</Typography.Text></div>}
                        <div>
                          {r.township && <Typography.Text>{r.township}</Typography.Text>}
                          {r.tags.map((tag) => <Tag key={tag} style={{ marginInlineStart: 8 }}>{label('population_tag', tag)}</Tag>)}
                        </div>
                      </Card>
                    </Link>
                  </li>
                ))}
              </CardList>
              {results.data.nextCursor && <Typography.Paragraph style={{ marginTop: 8 }}>{t.more}</Typography.Paragraph>}
            </>
          )}
        </section>
      )}
    </div>
  );
}
