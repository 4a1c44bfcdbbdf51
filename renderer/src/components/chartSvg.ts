import * as echarts from 'echarts/core';
import { BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart, SunburstChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { ChartSpec } from '../../../shared/report/charts.ts';

// Every kind of chart the report draws (shared/report/charts.ts), for the screen, the exports and the report worker.
echarts.use([BarChart, BoxplotChart, HeatmapChart, LineChart, ScatterChart, SunburstChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, SVGRenderer, CanvasRenderer]);

export { echarts };

/** The chart as an SVG document at its set size, drawn without a DOM (ECharts' server-side mode), so a worker can draw it. */
export function chartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
