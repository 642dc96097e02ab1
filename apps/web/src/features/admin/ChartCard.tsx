import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A titled card around a chart (h4 under the section's h3). */
export function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>}>
      {children}
    </Card>
  );
}
