import type { Codebook } from '../codebook/codebook.ts';
import { describeCode, dimensionName, dimensionsOf } from '../codebook/codebook.ts';
import type { Dimension } from '../model/labels.ts';
import type { FinalLabel } from '../study/finalLabels.ts';
import { categoriesAt } from '../study/agreementByDimension.ts';
import { visibleTextString } from '../text/hiddenText.ts';
import { barChart, boxPlotChart, ecdfChart, heatmapChart, sunburstChart, type ChartSpec } from './charts.ts';
import { computeCodeMatrix, type CodeLevel, type CodeMatrix } from './codeMatrix.ts';
import { compareCohorts, type CohortComparison } from './cohortComparison.ts';
import { computeCodeDistribution, timeToMitigateByCode, type CodeDistribution } from './distributions.ts';
import { empiricalCdf, quantileCurve, type DurationSummary } from './durations.ts';
import { computeGeneralStatistics, HOP_BUCKETS, type AnalysisIncident, type DurationGroup, type GeneralStatistics } from './generalStatistics.ts';
import { applyReportOptions, coarse, timeUnitLabel, timeValue, type ReportCell, type ReportColumn, type ReportOptions, type ReportTable } from './reportTable.ts';

/**
 * The study's report as one view-model: every table and figure of the paper's sections IV–VIII that the data allow,
 * in the order a paper gives them. The Analysis screen, the exports, the HTML report and the CLI all render this, so a
 * number on the screen and the same number in an export come from one place. Normalised mode is applied here: every
 * absolute count is dropped and times are shown in multiples of the first cohort's median time to mitigate.
 */
export interface StudyReportInput {
  cohortName: string;
  incidents: readonly AnalysisIncident[];
  comparison: { name: string; incidents: readonly AnalysisIncident[] } | null;
  /**
   * Final codes (agreed + resolved) of the coder pair the report is for, of any incidents (the report keeps those of
   * the cohort); `openDisagreements`: how many of the pair's disagreements have no decision yet (left out). Null before
   * any coding.
   */
  coded: { finalLabels: readonly FinalLabel[]; codebook: Codebook; coders: string; openDisagreements?: number } | null;
  level: CodeLevel;
  normalised: boolean;
}

export interface ReportSection {
  id: string;
  title: string;
  intro: string;
  tables: ReportTable[];
  charts: ChartSpec[];
}

export interface StudyReport {
  options: ReportOptions;
  general: GeneralStatistics;
  comparison: CohortComparison | null;
  sections: ReportSection[];
}

/** Normalised, a cohort with fewer times than this gets no cumulative curve. */
const MIN_NORMALISED_CURVE = 50;

export const HEATMAP_PAIRS: ReadonlyArray<[Dimension, Dimension]> = [
  ['symptom', 'rootCause'],
  ['rootCause', 'mitigation'],
  ['symptom', 'mitigation'],
];

const label = (text: string) => visibleTextString(text);
/** A table left with no number (normalised mode took its counts) is not shown. */
const hasNumbers = (t: ReportTable) => t.columns.some((c) => c.kind !== 'text');
const col = (l: string, kind: ReportColumn['kind']): ReportColumn => ({ label: l, kind });
const DETECTION_NAMES: Record<string, string> = { human: 'Human', monitor: 'Monitor', unknown: 'Unknown' };
const STAGE_NAMES: Record<string, string> = { ga: 'General availability', preview: 'Preview', development: 'Development', unknown: 'Unknown' };

function durationTable(id: string, title: string, caption: string, groupLabel: string, groups: DurationGroup[], options: ReportOptions): ReportTable {
  const t = (v: number | undefined) => timeValue(v, options);
  return {
    id,
    title,
    caption: `${caption} Times in ${timeUnitLabel(options)}; quartiles by linear interpolation; the mean is shown beside the distribution, never alone.`,
    columns: [col(groupLabel, 'text'), col('n', 'count'), col('Min', 'minutes'), col('Q1', 'minutes'), col('Median', 'minutes'), col('Q3', 'minutes'), col('Max', 'minutes'), col('Mean', 'minutes')],
    rows: groups.map((g) => {
      const s: DurationSummary | null = g.summary;
      return [label(g.group), s?.n ?? 0, t(s?.min), t(s?.q1), t(s?.median), t(s?.q3), t(s?.max), t(s?.mean)];
    }),
  };
}

function generalSection(s: GeneralStatistics, cohortName: string, options: ReportOptions): ReportSection {
  const unit = timeUnitLabel(options);
  const scale = (m: number) => timeValue(m, options) ?? NaN;
  const detection: ReportTable = {
    id: 'detection-false-alarms',
    title: 'Detection type and false alarms (Table I)',
    caption: `Detection type of the incidents of ${cohortName} (share of those with a known type) and the false-alarm rate of each (of those with a known false-alarm flag).`,
    columns: [col('Detection type', 'text'), col('Incidents', 'count'), col('Share', 'share'), col('False alarms', 'count'), col('Known', 'count'), col('False-alarm rate', 'share')],
    rows: s.detection.map((d) => [DETECTION_NAMES[d.detectionType]!, d.count, d.share, d.falseAlarms, d.falseAlarmKnown, d.falseAlarmRate]),
  };
  const hops: ReportTable = {
    id: 'transfer-hops',
    title: 'Transfer hops by detection type (Fig. 5)',
    caption: 'Share of incidents by how many times they were transferred between teams, per detection type (of those with a known hop count).',
    columns: [col('Detection type', 'text'), col('n', 'count'), ...HOP_BUCKETS.map((h) => col(h === '1' ? '1 hop' : `${h} hops`, 'share')), col('Reassigned', 'share')],
    rows: s.hops.map((h) => [DETECTION_NAMES[h.detectionType]!, h.n, ...(h.shares ?? [null, null, null, null]), h.reassigned]),
  };
  const withoutTime = s.n - (s.timeToMitigate?.n ?? 0);
  const overall = durationTable(
    'ttm-overall',
    'Time to mitigate',
    `Time to mitigate of ${cohortName}${withoutTime > 0 ? (options.normalised ? '; incidents without a time (none in the export, or mitigated before they were opened) are left out' : `; ${withoutTime} incidents without a time (none in the export, or mitigated before they were opened) are left out`) : ''}.`,
    'Cohort',
    [{ group: cohortName, summary: s.timeToMitigate }],
    options,
  );
  const bySeverity = durationTable('ttm-severity', 'Time to mitigate by severity (Fig. 6a)', 'Time to mitigate per severity.', 'Severity', s.ttmBySeverity, options);
  const byGuide = durationTable('ttm-guide', 'Time to mitigate by troubleshooting guide (Fig. 6b)', 'Time to mitigate with and without a troubleshooting guide (TSG).', 'Guide', s.ttmByGuide, options);
  const byDetection = durationTable('ttm-detection', 'Time to mitigate by detection type (Fig. 6c)', 'Time to mitigate per detection type.', 'Detection type', s.ttmByDetection.map((g) => ({ ...g, group: DETECTION_NAMES[g.group]! })), options);
  const monthTotals = s.overTime.months.map((_, m) => s.overTime.series.reduce((sum, x) => sum + x.counts[m]!, 0));
  const allDated = monthTotals.reduce((a, b) => a + b, 0);
  const overTime: ReportTable = {
    id: 'incidents-over-time',
    title: 'Incidents over time by severity (Fig. 2)',
    caption: options.normalised ? 'Share of the dated incidents created in each month (UTC), by severity.' : `Incidents created in each month (UTC), by severity; ${s.overTime.undated} undated.`,
    columns: [col('Month', 'text'), ...s.overTime.series.map((x) => col(x.severity, options.normalised ? 'share' : 'count'))],
    rows: s.overTime.months.map((month, m) => [month, ...s.overTime.series.map((x) => (options.normalised ? (allDated === 0 ? null : x.counts[m]! / allDated) : x.counts[m]!))]),
  };
  const stage: ReportTable = {
    id: 'detection-by-stage',
    title: 'Detection type by service stage (Fig. 4)',
    caption: 'Incidents detected by humans and by monitors in each stage of the service, and the share detected by humans.',
    columns: [col('Stage', 'text'), col('Human', 'count'), col('Monitor', 'count'), col('Human-detected', 'share')],
    rows: s.byStage.map((r) => [STAGE_NAMES[r.stage]!, r.human, r.monitor, r.humanShare]),
  };
  const monitors: ReportTable = {
    id: 'unique-monitors',
    title: 'Unique monitors',
    caption: 'Distinct monitors per 100 monitor-detected incidents that name their monitor (the paper: 25.9 for GenAI incidents, 74.4 for others).',
    columns: [col('Monitor-detected', 'count'), col('Naming a monitor', 'count'), col('Unique monitors', 'count'), col('Per 100 incidents', 'statistic')],
    rows: [[s.monitors.monitorDetected, s.monitors.withMonitorName, s.monitors.uniqueMonitors, s.monitors.per100]],
  };
  const severities = s.overTime.series.map((x) => x.severity);
  const charts: ChartSpec[] = [
    barChart('detection-chart', 'Detection type and false-alarm rate', s.detection.map((d) => DETECTION_NAMES[d.detectionType]!), [
      { name: 'share of incidents', values: s.detection.map((d) => d.share) },
      { name: 'false-alarm rate', values: s.detection.map((d) => d.falseAlarmRate) },
    ], { percent: true }, 'Bars: the share of incidents of each detection type and its false-alarm rate; the numbers are in the table "Detection type and false alarms".'),
    barChart('hops-chart', 'Transfer hops by detection type', s.hops.map((h) => DETECTION_NAMES[h.detectionType]!), HOP_BUCKETS.map((b, k) => ({ name: b === '1' ? '1 hop' : `${b} hops`, values: s.hops.map((h) => h.shares?.[k] ?? null) })), { stacked: true, percent: true }, 'Stacked bars: the share of incidents with 0, 1, 2 and 3 or more transfer hops per detection type; the numbers are in the table "Transfer hops by detection type".'),
    boxPlotChart('ttm-severity-chart', 'Time to mitigate by severity', s.ttmBySeverity, unit, scale, 'Box plots of time to mitigate per severity (whiskers at minimum and maximum, a diamond at the mean); the numbers are in the table "Time to mitigate by severity".'),
    boxPlotChart('ttm-guide-chart', 'Time to mitigate by troubleshooting guide', s.ttmByGuide, unit, scale, 'Box plots of time to mitigate with and without a troubleshooting guide; the numbers are in the table "Time to mitigate by troubleshooting guide".'),
    boxPlotChart('ttm-detection-chart', 'Time to mitigate by detection type', s.ttmByDetection.map((g) => ({ ...g, group: DETECTION_NAMES[g.group]! })), unit, scale, 'Box plots of time to mitigate per detection type; the numbers are in the table "Time to mitigate by detection type".'),
    barChart('over-time-chart', 'Incidents over time by severity', s.overTime.months, severities.map((sev, k) => ({ name: sev, values: overTime.rows.map((r) => r[k + 1] as number | null) })), { stacked: true, percent: options.normalised }, 'Stacked bars: incidents created per month by severity; the numbers are in the table "Incidents over time by severity".'),
    barChart('stage-chart', 'Human-detected share by service stage', s.byStage.map((r) => STAGE_NAMES[r.stage]!), [{ name: 'human-detected', values: s.byStage.map((r) => r.humanShare) }], { percent: true }, 'Bars: the share of incidents detected by humans in each service stage; the numbers are in the table "Detection type by service stage".'),
  ];
  return {
    id: 'general',
    title: `General statistics: ${cohortName}`,
    intro: `Every incident of the cohort, coded or not${options.normalised ? '' : ` (${s.n})`}.`,
    tables: [detection, hops, overall, bySeverity, byGuide, byDetection, overTime, stage, monitors].map((t) => applyReportOptions(t, options)).filter(hasNumbers),
    charts,
  };
}

function matrixTable(m: CodeMatrix, codebook: Codebook, title: string): ReportTable {
  const rowName = (c: string) => label(describeCode(codebook, m.rowDimension, c));
  const columnName = (c: string) => label(describeCode(codebook, m.columnDimension, c));
  return {
    id: `heatmap-${m.rowDimension}-${m.columnDimension}`,
    title,
    caption: `Share of each ${dimensionName(codebook, m.rowDimension).toLowerCase()}'s incidents by ${dimensionName(codebook, m.columnDimension).toLowerCase()} (final codes, ${m.level === 'top' ? 'top level' : 'full codes'}).`,
    columns: [col(dimensionName(codebook, m.rowDimension), 'text'), col('n', 'count'), ...m.columns.map((c) => col(columnName(c), 'share'))],
    rows: m.rows.map((r, i) => [rowName(r), m.rowTotals[i]!, ...m.shares[i]!]),
    keys: { rows: m.rows, columns: [null, null, ...m.columns] },
  };
}

const openNote = (open: number, options: ReportOptions) =>
  open === 0 ? '' : options.normalised ? ' Disagreements still open are left out.' : ` ${open} disagreement${open === 1 ? '' : 's'} still open ${open === 1 ? 'is' : 'are'} left out.`;

/** A category's sub-codes as rows; a category coded only as itself needs no row beside its total. */
const childrenShown = (c: CodeDistribution['categories'][number]) => c.children.filter((k) => k.code !== c.code || c.children.length > 1);

function codesSection(coded: NonNullable<StudyReportInput['coded']>, incidents: readonly AnalysisIncident[], level: CodeLevel, options: ReportOptions): ReportSection {
  const { finalLabels, codebook } = coded;
  if (finalLabels.length === 0) {
    return { id: 'codes', title: `Symptoms, root causes and mitigations (${coded.coders})`, intro: `No final codes of the cohort's incidents yet: the distributions and heatmaps appear once both coders have coded the same incidents (agreed codes) or the lead has resolved their disagreements.${openNote(coded.openDisagreements ?? 0, options)}`, tables: [], charts: [] };
  }
  const tables: ReportTable[] = [];
  const charts: ChartSpec[] = [];
  const dims = new Set(dimensionsOf(codebook).map((d) => d.id));
  for (const dimension of ['symptom', 'rootCause', 'mitigation'].filter((d) => dims.has(d))) {
    const d = computeCodeDistribution(finalLabels, dimension);
    const name = dimensionName(codebook, dimension);
    const codeName = (c: string) => label(describeCode(codebook, dimension, c));
    tables.push({
      id: `distribution-${dimension}`,
      title: `${name} categories`,
      caption: `Final ${name.toLowerCase()} codes: each category's share of the coded incidents, and each sub-category's share of its category and of all.`,
      columns: [col('Category', 'text'), col('Code', 'text'), col('Incidents', 'count'), col('Share of category', 'share'), col('Share of all', 'share')],
      rows: d.categories.flatMap((c) => [[codeName(c.code), '(all)', c.count, 1, c.share] as ReportCell[], ...childrenShown(c).map((k) => [codeName(c.code), codeName(k.code), k.count, k.shareOfCategory, k.share] as ReportCell[])]),
      // Rows keyed "category|code" ("category|*" for the whole category).
      keys: { rows: d.categories.flatMap((c) => [`${c.code}|*`, ...childrenShown(c).map((k) => `${c.code}|${k.code}`)]), columns: [null, null, null, null, null] },
    });
    charts.push(sunburstChart(`distribution-${dimension}-chart`, `${name} categories`, d.categories.map((c) => ({ name: codeName(c.code), share: c.share, children: c.children.map((k) => ({ name: codeName(k.code), share: k.share })) })), `Sunburst: ${name.toLowerCase()} categories (inside) and their sub-categories (outside) as shares of the coded incidents; the numbers are in the table "${name} categories".`));
  }
  for (const [rowDimension, columnDimension] of HEATMAP_PAIRS) {
    if (!dims.has(rowDimension) || !dims.has(columnDimension)) continue;
    const m = computeCodeMatrix(finalLabels, rowDimension, columnDimension, categoriesAt(codebook, rowDimension, level), categoriesAt(codebook, columnDimension, level), level);
    const title = `${dimensionName(codebook, rowDimension)} → ${dimensionName(codebook, columnDimension)}${rowDimension === 'symptom' && columnDimension === 'rootCause' ? ' (Fig. 7)' : ''}`;
    const table = matrixTable(m, codebook, title);
    tables.push(table);
    const rows = m.rows.map((r) => label(describeCode(codebook, rowDimension, r)) + (options.normalised ? '' : ` (n=${m.rowTotals[m.rows.indexOf(r)]})`));
    charts.push(heatmapChart(`heatmap-${rowDimension}-${columnDimension}-chart`, title, rows, table.columns.slice(2).map((c) => c.label), m.shares, `Heatmap: each cell the share of a ${dimensionName(codebook, rowDimension).toLowerCase()}'s incidents with that ${dimensionName(codebook, columnDimension).toLowerCase()}; the numbers are in the table "${title}".`));
    tables.push({
      id: `agreement-${rowDimension}-${columnDimension}`,
      title: `${title}: coders' agreement per cell`,
      caption: 'Of each cell\'s incidents, the share where both coders gave both codes alike (the rest were settled by the lead).',
      columns: table.columns.map((c) => (c.kind === 'share' ? col(c.label, 'share') : c)),
      rows: m.rows.map((_, i) => [table.rows[i]![0]!, m.rowTotals[i]!, ...m.agreedShares[i]!]),
      keys: table.keys!,
    });
  }
  if (dims.has('mitigation')) {
    const minutes = new Map(incidents.map((i) => [i.id, i.timeToMitigateMinutes]));
    const byCode = timeToMitigateByCode(finalLabels, 'mitigation', minutes, 'top');
    const groups = byCode.map((g) => ({ group: describeCode(codebook, 'mitigation', g.code), summary: g.summary }));
    const table: ReportTable = durationTable('ttm-mitigation', 'Time to mitigate by mitigation category (Fig. 9)', 'Time to mitigate per final mitigation category, in order of the mean (as the paper\'s Fig. 9), with the distribution beside it.', 'Mitigation', groups, options);
    tables.push({ ...table, keys: { rows: byCode.map((g) => g.code), columns: table.columns.map(() => null) } });
    charts.push(barChart('ttm-mitigation-chart', 'Mean and median time to mitigate by mitigation category', groups.map((g) => label(g.group)), [
      { name: 'mean', values: groups.map((g) => timeValue(g.summary?.mean, options)) },
      { name: 'median', values: groups.map((g) => timeValue(g.summary?.median, options)) },
    ], { horizontal: true, yName: timeUnitLabel(options) }, 'Bars: the mean and the median time to mitigate of each mitigation category; the quartiles are in the table "Time to mitigate by mitigation category".'));
  }
  return {
    id: 'codes',
    title: `Symptoms, root causes and mitigations (${coded.coders})`,
    intro: `Final codes of the cohort's incidents: those both coders agreed on and the lead's resolutions${options.normalised ? '' : ` (${new Set(finalLabels.map((l) => l.incidentId)).size} incidents)`}.${openNote(coded.openDisagreements ?? 0, options)}`,
    tables: tables.map((t) => applyReportOptions(t, options)).filter(hasNumbers),
    charts,
  };
}

function comparisonSection(c: CohortComparison, options: ReportOptions): ReportSection {
  const [a, b] = c.names;
  const t = (v: number | null | undefined) => timeValue(v ?? null, options);
  const [sa, sb] = c.statistics;
  const times: ReportTable = {
    id: 'cohort-comparison',
    title: `Time to mitigate: ${a} against ${b}`,
    caption: `Median and mean time to mitigate of both cohorts (${timeUnitLabel(options)}), their ratio, and Mann–Whitney U (two-sided, normal approximation with tie and continuity corrections) on the times.`,
    // A test statistic grows with the samples' sizes, so normalised mode hides it as it hides counts (p stays, coarsened).
    columns: [col('Measure', 'text'), col(a, 'minutes'), col(b, 'minutes'), col('Ratio', 'ratio'), col('Test', 'text'), col('Statistic', 'testStatistic'), col('p', 'p')],
    rows: [
      ['Median', t(sa.timeToMitigate?.median), t(sb.timeToMitigate?.median), c.timeToMitigate.medianRatio, c.timeToMitigate.test ? 'Mann–Whitney U' : '—', c.timeToMitigate.test?.u1 ?? null, c.timeToMitigate.test?.p ?? null],
      ['Mean', t(sa.timeToMitigate?.mean), t(sb.timeToMitigate?.mean), c.timeToMitigate.meanRatio, '', null, null],
    ],
  };
  const rates: ReportTable = {
    id: 'cohort-comparison-rates',
    title: `Detection and false alarms: ${a} against ${b}`,
    caption: 'The human-detected share and the false-alarm rate of monitor-detected incidents of both cohorts, their ratio, and a chi-square test of each (Yates-corrected for 2×2).',
    columns: [col('Measure', 'text'), col(a, 'share'), col(b, 'share'), col('Ratio', 'ratio'), col('Test', 'text'), col('Statistic', 'testStatistic'), col('p', 'p')],
    rows: [
      ['Human-detected share', c.humanDetected.shares[0], c.humanDetected.shares[1], c.humanDetected.ratio, c.humanDetected.test ? 'chi-square' : '—', c.humanDetected.test?.statistic ?? null, c.humanDetected.test?.p ?? null],
      ['False-alarm rate of monitor-detected', c.falseAlarmOfMonitor.rates[0], c.falseAlarmOfMonitor.rates[1], c.falseAlarmOfMonitor.ratio, c.falseAlarmOfMonitor.test ? 'chi-square' : '—', c.falseAlarmOfMonitor.test?.statistic ?? null, c.falseAlarmOfMonitor.test?.p ?? null],
    ],
  };
  const sizes: ReportTable = {
    id: 'cohort-sizes',
    title: 'Cohort sizes',
    caption: 'Incidents in each cohort, and how many have a time to mitigate.',
    columns: [col('Cohort', 'text'), col('Incidents', 'count'), col('With a time to mitigate', 'count')],
    rows: [[a, sa.n, sa.timeToMitigate?.n ?? 0], [b, sb.n, sb.timeToMitigate?.n ?? 0]],
  };
  const unit = timeUnitLabel(options);
  const scale = (m: number) => timeValue(m, options) ?? NaN;
  return {
    id: 'comparison',
    title: `Two cohorts: ${a} and ${b}`,
    intro: [
      `${a} beside ${b}, as the paper sets GenAI incidents beside the other incidents (Fig. 8, Table I).`,
      c.overlap > 0 ? `The two overlap${options.normalised ? '' : ` (${c.overlap} incidents are in both)`}, so no test of a difference is run: a test needs two separate groups.` : '',
      // Normalised, a caution names no threshold: "fewer than 8" would tell the size.
      ...(options.normalised && c.cautions.length ? ['Some groups are small, so the p-values are rough.'] : c.cautions),
    ]
      .filter((x) => x !== '')
      .join(' '),
    tables: [times, rates, sizes].map((x) => applyReportOptions(x, options)).filter(hasNumbers),
    charts: [
      boxPlotChart('comparison-ttm-chart', 'Time to mitigate of both cohorts', [{ group: a, summary: sa.timeToMitigate }, { group: b, summary: sb.timeToMitigate }], unit, scale, 'Box plots of the two cohorts\' times to mitigate; the numbers are in the table of the comparison.'),
    ],
  };
}

export function buildStudyReport(input: StudyReportInput): StudyReport {
  const general = computeGeneralStatistics(input.incidents);
  const options: ReportOptions = { normalised: input.normalised, timeUnitMinutes: general.timeToMitigate?.median || null };
  const sections = [generalSection(general, input.cohortName, options)];
  // Normalised, the curve is drawn at fixed shares: the ECDF's steps of 1/n would tell n.
  const curve = (incidents: readonly AnalysisIncident[]) => {
    const times = incidents.flatMap((i) => (i.timeToMitigateMinutes === null ? [] : [timeValue(i.timeToMitigateMinutes, options) ?? NaN]));
    // A few values would show through even a curve at fixed shares (its bends are the values): none is drawn for them.
    if (options.normalised) return times.length >= MIN_NORMALISED_CURVE ? quantileCurve(times) : [];
    return empiricalCdf(times);
  };
  const ecdf = ecdfChart(
    'ttm-ecdf-chart',
    'Time to mitigate: cumulative distribution',
    [{ name: input.cohortName, points: curve(input.incidents) }, ...(input.comparison ? [{ name: input.comparison.name, points: curve(input.comparison.incidents) }] : [])],
    timeUnitLabel(options),
    'Lines: the share of incidents mitigated within each time; the quartiles are in the table "Time to mitigate".',
  );
  sections[0]!.charts.splice(2, 0, ecdf);
  if (input.coded) {
    // The codes of the cohort's incidents only, so every figure of the report speaks of the same incidents.
    const inCohort = new Set(input.incidents.map((i) => i.id));
    sections.push(codesSection({ ...input.coded, finalLabels: input.coded.finalLabels.filter((l) => inCohort.has(l.incidentId)) }, input.incidents, input.level, options));
  }
  let comparison: CohortComparison | null = null;
  if (input.comparison) {
    comparison = compareCohorts([input.cohortName, input.comparison.name], input.incidents, input.comparison.incidents);
    sections.push(comparisonSection(comparison, options));
  }
  if (options.normalised && options.timeUnitMinutes === null && general.timeToMitigate) {
    sections[0]!.intro += ' The median time to mitigate is 0, so times cannot be shown as multiples of it.';
  }
  for (const section of sections) section.charts = section.charts.filter(hasData);
  return options.normalised ? coarsen({ options, general, comparison, sections }) : { options, general, comparison, sections };
}

/** A chart with nothing to draw (no times, no codes) is left out rather than drawn as empty axes. */
function hasData(chart: ChartSpec): boolean {
  const series = (chart.option.series as Array<{ data?: unknown[] }> | undefined) ?? [];
  return series.some((x) => (x.data ?? []).some((v) => v !== null && !(Array.isArray(v) && v.length === 0)));
}


function coarsenValue(v: unknown): unknown {
  if (typeof v === 'number') return coarse(v);
  if (Array.isArray(v)) return v.map(coarsenValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'name' ? x : coarsenValue(x)]));
  return v;
}

/**
 * Normalised mode, last step for the charts (the tables are cut by applyReportOptions): every number a chart draws keeps
 * three significant digits, so no count can be worked back from a share's full precision.
 */
function coarsen(report: StudyReport): StudyReport {
  return {
    ...report,
    sections: report.sections.map((section) => ({
      ...section,
      charts: section.charts.map((c) => ({ ...c, option: { ...c.option, series: coarsenValue(c.option.series) } })),
    })),
  };
}
