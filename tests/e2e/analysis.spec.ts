import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { openDocument as openReport } from './support/openDocument.ts';
import { runCli } from '../../electron/cli/main.ts';

/** One generated incident, as the test knows it (what the CSV says, and what it means). */
interface Generated {
  id: string;
  genai: boolean;
  severity: 'high' | 'medium' | 'low';
  month: string;
  minutes: number;
  human: boolean;
  falseAlarm: boolean;
  hops: number;
  guide: boolean;
}

const SEVERITY_CSV = { high: 'Sev1', medium: 'Sev2', low: 'Sev3' } as const;

function generate(count: number): { rows: Generated[]; csv: string } {
  const rows: Generated[] = [];
  const lines = ['Incident ID,Title,Description,Severity,Created,Mitigated,Detection,False Alarm,Team History,TSG,Stage,Monitor'];
  for (let i = 0; i < count; i++) {
    const genai = i % 2 === 0;
    const severity = (['high', 'medium', 'low'] as const)[i % 3]!;
    const month = `2024-0${1 + ((i >> 1) % 4)}`;
    const created = new Date(`${month}-${String(10 + (i % 10)).padStart(2, '0')}T08:00:00Z`);
    const minutes = genai ? 60 + ((i * 37) % 300) : 20 + ((i * 13) % 100);
    const mitigated = new Date(created.getTime() + minutes * 60_000);
    const human = i % 5 === 0;
    const falseAlarm = i % 7 === 0;
    const hops = (i >> 2) % 4;
    const guide = i % 3 !== 0;
    const teams = Array.from({ length: hops + 1 }, (_, k) => `Team ${k}`).join(';');
    const stamp = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');
    rows.push({ id: `G-${i}`, genai, severity, month, minutes, human, falseAlarm, hops, guide });
    lines.push(
      [`G-${i}`, genai ? `GPT completions failing ${i}` : `Storage account slow ${i}`, 'Generated for the analysis test', SEVERITY_CSV[severity], stamp(created), stamp(mitigated), human ? 'Customer' : 'Monitor', falseAlarm ? 'Yes' : 'No', teams, guide ? 'Yes' : 'No', (i >> 1) % 2 ? 'Preview' : 'GA', human ? '' : `mon-${i % 6}`].join(','),
    );
  }
  return { rows, csv: `${lines.join('\n')}\n` };
}

/** numpy's default quantile (linear between order statistics), written out by the test. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

type Table = { columns: string[]; kinds: string[]; rows: Map<string, string[]> };

/** A report table as drawn: its column labels and kinds, and each row's data-values keyed by the row's first cell. */
async function readTable(page: Page, tableId: string): Promise<Table> {
  return page.$eval(`[data-table-id="${tableId}"]`, (el) => {
    const heads = [...el.querySelectorAll('thead th')];
    const rows = [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.getAttribute('data-value') ?? ''));
    return { columns: heads.map((h) => h.textContent ?? ''), kinds: heads.map((h) => h.getAttribute('data-kind') ?? ''), rows: rows.map((r) => [r[0]!, r] as [string, string[]]) };
  }).then((t) => ({ ...t, rows: new Map(t.rows) }));
}

async function download(page: Page, selector: string): Promise<{ name: string; content: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), content: readFileSync((await file.path())!) };
}

describe('analysis: the study\'s tables and figures from its own data', () => {
  const env = useE2eEnvironment();

  it('computes the general statistics of a cohort beside the other incidents, exports every kind of file, and hides counts when normalised', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'analysis-'));
    const { rows, csv } = generate(80);
    const file = join(dir, 'generated-incidents.csv');
    writeFileSync(file, csv);
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    await app.chooseImportFile(file);
    expect(await app.startImportAndWait()).toContain('80 new');

    // The GenAI cohort: titles that name GPT.
    await app.go('select');
    await page.fill('[data-testid="title-terms"]', 'gpt');
    const genai = rows.filter((r) => r.genai);
    const others = rows.filter((r) => !r.genai);
    await page.waitForFunction((n) => document.querySelector('[data-testid="match-count"]')?.textContent === String(n), genai.length);
    await page.fill('[data-testid="cohort-name"]', 'GenAI');
    await page.click('[data-testid="cohort-save"]');
    await page.waitForSelector(`[data-testid="cohort"][data-cohort-name="GenAI"] [data-testid="cohort-size"]:text("${genai.length}")`);

    await app.go('analysis');
    await page.waitForSelector('[data-testid="report"]');
    await page.selectOption('[data-testid="analysis-cohort"]', { label: 'GenAI' });
    await page.selectOption('[data-testid="analysis-compare"]', { label: 'the other incidents' });
    await page.waitForSelector('[data-section-id="comparison"]');
    await page.waitForSelector('[data-testid="report"][data-computing="false"]');

    // Table I: shares of detection types and false-alarm rates, as the test counts them.
    const detection = await readTable(page, 'detection-false-alarms');
    const humans = genai.filter((r) => r.human);
    const monitors = genai.filter((r) => !r.human);
    expect(Number(detection.rows.get('Human')![1])).toBe(humans.length);
    expect(Number(detection.rows.get('Human')![2])).toBeCloseTo(humans.length / genai.length, 12);
    expect(Number(detection.rows.get('Monitor')![5])).toBeCloseTo(monitors.filter((r) => r.falseAlarm).length / monitors.length, 12);

    // Fig. 6a: time to mitigate by severity, as quartiles.
    const bySeverity = await readTable(page, 'ttm-severity');
    for (const severity of ['high', 'medium', 'low'] as const) {
      const minutes = genai.filter((r) => r.severity === severity).map((r) => r.minutes);
      const row = bySeverity.rows.get(severity)!.map(Number);
      expect(row[1], severity).toBe(minutes.length);
      expect(row[3], severity).toBeCloseTo(quantile(minutes, 0.25), 9);
      expect(row[4], severity).toBeCloseTo(quantile(minutes, 0.5), 9);
      expect(row[7], severity).toBeCloseTo(minutes.reduce((a, b) => a + b, 0) / minutes.length, 9);
    }
    // Fig. 2: each month's incidents by severity; the chart draws the table's numbers.
    const overTime = await readTable(page, 'incidents-over-time');
    const months = [...new Set(genai.map((r) => r.month))].sort();
    expect([...overTime.rows.keys()]).toEqual(months);
    for (const month of months) expect(Number(overTime.rows.get(month)![1])).toBe(genai.filter((r) => r.month === month && r.severity === 'high').length);
    const overTimeChart = await app.chartOption('over-time-chart');
    expect(overTimeChart.xAxis.data).toEqual(months);
    expect(overTimeChart.series[0]!.data).toEqual(months.map((m) => genai.filter((r) => r.month === m && r.severity === 'high').length));
    // Fig. 5: the chart's stacked shares of 0, 1, 2 and 3+ transfer hops per detection type.
    const hopsChart = await app.chartOption<{ series: Array<{ name: string; data: number[] }> }>('hops-chart');
    for (let hops = 0; hops < 4; hops++) {
      const share = (group: Generated[]) => Math.round((group.filter((r) => r.hops === hops).length / group.length) * 10000) / 100;
      expect(hopsChart.series[hops]!.data, `${hops} hops`).toEqual([share(humans), share(monitors)]);
    }
    // Table I's chart: each detection type's share and false-alarm rate, in percent.
    const pct = (part: number, whole: number) => Math.round((part / whole) * 10000) / 100;
    const detectionChart = await app.chartOption<{ xAxis: { data: string[] }; series: Array<{ data: number[] }> }>('detection-chart');
    expect(detectionChart.xAxis.data).toEqual(['Human', 'Monitor']);
    expect(detectionChart.series[0]!.data).toEqual([pct(humans.length, genai.length), pct(monitors.length, genai.length)]);
    expect(detectionChart.series[1]!.data).toEqual([pct(humans.filter((r) => r.falseAlarm).length, humans.length), pct(monitors.filter((r) => r.falseAlarm).length, monitors.length)]);
    // Fig. 6a drawn: each severity's box is its min, quartiles, median and max; the diamond its mean.
    const box = await app.chartOption<{ xAxis: { data: string[] }; series: Array<{ data: number[][] }> }>('ttm-severity-chart');
    expect(box.xAxis.data).toEqual(['high', 'medium', 'low']);
    box.xAxis.data.forEach((severity, k) => {
      const minutes = genai.filter((r) => r.severity === severity).map((r) => r.minutes);
      const expected = [Math.min(...minutes), quantile(minutes, 0.25), quantile(minutes, 0.5), quantile(minutes, 0.75), Math.max(...minutes)];
      box.series[0]!.data[k]!.forEach((v, j) => expect(v, `${severity} ${j}`).toBeCloseTo(expected[j]!, 4));
      expect(box.series[1]!.data[k]![1]).toBeCloseTo(minutes.reduce((a, b) => a + b, 0) / minutes.length, 4);
    });
    // The ECDF of the cohort ends at its longest time with every incident mitigated; the other cohort's line beside it.
    const ecdf = await app.chartOption<{ series: Array<{ name: string; data: Array<[number, number]> }> }>('ttm-ecdf-chart');
    expect(ecdf.series.map((x) => x.name)).toEqual(['GenAI', 'the other incidents']);
    expect(ecdf.series[0]!.data.at(-1)).toEqual([Math.max(...genai.map((r) => r.minutes)), 1]);
    expect(ecdf.series[0]!.data[0]).toEqual([Math.min(...genai.map((r) => r.minutes)), 1 / genai.length]);
    // Fig. 4 drawn: the human-detected share in each stage (none in a stage without incidents).
    const stageChart = await app.chartOption<{ xAxis: { data: string[] }; series: Array<{ data: number[] }> }>('stage-chart');
    const stageOf = (r: Generated) => ((Number(r.id.slice(2)) >> 1) % 2 ? 'Preview' : 'General availability');
    expect(stageChart.series[0]!.data).toEqual(stageChart.xAxis.data.map((stage) => { const inStage = genai.filter((r) => stageOf(r) === stage); return inStage.length === 0 ? null : pct(inStage.filter((r) => r.human).length, inStage.length); }));
    // Two cohorts: the ratio of median times to mitigate, with a test of the difference.
    const comparison = await readTable(page, 'cohort-comparison');
    const median = comparison.rows.get('Median')!;
    const ratio = quantile(genai.map((r) => r.minutes), 0.5) / quantile(others.map((r) => r.minutes), 0.5);
    expect(Number(median[3])).toBeCloseTo(ratio, 9);
    expect(median[4]).toBe('Mann–Whitney U');
    // U of the GenAI times: the pairs in which the GenAI incident took longer, ties counting half.
    let u1 = 0;
    for (const x of genai) for (const y of others) u1 += x.minutes > y.minutes ? 1 : x.minutes === y.minutes ? 0.5 : 0;
    expect(Number(median[5])).toBe(u1);
    expect(Number(median[6])).toBeGreaterThan(0);
    expect(Number(median[6])).toBeLessThan(0.05);

    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'analysis-general');

    // Exports: an SVG that parses, a PNG of the chart's set size, a CSV with a row per month, a booktabs table.
    const chart = '[data-chart-id="ttm-severity-chart"]';
    const svg = await download(page, `${chart} [data-testid="chart-svg"]`);
    expect(svg.name).toBe('ttm-severity-chart.svg');
    expect(await page.evaluate((text) => { const doc = new DOMParser().parseFromString(text, 'image/svg+xml'); return doc.documentElement.nodeName + (doc.querySelector('parsererror') ? ' with errors' : ''); }, svg.content.toString('utf8'))).toBe('svg');
    const png = await download(page, `${chart} [data-testid="chart-png"]`);
    expect(png.content.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.content.readUInt32BE(16), png.content.readUInt32BE(20)]).toEqual([Number(await page.getAttribute(chart, 'data-width')), Number(await page.getAttribute(chart, 'data-height'))]);
    const table = '[data-table-id="incidents-over-time"]';
    const overTimeCsv = Papa.parse<string[]>((await download(page, `${table} [data-testid="table-csv"]`)).content.toString('utf8').trim()).data;
    expect(overTimeCsv).toHaveLength(months.length + 1);
    expect(overTimeCsv[0]![0]).toBe('Month');
    const latex = (await download(page, `${table} [data-testid="table-latex"]`)).content.toString('utf8');
    expect(latex).toMatch(/\\begin\{tabular\}\{l(r)+\}[\s\S]*\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule[\s\S]*\\end\{tabular\}/);
    expect(latex.split('\n').filter((l) => l.trim().endsWith('\\\\'))).toHaveLength(months.length + 1);

    // The whole report: one HTML file that opens with no network request and no console error, holding every table.
    const html = (await download(page, '[data-testid="export-report"]')).content.toString('utf8');
    const opened = await openReport(context, html, dir);
    expect(opened.requests).toEqual([]);
    expect(opened.errors).toEqual([]);
    expect(opened.tables).toBeGreaterThanOrEqual(10);
    expect(opened.figures).toBeGreaterThanOrEqual(8);
    expect(html).toContain('Time to mitigate by severity (Fig. 6a)');

    // Normalised: a study setting; no count column on the screen or in any export, times in multiples of the median.
    // The box follows the stored setting, so it shows checked once the study has it.
    await page.click('[data-testid="normalised"]');
    await page.waitForSelector('[data-testid="analysis"][data-normalised="true"] [data-testid="report"][data-computing="false"]');
    await page.waitForFunction(() => !document.querySelector('[data-table-id="detection-false-alarms"] th[data-kind="count"]'));
    expect(await page.$$eval('[data-testid="report-table"] th[data-kind="count"]', (els) => els.length)).toBe(0);
    const normalisedDetection = await readTable(page, 'detection-false-alarms');
    expect(normalisedDetection.columns).toEqual(['Detection type', 'Share', 'False-alarm rate']);
    const normalisedSeverity = await readTable(page, 'ttm-severity');
    const unit = quantile(genai.map((r) => r.minutes), 0.5);
    const highMinutes = genai.filter((r) => r.severity === 'high').map((r) => r.minutes);
    // Normalised numbers keep three significant digits (no count can be worked back from a share).
    expect(Number(normalisedSeverity.rows.get('high')![3])).toBe(Number((quantile(highMinutes, 0.5) / unit).toPrecision(3)));
    const sectionText = await page.textContent('[data-section-id="general"] > p');
    expect(sectionText).not.toContain(String(genai.length));
    const detectionCsv = Papa.parse<string[]>((await download(page, '[data-table-id="detection-false-alarms"] [data-testid="table-csv"]')).content.toString('utf8').trim()).data;
    expect(detectionCsv[0]).toEqual(['Detection type', 'Share', 'False-alarm rate']);
    const normalisedHtml = (await download(page, '[data-testid="export-report"]')).content.toString('utf8');
    expect(normalisedHtml).not.toMatch(/<th scope="col">(n|Incidents|False alarms|Known|Human|Monitor)<\/th>/);
    expect(normalisedHtml).toContain('Normalised: absolute counts are hidden');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'analysis-normalised');
    // The setting travels in the study file: the CLI reports such a study normalised without being told.
    const normalisedStudy = join(dir, 'normalised-study.zip');
    writeFileSync(normalisedStudy, await app.exportStudy());
    expect((await runCli(['report', normalisedStudy, '--out', join(dir, 'cli-setting'), '--cohort', 'GenAI'])).code).toBe(0);
    expect(readFileSync(join(dir, 'cli-setting', 'tables', 'detection-false-alarms.csv'), 'utf8').split(/\r?\n/)[0]).toBe('Detection type,Share,False-alarm rate');
    expect(readFileSync(join(dir, 'cli-setting', 'report.html'), 'utf8')).toContain('Normalised: absolute counts are hidden');
    await app.go('analysis');
    await page.waitForSelector('[data-testid="analysis"][data-normalised="true"] [data-testid="report"][data-computing="false"]');
    await page.click('[data-testid="normalised"]');
    await page.waitForSelector('[data-testid="analysis"][data-normalised="false"] [data-testid="report"][data-computing="false"]');
    const screenSeverity = await readTable(page, 'ttm-severity');

    // The CLI rebuilds the same report from the study file, headless: the same numbers, and a report that opens cleanly.
    const studyFile = join(dir, 'study.zip');
    writeFileSync(studyFile, await app.exportStudy());
    const out = join(dir, 'cli-report');
    const cli = await runCli(['report', studyFile, '--out', out, '--cohort', 'GenAI', '--compare', 'rest', '--json']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const written = JSON.parse(cli.stdout) as { figures: string[]; tables: string[]; html: string };
    expect(written.figures.length).toBeGreaterThanOrEqual(8);
    for (const figure of written.figures) expect(readFileSync(figure, 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
    const cliSeverity = Papa.parse<string[]>(readFileSync(join(out, 'tables', 'ttm-severity.csv'), 'utf8').trim()).data.slice(1);
    expect(cliSeverity.map((r) => r.map((v, j) => (j === 0 ? v : Number(v))))).toEqual([...screenSeverity.rows.values()].map((r) => r.map((v, j) => (j === 0 ? v : Number(v)))));
    const fromCli = await openReport(context, readFileSync(written.html, 'utf8'), dir);
    expect(fromCli).toMatchObject({ requests: [], errors: [] });
    expect(fromCli.figures).toBe(written.figures.length);
    // A postmortem of one incident from the same file: its timeline prefilled, opening with no request or error.
    const markdown = await runCli(['postmortem', studyFile, 'G-4', '--format', 'md']);
    expect(markdown.code).toBe(0);
    const g4 = rows.find((r) => r.id === 'G-4')!;
    expect(markdown.stdout).toContain(`Time to mitigate: ${g4.minutes < 60 ? `${g4.minutes} min` : `${Math.floor(g4.minutes / 60)} h${g4.minutes % 60 ? ` ${g4.minutes % 60} min` : ''}`}`);
    const postmortem = await runCli(['postmortem', studyFile, 'G-4', '--format', 'html']);
    const openedPostmortem = await openReport(context, postmortem.stdout, dir);
    expect(openedPostmortem).toMatchObject({ requests: [], errors: [] });
    expect(postmortem.stdout).toContain('UTC: Incident opened');
    expect((await runCli(['postmortem', studyFile, 'NOPE'])).stderr).toContain('The study has no incident "NOPE".');
    const normalisedCli = await runCli(['report', studyFile, '--out', join(dir, 'cli-normalised'), '--normalised', '--cohort', 'GenAI']);
    expect(normalisedCli.code).toBe(0);
    expect(readFileSync(join(dir, 'cli-normalised', 'tables', 'detection-false-alarms.csv'), 'utf8').split(/\r?\n/)[0]).toBe('Detection type,Share,False-alarm rate');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
