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
  const serialisable = { xAxis: props.columns, yAxis: props.rows, data };
  const key = JSON.stringify(serialisable);

  // The chart is rebuilt only when what it shows changes, not on every render of the screen around it.
  useEffect(() => {
    if (!ref.current) return;
    const { xAxis, yAxis, data: cells } = JSON.parse(key) as typeof serialisable;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { formatter: (p: { value: [number, number, number] }) => `${yAxis[p.value[1]]} → ${xAxis[p.value[0]]}: ${p.value[2]}%` },
      grid: { left: 190, right: 20, top: 10, bottom: 130 },
      xAxis: { type: 'category', data: xAxis, axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'category', data: yAxis, inverse: true },
      visualMap: { min: 0, max: 100, calculable: false, orient: 'horizontal', left: 'right', bottom: 0, inRange: { color: ['#f4f7fb', '#1f5fa8'] } },
      series: [{ type: 'heatmap', data: cells, label: { show: true, formatter: (p: { value: [number, number, number] }) => `${p.value[2]}%` } }],
    });
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [key]);

  return <div ref={ref} className="chart" role="img" aria-label={props.label} data-testid={props.testId} data-option={key} />;
}
