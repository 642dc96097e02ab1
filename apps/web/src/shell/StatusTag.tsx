import { Tag } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

export type Tone = 'danger' | 'info' | 'success' | 'warning' | 'neutral';

/** Tag colours with text dark enough for WCAG AA on their tint (antd's preset tag colours are not). */
const TONES: Record<Exclude<Tone, 'neutral'>, CSSProperties> = {
  danger: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  info: { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' },
  success: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  warning: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
};

interface StatusTagProps {
  tone?: Tone;
  icon?: ReactNode;
  children: ReactNode;
  role?: string;
  style?: CSSProperties;
  'data-testid'?: string;
  'data-status'?: string;
}

/** A status in words on a tinted tag, the one status tag of every screen (the colour only repeats what the words say). */
export function StatusTag({ tone = 'neutral', children, style, ...rest }: StatusTagProps) {
  return <Tag {...rest} style={{ marginInlineEnd: 0, ...(tone === 'neutral' ? {} : TONES[tone]), ...style }}>{children}</Tag>;
}
