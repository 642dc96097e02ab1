import { Spin } from 'antd';

export function Loading() {
  return <div style={{ padding: 48, textAlign: 'center' }}><Spin size="large" /></div>;
}
