/**
 * Tag colours that keep WCAG AA contrast: a hex colour gives a filled tag with white text (antd's light green, orange
 * and gold presets and the `processing` status fall below 4.5:1); the `red`, `blue` and default presets pass as they are.
 */
export const TAG = {
  good: '#237804',
  warn: '#ad4e00',
  bad: 'red',
  info: 'blue',
} as const;
