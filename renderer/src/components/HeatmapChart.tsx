import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { HeatmapChart as EChartsHeatmap } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([EChartsHeatmap, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

/**
 * A row-normalised heatmap (rows × columns, each cell a share in [0, 1]). The option it draws is kept on
 * the element as data-option, so tests and exports read exactly what the chart shows.
 */
export function HeatmapChart(props: { rows: string[]; columns: string[]; shares: Array<Array<number | null>>; label: string; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const data: Array<[number, number, number]> = [];
  props.shares.forEach((row, r) => row.forEach((v, c) => v !== null && data.push([c, r, Math.round(v * 1000) / 10])));
  const option = {
    animation: false,
    tooltip: { formatter: (p: { value: [number, number, number] }) => `${props.rows[p.value[1]]} → ${props.columns[p.value[0]]}: ${p.value[2]}%` },
    grid: { left: 190, right: 20, top: 10, bottom: 110 },
    xAxis: { type: 'category', data: props.columns, axisLabel: { rotate: 30, interval: 0 } },
    yAxis: { type: 'category', data: props.rows, inverse: true },
    visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: ['#f4f7fb', '#1f5fa8'] } },
    series: [{ type: 'heatmap', data, label: { show: true, formatter: (p: { value: [number, number, number] }) => `${p.value[2]}%` } }],
  };
  const serialisable = { xAxis: option.xAxis.data, yAxis: option.yAxis.data, data };

  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  });

  return <div ref={ref} className="chart" role="img" aria-label={props.label} data-testid={props.testId} data-option={JSON.stringify(serialisable)} />;
}
