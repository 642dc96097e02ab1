import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Empty, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, call } from '../../api/client';
import { defineMessages, useLabel, useLanguage, useMessages } from '../../i18n';
import { Loading } from '../../shell/Loading';
import { ProblemAlert } from '../../shell/problems';
import { formatDateTime } from '../desk/format';
import { StatusTag } from '../../shell/StatusTag';

const messages = defineMessages(
  {
    title: '谁查看了我的档案', intro: '这里列出每一次查看或修改您档案的记录：谁、什么时候、看了什么、为了什么。最新的在前。如有疑问，请联系您的签约团队或县卫健局。',
    othersOnly: '只看他人的访问（隐藏我本人的查看）', none: '还没有访问记录。', more: '加载更多', unknown: '系统', who: '访问者', when: '时间', what: '内容', purpose: '目的', via: (v: string) => `途径：${v}`,
    revealReason: (r: string) => `查看完整证件号和手机号的原因：${r}`,
  },
  {
    title: 'Who accessed my record', intro: 'Every time someone read or changed your record: who, when, what and why. Newest first. If anything looks wrong, contact your team or the county health bureau.',
    othersOnly: 'Only accesses by others (hide my own)', none: 'No accesses recorded yet.', more: 'Load more', unknown: 'The system', who: 'Who', when: 'When', what: 'What', purpose: 'Purpose', via: (v: string) => `Through: ${v}`,
    revealReason: (r: string) => `Why the full ID and mobile numbers were shown: ${r}`,
  },
);

/** /my/access-log: every access to my record (GET /me/access-log), newest first, paged. */
export function AccessLogPage() {
  const t = useMessages(messages);
  const label = useLabel();
  const { language } = useLanguage();
  const log = useInfiniteQuery({
    queryKey: ['me', 'access-log'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => call(api.GET('/api/v1/me/access-log', { params: { query: { limit: 20, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const [othersOnly, setOthersOnly] = useState(false);
  const entries = (log.data?.pages.flatMap((p) => p.items) ?? []).filter((e) => !othersOnly || e.purpose !== 'self');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>{t.title}</Typography.Title>
      <Typography.Paragraph style={{ margin: 0 }}>{t.intro}</Typography.Paragraph>
      <Checkbox checked={othersOnly} onChange={(e) => setOthersOnly(e.target.checked)}>{t.othersOnly}</Checkbox>
      {log.isLoading && <Loading />}
      {log.error && <ProblemAlert error={log.error} />}
      {log.data && entries.length === 0 && <Empty description={t.none} />}
      {entries.length > 0 && (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t.title}>
          {entries.map((e, i) => {
            const inst = e.actorInstitutionName;
            const via = e.via ? label('access_via', e.via) : null;
            return (
              <li key={`${e.at}-${i}`} style={{ marginBottom: 8 }} data-testid="access-entry">
                <Card size="small">
                  <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                    <Typography.Text strong>
                      {e.actorName ?? t.unknown}
                      {e.actorRole && `（${label('role', e.actorRole)}${inst ? ` · ${inst}` : ''}）`}
                    </Typography.Text>
                    <Typography.Text>{t.when}：{formatDateTime(e.at, language)}</Typography.Text>
                    <Typography.Text>{t.what}：{label('audit_action', e.action)} · {label('audit_resource', e.resourceType)}</Typography.Text>
                    <Typography.Text>
                      {t.purpose}：{label('audit_purpose', e.purpose)}
                      {via && `；${t.via(via)}`}
                    </Typography.Text>
                    {e.revealReason && <Typography.Text>{t.revealReason(label('reveal_reason', e.revealReason))}</Typography.Text>}
                    {e.outcome !== 'success' && <StatusTag tone="danger">{label('audit_outcome', e.outcome)}</StatusTag>}
                  </Space>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
      {log.hasNextPage && <Button block onClick={() => log.fetchNextPage()} loading={log.isFetchingNextPage}>{t.more}</Button>}
    </Space>
  );
}
