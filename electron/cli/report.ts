import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as echarts from 'echarts';
import type { ChartSpec } from '../../shared/report/charts.ts';
import { renderReportHtml } from '../../shared/report/htmlReport.ts';
import { tableToCsv, tableToLatex, applyReportOptions } from '../../shared/report/reportTable.ts';
import { reportFromStudyTables, type ReportRequest } from '../../shared/report/reportFromStudy.ts';
import { readStudyFile } from '../../shared/study/studyFile.ts';
import { postmortemFromStudyTables } from '../../shared/postmortem/postmortemFromStudy.ts';

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
async function readStudy(studyPath: string) {
  const bytes = new Uint8Array(
    await readFile(studyPath).catch((e: NodeJS.ErrnoException) => {
      throw new Error(`${studyPath} cannot be read: ${e.code === 'ENOENT' ? 'there is no such file' : e.code === 'EISDIR' ? 'it is a folder, not a study file' : e.message}.`);
    }),
  );
  const read = await readStudyFile(bytes, async (b) => createHash('sha256').update(b).digest('hex'), basename(studyPath));
  if (!read.ok) throw new Error(read.message);
  return read.tables;
}

/** `workbench postmortem`: one incident's draft postmortem, as Markdown or one HTML file. */
export async function writePostmortem(studyPath: string, incidentId: string, format: 'md' | 'html'): Promise<string> {
  return postmortemFromStudyTables(await readStudy(studyPath), incidentId, format, chartSvgHeadless);
}

export async function writeStudyReport(studyPath: string, outDir: string, request: ReportRequest, now: Date): Promise<WrittenReport> {
  // Into a new or empty folder only: files of an earlier report left beside this one would read as part of it.
  const present = await readdir(outDir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw new Error(`${outDir} cannot be written to: ${e.code === 'ENOTDIR' ? 'it is a file, not a folder' : e.message}.`);
  });
  if (present.length > 0) throw new Error(`${outDir} is not empty: give a new or empty folder, so no file of another report is mixed with this one.`);
  const bundle = reportFromStudyTables(await readStudy(studyPath), request);
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
