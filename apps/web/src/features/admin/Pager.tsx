import { Button, Flex, Typography } from 'antd';
import { defineMessages, useMessages } from '../../i18n';

const messages = defineMessages(
  { previous: '上一页', next: '下一页', page: (n: number) => `第 ${n} 页` },
  { previous: 'Previous page', next: 'Next page', page: (n: number) => `Page ${n}` },
);

/** Previous / next over the API's keyset pages. */
export function Pager({ page, hasPrevious, nextCursor, onPrevious, onNext }: {
  page: number; hasPrevious: boolean; nextCursor: string | null | undefined; onPrevious(): void; onNext(): void;
}) {
  const t = useMessages(messages);
  if (!hasPrevious && !nextCursor) return null;
  return (
    <Flex gap={12} align="center" justify="flex-end">
      <Button onClick={onPrevious} disabled={!hasPrevious}>{t.previous}</Button>
      <Typography.Text>{t.page(page)}</Typography.Text>
      <Button onClick={onNext} disabled={!nextCursor}>{t.next}</Button>
    </Flex>
  );
}
