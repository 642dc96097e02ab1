import type { ChartOption } from './Chart';

export interface Series {
  name: string;
  /** One value per category; null where there is none (no denominator) */
  data: (number | null)[];
}

/**
 * A bar chart over categories (institutions, tags, directions). `percent`: the values are proportions 0..1, shown
 * as percentages on a 0–100 % axis. `stacked`: the series stack (parts of one whole).
 */
export function barOption({ categories, series, percent = false, stacked = false, horizontal = false }: {
  categories: string[];
  series: Series[];
  percent?: boolean;
  stacked?: boolean;
  horizontal?: boolean;
}): ChartOption {
  const valueAxis = percent
    ? { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }
    : { type: 'value', minInterval: 1 };
  const categoryAxis = { type: 'category', data: categories, axisLabel: { interval: 0, width: 110, overflow: 'break' } };
  return {
    animation: false,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v == null ? '—' : percent ? `${v}%` : String(v)) },
    legend: { top: 0, show: series.length > 1 },
    grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : valueAxis,
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      stack: stacked ? 'all' : undefined,
      barMaxWidth: 36,
      data: s.data.map((v) => (v == null ? null : percent ? Math.round(v * 10000) / 100 : v)),
    })),
  };
}

/** The chart in words for assistive technology: "title: A — s1 x, s2 y; B — …". */
export function chartSummary(title: string, categories: string[], series: Series[], format: (v: number | null) => string): string {
  const parts = categories.map((c, i) => `${c}: ${series.map((s) => `${s.name} ${format(s.data[i])}`).join(', ')}`);
  return `${title}. ${parts.join('; ')}`;
}
