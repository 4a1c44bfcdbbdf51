import type { DurationSummary } from './durations.ts';
import { visibleTextString } from '../text/hiddenText.ts';

/** Names in a chart are drawn as text, never markup; hidden characters in them are written as visible markers. */
const shown = (names: readonly string[]) => names.map(visibleTextString);
/** A chart's title and text alternative name codes, cohorts and people too: their hidden characters are shown. */
const named = (title: string, alt: string) => ({ title: visibleTextString(title), alt: visibleTextString(alt) });

/**
 * Charts of the report as ECharts options that are plain JSON (no functions: string templates format the labels), so
 * the same option draws on the screen, exports as PNG and SVG, renders headless in the CLI, and sits on the element
 * as data-option for tests to read the values drawn.
 */
export interface ChartSpec {
  id: string;
  title: string;
  /** The text alternative: what the chart shows, in words, with the table that holds its numbers. */
  alt: string;
  option: Record<string, unknown>;
  /** Pixels the chart is drawn at (and exported at). */
  width: number;
  height: number;
}

const BASE = { animation: false, textStyle: { fontFamily: 'Liberation Sans, Arial, sans-serif' } };
const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

/** A heatmap of shares per row (percentages in the cells), readable at 40+ codes: the chart grows with its rows and columns. */
export function heatmapChart(id: string, title: string, rows: string[], columns: string[], shares: Array<Array<number | null>>, alt: string): ChartSpec {
  ({ title, alt } = named(title, alt));
  const data: Array<[number, number, number]> = [];
  shares.forEach((row, r) => row.forEach((v, c) => v !== null && data.push([c, r, round(v * 100, 1)])));
  const small = rows.length > 20 || columns.length > 20;
  const longest = Math.max(0, ...rows.map((r) => r.length));
  const left = Math.min(360, 40 + longest * 6.5);
  const cell = small ? 22 : 44;
  return {
    id,
    title,
    alt,
    width: Math.max(640, left + 40 + columns.length * cell),
    height: Math.max(320, 160 + rows.length * (small ? 20 : 32)),
    option: {
      ...BASE,
      tooltip: { position: 'top' },
      grid: { left, right: 20, top: 10, bottom: 140 },
      xAxis: { type: 'category', data: shown(columns), axisLabel: { rotate: 40, interval: 0, fontSize: small ? 9 : 11 } },
      yAxis: { type: 'category', data: shown(rows), inverse: true, axisLabel: { interval: 0, fontSize: small ? 9 : 11 } },
      visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'right', bottom: 0, inRange: { color: ['#f4f7fb', '#1f5fa8'] } },
      series: [{ type: 'heatmap', data, label: { show: !small, formatter: '{@[2]}%' } }],
    },
  };
}

/** Box plots (min, quartiles, median, max: the paper's Fig. 6 whiskers reach the extremes) of groups of durations. */
export function boxPlotChart(id: string, title: string, groups: Array<{ group: string; summary: DurationSummary | null }>, unit: string, scale: (minutes: number) => number, alt: string): ChartSpec {
  ({ title, alt } = named(title, alt));
  const drawn = groups.filter((g) => g.summary !== null);
  return {
    id,
    title,
    alt,
    width: 640,
    height: 360,
    option: {
      ...BASE,
      tooltip: { trigger: 'item' },
      grid: { left: 80, right: 20, top: 20, bottom: 60 },
      xAxis: { type: 'category', data: shown(drawn.map((g) => g.group)) },
      yAxis: { type: 'value', name: `time to mitigate (${unit})`, nameLocation: 'middle', nameGap: 60 },
      series: [
        {
          type: 'boxplot',
          data: drawn.map((g) => {
            const s = g.summary!;
            return [s.min, s.q1, s.median, s.q3, s.max].map((v) => round(scale(v)));
          }),
        },
        { type: 'scatter', name: 'mean', symbol: 'diamond', data: drawn.map((g, i) => [i, round(scale(g.summary!.mean))]) },
      ],
    },
  };
}

/** Bars, grouped or stacked, from series of values per category. */
export function barChart(
  id: string,
  title: string,
  categories: string[],
  series: Array<{ name: string; values: Array<number | null> }>,
  options: { stacked?: boolean; percent?: boolean; horizontal?: boolean; yName?: string },
  alt: string,
): ChartSpec {
  ({ title, alt } = named(title, alt));
  const valueAxis = { type: 'value', name: options.yName ?? '', max: options.percent && options.stacked ? 100 : undefined, axisLabel: { formatter: options.percent ? '{value}%' : '{value}' } };
  const categoryAxis = { type: 'category', data: shown(categories), axisLabel: { interval: 'auto', rotate: categories.length > 12 ? 40 : 0 } };
  return {
    id,
    title,
    alt,
    width: Math.max(640, options.horizontal ? 640 : categories.length * 28 + 160),
    height: options.horizontal ? Math.max(300, 80 + categories.length * 28) : 380,
    option: {
      ...BASE,
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: options.horizontal ? 220 : 70, right: 30, top: 30, bottom: 80 },
      xAxis: options.horizontal ? valueAxis : categoryAxis,
      yAxis: options.horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
      series: series.map((s) => ({
        type: 'bar',
        name: visibleTextString(s.name),
        stack: options.stacked ? 'all' : undefined,
        data: s.values.map((v) => (v === null ? null : round(options.percent ? v * 100 : v, options.percent ? 2 : 1))),
        label: options.stacked ? undefined : { show: categories.length <= 12, position: options.horizontal ? 'right' : 'top', formatter: options.percent ? '{c}%' : '{c}' },
      })),
    },
  };
}

/** A sunburst: top-level categories inside, their sub-categories outside; values are shares (%) of the dimension's incidents. */
export function sunburstChart(id: string, title: string, categories: Array<{ name: string; share: number; children: Array<{ name: string; share: number }> }>, alt: string): ChartSpec {
  ({ title, alt } = named(title, alt));
  return {
    id,
    title,
    alt,
    width: 560,
    height: 560,
    option: {
      ...BASE,
      tooltip: { trigger: 'item', formatter: '{b}: {c}%' },
      series: [
        {
          type: 'sunburst',
          radius: [0, '95%'],
          sort: undefined,
          label: { rotate: 'radial', fontSize: 10 },
          data: categories.map((c) => ({
            name: visibleTextString(c.name),
            value: round(c.share * 100, 2),
            children: c.children.map((k) => ({ name: visibleTextString(k.name), value: round(k.share * 100, 2) })),
          })),
        },
      ],
    },
  };
}

/** Empirical cumulative distributions, one line per group (the distribution of durations beside any mean). */
export function ecdfChart(id: string, title: string, lines: Array<{ name: string; points: Array<[number, number]> }>, unit: string, alt: string): ChartSpec {
  ({ title, alt } = named(title, alt));
  return {
    id,
    title,
    alt,
    width: 640,
    height: 360,
    option: {
      ...BASE,
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      // Room above for the y-axis name and below for the x-axis name and the legend, apart.
      grid: { left: 70, right: 30, top: 40, bottom: 90 },
      xAxis: { type: 'log', name: `time to mitigate (${unit}, log scale)`, nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'value', min: 0, max: 1, name: 'share of incidents ≤ time' },
      series: lines.map((l) => ({ type: 'line', step: 'end', showSymbol: false, name: visibleTextString(l.name), data: l.points.filter(([x]) => x > 0).map(([x, y]) => [round(x), round(y)]) })),
    },
  };
}
