import { useEffect, useRef } from 'react';
import type { ChartSpec } from '../../../shared/report/charts.ts';
import { getPlatform } from '../platform/platform.ts';
import { chartSvg, echarts } from './chartSvg.ts';
import { VisibleText } from './VisibleText.tsx';

/** The chart as a PNG of its set size, drawn on a canvas of its own (the screen's chart is SVG). */
export async function chartPng(spec: ChartSpec): Promise<Uint8Array> {
  const holder = document.createElement('div');
  holder.style.cssText = `position:fixed;left:-10000px;top:0;width:${spec.width}px;height:${spec.height}px`;
  document.body.append(holder);
  const chart = echarts.init(holder, undefined, { renderer: 'canvas', width: spec.width, height: spec.height, devicePixelRatio: 1 });
  try {
    chart.setOption({ ...spec.option, backgroundColor: '#ffffff' });
    const url = chart.getDataURL({ type: 'png', pixelRatio: 1, backgroundColor: '#ffffff' });
    const binary = atob(url.slice(url.indexOf(',') + 1));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } finally {
    chart.dispose();
    holder.remove();
  }
}

const fileName = (id: string, extension: string) => `${id}.${extension}`;

/**
 * One chart of the report. The option it draws sits on the element as data-option (tests read the values drawn); the
 * text alternative names the table that holds the same numbers; PNG and SVG export at the chart's set size.
 */
export function ReportChart({ spec }: { spec: ChartSpec }) {
  const ref = useRef<HTMLDivElement>(null);
  const key = JSON.stringify(spec.option);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.setOption(JSON.parse(key) as Record<string, unknown>);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [key]);
  const save = async (kind: 'png' | 'svg') => {
    if (kind === 'svg') await getPlatform().saveTextFile(fileName(spec.id, 'svg'), chartSvg(spec), 'image/svg+xml');
    else await getPlatform().saveBinaryFile(fileName(spec.id, 'png'), await chartPng(spec), 'image/png');
  };
  return (
    <figure className="report-chart" data-testid="report-chart" data-chart-id={spec.id} data-width={spec.width} data-height={spec.height}>
      <figcaption>
        <VisibleText text={spec.title} />
      </figcaption>
      <div ref={ref} className="chart" style={{ height: spec.height, maxWidth: spec.width }} role="img" aria-label={spec.alt} data-option={key} />
      <div className="actions">
        <button type="button" onClick={() => void save('png')} data-testid="chart-png" aria-label={`Save “${spec.title}” as PNG`}>
          PNG
        </button>
        <button type="button" onClick={() => void save('svg')} data-testid="chart-svg" aria-label={`Save “${spec.title}” as SVG`}>
          SVG
        </button>
      </div>
    </figure>
  );
}
