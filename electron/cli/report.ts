import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as echarts from 'echarts';
import type { ChartSpec } from '../../shared/report/charts.ts';
import { renderReportHtml } from '../../shared/report/htmlReport.ts';
import { tableToCsv, tableToLatex, applyReportOptions } from '../../shared/report/reportTable.ts';
import { reportFromStudyTables, type ReportRequest } from '../../shared/report/reportFromStudy.ts';
import { readStudyFile } from '../../shared/study/studyFile.ts';

/** The chart drawn headless as SVG (ECharts' server-side rendering: no DOM, no browser). */
export function chartSvgHeadless(spec: ChartSpec): string {
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface WrittenReport {
  figures: string[];
  tables: string[];
  html: string;
}

/**
 * `workbench report`: a study file's figures (SVG), tables (CSV and LaTeX) and the whole report (one HTML file) written
 * into `outDir`, from the same view-model the Analysis screen renders.
 */
export async function writeStudyReport(studyPath: string, outDir: string, request: ReportRequest, now: Date): Promise<WrittenReport> {
  const bytes = new Uint8Array(await readFile(studyPath));
  const read = await readStudyFile(bytes, async (b) => createHash('sha256').update(b).digest('hex'), basename(studyPath));
  if (!read.ok) throw new Error(read.message);
  const bundle = reportFromStudyTables(read.tables, request);
  await mkdir(join(outDir, 'figures'), { recursive: true });
  await mkdir(join(outDir, 'tables'), { recursive: true });
  const svgs = new Map<string, string>();
  const figures: string[] = [];
  for (const chart of bundle.report.sections.flatMap((s) => s.charts)) {
    const svg = chartSvgHeadless(chart);
    svgs.set(chart.id, svg);
    const path = join(outDir, 'figures', `${chart.id}.svg`);
    await writeFile(path, svg);
    figures.push(path);
  }
  const tables: string[] = [];
  const agreement = bundle.agreement ? applyReportOptions(bundle.agreement, bundle.report.options) : null;
  for (const table of [...(agreement ? [agreement] : []), ...bundle.report.sections.flatMap((s) => s.tables)]) {
    for (const [extension, text] of [['csv', tableToCsv(table)], ['tex', tableToLatex(table)]] as const) {
      const path = join(outDir, 'tables', `${table.id}.${extension}`);
      await writeFile(path, text);
      tables.push(path);
    }
  }
  const html = join(outDir, 'report.html');
  await writeFile(
    html,
    renderReportHtml({ studyName: bundle.studyName, generatedAt: now.toISOString(), report: bundle.report, methodsSummary: bundle.methodsSummary, agreement: bundle.agreement, svgOf: (chart) => svgs.get(chart.id)! }),
  );
  return { figures, tables, html };
}
