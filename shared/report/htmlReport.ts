import type { ChartSpec } from './charts.ts';
import { applyReportOptions, formatCell, type ReportTable } from './reportTable.ts';
import type { StudyReport } from './studyReport.ts';
import { escapeHtml, selfContainedHtml } from '../text/htmlDocument.ts';
import { inertSvg } from './inertSvg.ts';

/**
 * The whole study report as one self-contained HTML file: no script, no link to anything (its own Content-Security-Policy
 * forbids every fetch), the figures inline as SVG, a print stylesheet so the browser build prints it to PDF. Every text
 * of the study is escaped here and hidden characters are written as markers; the figures' SVG is rebuilt from its parse
 * with drawing elements only (inertSvg).
 */
export interface HtmlReportInput {
  studyName: string;
  generatedAt: string;
  report: StudyReport;
  /** The methods summary (criteria, funnel, cohorts, split, codebook versions, rounds); omitted in normalised mode, which it would break with its counts. */
  methodsSummary: string | null;
  agreement: ReportTable | null;
  svgOf: (chart: ChartSpec) => string;
}


const STYLE = `
  body { font-family: 'Liberation Sans', Arial, sans-serif; margin: 2rem auto; max-width: 72rem; color: #1a1a1a; line-height: 1.45; padding: 0 1rem; }
  h1 { font-size: 1.8rem; } h2 { border-bottom: 1px solid #ccc; padding-bottom: .2rem; margin-top: 2.5rem; } h3 { font-size: 1.05rem; margin-bottom: .3rem; }
  table { border-collapse: collapse; margin: .4rem 0 1.2rem; font-size: .85rem; }
  caption { caption-side: top; text-align: left; color: #444; padding-bottom: .3rem; }
  th, td { border-top: 1px solid #ddd; padding: .2rem .55rem; text-align: right; vertical-align: top; }
  th:first-child, td:first-child, thead th { text-align: left; }
  thead th { border-bottom: 2px solid #444; }
  figure { margin: 1rem 0; page-break-inside: avoid; break-inside: avoid; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { font-weight: bold; }
  pre { white-space: pre-wrap; background: #f6f6f6; padding: .8rem; border-radius: 4px; font-size: .85rem; }
  .note { color: #555; font-size: .9rem; }
  @media print { body { margin: 0; max-width: none; } h2 { page-break-before: always; break-before: page; } h2.first { page-break-before: avoid; break-before: avoid; } a { color: inherit; text-decoration: none; } }
`;

function tableHtml(table: ReportTable): string {
  const head = table.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((v, j) => (j === 0 ? `<th scope="row">${escapeHtml(formatCell(v, table.columns[j]!.kind))}</th>` : `<td>${escapeHtml(formatCell(v, table.columns[j]!.kind))}</td>`)).join('')}</tr>`)
    .join('\n');
  return `<section class="table" id="table-${escapeHtml(table.id)}"><h3>${escapeHtml(table.title)}</h3>\n<table><caption>${escapeHtml(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></section>`;
}

/** A figure of a self-contained document: its SVG through the allow-list, its text alternative and caption. */
export function figureHtml(chart: ChartSpec, svg: string): string {
  const inert = inertSvg(svg);
  return `<figure id="figure-${escapeHtml(chart.id)}" role="img" aria-label="${escapeHtml(chart.alt)}"><figcaption>${escapeHtml(chart.title)}</figcaption>\n${inert}</figure>`;
}

export function renderReportHtml(input: HtmlReportInput): string {
  const { report } = input;
  const parts: string[] = [];
  parts.push(`<h1>${escapeHtml(input.studyName)}: study report</h1>`);
  parts.push(
    `<p class="note">Written by Incident Workbench on ${escapeHtml(input.generatedAt.replace('T', ' ').slice(0, 16))} UTC.${report.options.normalised ? ' Normalised: absolute counts are hidden and times are in multiples of the first cohort\'s median time to mitigate.' : ''}</p>`,
  );
  parts.push('<h2 class="first">Methods</h2>');
  parts.push(input.methodsSummary !== null && !report.options.normalised ? `<pre>${escapeHtml(input.methodsSummary)}</pre>` : '<p class="note">The methods summary states counts, so it is left out of a normalised report.</p>');
  if (input.agreement) parts.push('<h2>Agreement</h2>', tableHtml(applyReportOptions(input.agreement, report.options)));
  for (const section of report.sections) {
    parts.push(`<h2 id="section-${escapeHtml(section.id)}">${escapeHtml(section.title)}</h2>`, `<p>${escapeHtml(section.intro)}</p>`);
    for (const chart of section.charts) parts.push(figureHtml(chart, input.svgOf(chart)));
    for (const table of section.tables) parts.push(tableHtml(table));
  }
  return selfContainedHtml(`${input.studyName}: study report`, STYLE, parts.join('\n'));
}
