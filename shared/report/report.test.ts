import { describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../codebook/codebook.ts';
import type { FinalLabel } from '../study/finalLabels.ts';
import { computeCodeMatrix } from './codeMatrix.ts';
import { computeCodeDistribution, timeToMitigateByCode } from './distributions.ts';
import { empiricalCdf, quantileCurve } from './durations.ts';
import { applyReportOptions, escapeLatex, tableToCsv, tableToLatex, type ReportTable } from './reportTable.ts';
import { buildStudyReport } from './studyReport.ts';
import type { AnalysisIncident } from './generalStatistics.ts';
import Papa from 'papaparse';

const f = (incidentId: string, dimension: string, code: string, origin: FinalLabel['origin'] = 'agreed'): FinalLabel => ({ incidentId, dimension, code, origin });

// Five incidents: symptoms and root causes chosen so every cell below is worked out by hand.
const labels: FinalLabel[] = [
  f('1', 'symptom', 'deployment-failure/model-deployment-failure'),
  f('1', 'rootCause', 'configuration-issue/misconfiguration'),
  f('1', 'mitigation', 'rollback'),
  f('2', 'symptom', 'deployment-failure/resource-deployment-failure', 'resolved'),
  f('2', 'rootCause', 'infrastructure-issue/network'),
  f('2', 'mitigation', 'rollback'),
  f('3', 'symptom', 'deployment-failure'),
  f('3', 'rootCause', 'configuration-issue/configuration-update'),
  f('3', 'mitigation', 'code-fix'),
  f('4', 'symptom', 'degraded-performance/api-level-degradation'),
  f('4', 'rootCause', 'infrastructure-issue/storage'),
  f('5', 'symptom', 'degraded-performance/api-level-degradation'), // no root cause: out of the matrix
];

describe('code matrices (Fig. 7 and the other two pairs) with the agreement overlay', () => {
  const symptoms = ['invalid-inference', 'deployment-failure', 'degraded-performance', 'other'];
  const causes = ['infrastructure-issue', 'configuration-issue', 'not-applicable'];
  const m = computeCodeMatrix(labels, 'symptom', 'rootCause', symptoms, causes, 'top');

  it('shares of each row, n per row, and the reserved codes only where used', () => {
    expect(m.rows).toEqual(['invalid-inference', 'deployment-failure', 'degraded-performance']);
    expect(m.columns).toEqual(['infrastructure-issue', 'configuration-issue']);
    // deployment-failure: incidents 1 (config), 2 (infra), 3 (config) → 1/3 infra, 2/3 config.
    expect(m.counts[1]).toEqual([1, 2]);
    expect(m.shares[1]![0]).toBeCloseTo(1 / 3, 12);
    expect(m.shares[1]![1]).toBeCloseTo(2 / 3, 12);
    expect(m.rowTotals).toEqual([0, 3, 1]);
    expect(m.shares[0]).toEqual([null, null]);
    expect(m.n).toBe(4);
  });

  it('the overlay: of each cell, the share where both codes were agreed', () => {
    // deployment-failure × infrastructure: incident 2, whose symptom the lead settled → 0; × configuration: 1 and 3 agreed → 1.
    expect(m.agreedShares[1]).toEqual([0, 1]);
    expect(m.agreedShares[0]).toEqual([null, null]);
  });

  it('full codes: a code with no sub-code of its own is its own row', () => {
    const full = computeCodeMatrix(labels, 'rootCause', 'mitigation', ['configuration-issue/misconfiguration', 'configuration-issue/configuration-update', 'infrastructure-issue/network'], ['rollback', 'code-fix'], 'full');
    expect(full.counts).toEqual([[1, 0], [0, 1], [1, 0]]);
  });
});

describe('distributions with sub-categories (sections V–VII)', () => {
  it('shares of all and of the category, most incidents first', () => {
    const d = computeCodeDistribution(labels, 'symptom');
    expect(d.n).toBe(5);
    expect(d.categories.map((c) => [c.code, c.count])).toEqual([['deployment-failure', 3], ['degraded-performance', 2]]);
    const deployment = d.categories[0]!;
    expect(deployment.share).toBeCloseTo(3 / 5, 12);
    // One each: model, resource, and the category itself; ties in code order.
    expect(deployment.children.map((k) => [k.code, k.count])).toEqual([
      ['deployment-failure', 1],
      ['deployment-failure/model-deployment-failure', 1],
      ['deployment-failure/resource-deployment-failure', 1],
    ]);
    expect(deployment.children[0]!.shareOfCategory).toBeCloseTo(1 / 3, 12);
    expect(deployment.children[0]!.share).toBeCloseTo(1 / 5, 12);
  });

  it('time to mitigate per mitigation category (Fig. 9), means first, incidents without a time counted apart', () => {
    const minutes = new Map<string, number | null>([['1', 30], ['2', 90], ['3', null]]);
    const groups = timeToMitigateByCode(labels, 'mitigation', minutes);
    expect(groups.map((g) => [g.code, g.summary?.mean ?? null, g.withoutTime])).toEqual([['rollback', 60, 0], ['code-fix', null, 1]]);
  });
});

describe('the ECDF', () => {
  it('steps at the last of equal values', () => {
    expect(empiricalCdf([3, 1, 2, 2])).toEqual([[1, 0.25], [2, 0.75], [3, 1]]);
  });

  it('thinned, keeps the first and last steps and every rise of 1/points, so no jump moves', () => {
    const thin = empiricalCdf(Array.from({ length: 1000 }, (_, i) => i), 10);
    // Kept: the first (0, 0.001), then each step 0.1 above the last kept, and the last.
    expect(thin[0]).toEqual([0, 0.001]);
    expect(thin.at(-1)).toEqual([999, 1]);
    for (let k = 1; k < thin.length; k++) expect(thin[k]![1] - thin[k - 1]![1]).toBeGreaterThan(0);
    expect(thin.length).toBeLessThanOrEqual(12);
    // 90% of the values at 6: the jump to 0.9005 stays at 6 (drawn at 10, the old thinning moved it).
    const heavy = [5, ...Array.from({ length: 1800 }, () => 6), ...Array.from({ length: 199 }, (_, i) => 10 + i)];
    const drawn = empiricalCdf(heavy, 10);
    expect(drawn[0]).toEqual([5, 1 / 2000]);
    expect(drawn[1]).toEqual([6, 1801 / 2000]);
  });

  it('normalised, is drawn at fixed shares that say nothing of n', () => {
    const curve = quantileCurve([10, 20, 30, 40], 4);
    expect(curve.map(([, y]) => y)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(curve.map(([x]) => x)).toEqual([17.5, 25, 32.5, 40]);
  });
});

describe('tables as CSV and LaTeX', () => {
  const table: ReportTable = {
    id: 'demo_1',
    title: 'Demo',
    caption: 'Shares & counts of 100% of =cmd incidents',
    columns: [{ label: 'Name', kind: 'text' }, { label: 'n', kind: 'count' }, { label: 'Share', kind: 'share' }, { label: 'p', kind: 'p' }],
    rows: [['=HYPERLINK("x")', 12, 0.25, 0.00001], ['a_b\u{E0041}', 3, null, 0.5]],
  };

  it('CSV: numbers stay numbers, formula cells are neutralised, hidden characters marked; one row per table row', () => {
    const parsed = Papa.parse<string[]>(tableToCsv(table).trim()).data;
    expect(parsed).toHaveLength(3);
    expect(parsed[1]![0]!.startsWith("'=")).toBe(true);
    expect(parsed[1]!.slice(1)).toEqual(['12', '0.25', '0.00001']);
    expect(parsed[2]![0]).not.toContain('\u{E0041}');
  });

  it('LaTeX: booktabs rules, escaped specials, formatted cells, one line per row', () => {
    const tex = tableToLatex(table);
    expect(tex).toContain('\\toprule');
    expect(tex).toContain('\\midrule');
    expect(tex).toContain('\\bottomrule');
    expect(tex).toContain('\\begin{tabular}{lrrr}');
    expect(tex).toContain('Shares \\& counts of 100\\% of =cmd incidents');
    expect(tex).toContain('a\\_b');
    expect(tex).toContain('25.0\\% & \\textless{} 0.0001');
    expect(tex.split('\n').filter((l) => l.trim().endsWith('\\\\'))).toHaveLength(3);
    expect(escapeLatex('\\{}$#^~')).toBe('\\textbackslash{}\\{\\}\\$\\#\\textasciicircum{}\\textasciitilde{}');
  });

  it('normalised mode drops every count column', () => {
    const n = applyReportOptions(table, { normalised: true, timeUnitMinutes: 10 });
    expect(n.columns.map((c) => c.label)).toEqual(['Name', 'Share', 'p']);
    expect(n.rows[0]).toEqual(['=HYPERLINK("x")', 0.25, 0.00001]);
  });
});

describe('the study report', () => {
  const cohort: AnalysisIncident[] = ['1', '2', '3', '4', '5'].map((id, k) => ({
    id,
    createdAt: `2024-0${k + 1}-01T00:00:00.000Z`,
    severity: k < 2 ? 'high' : 'low',
    detectionType: k % 2 === 0 ? 'monitor' : 'human',
    falseAlarm: k === 4,
    transferHops: k,
    timeToMitigateMinutes: (k + 1) * 30,
    hasTroubleshootingGuide: k < 3,
    serviceStage: 'ga',
    monitorName: k % 2 === 0 ? `m${k}` : null,
  }));
  const others: AnalysisIncident[] = cohort.map((i) => ({ ...i, id: `o${i.id}`, timeToMitigateMinutes: (i.timeToMitigateMinutes ?? 0) / 3 }));
  const input = { cohortName: 'GenAI', incidents: cohort, comparison: { name: 'Other', incidents: others }, coded: { finalLabels: labels, codebook: loadDefaultCodebook(), coders: 'A and B' }, level: 'top' as const };

  it('has every section, and the comparison states the ratio the paper would (3× longer)', () => {
    const report = buildStudyReport({ ...input, normalised: false });
    expect(report.sections.map((s) => s.id)).toEqual(['general', 'codes', 'comparison']);
    expect(report.comparison!.timeToMitigate.medianRatio).toBeCloseTo(3, 12);
    const ids = report.sections.flatMap((s) => s.tables.map((t) => t.id));
    for (const id of ['detection-false-alarms', 'transfer-hops', 'ttm-severity', 'ttm-guide', 'ttm-detection', 'incidents-over-time', 'detection-by-stage', 'unique-monitors', 'distribution-symptom', 'heatmap-symptom-rootCause', 'heatmap-rootCause-mitigation', 'heatmap-symptom-mitigation', 'ttm-mitigation', 'cohort-comparison']) expect(ids).toContain(id);
    // Every chart's option is plain JSON: it survives a round trip unchanged.
    for (const chart of report.sections.flatMap((s) => s.charts)) expect(JSON.parse(JSON.stringify(chart.option))).toEqual(chart.option);
  });

  it('speaks of the cohort only: codes of incidents outside it are left out, and open disagreements are named', () => {
    const report = buildStudyReport({ ...input, incidents: cohort.slice(0, 2), comparison: null, coded: { ...input.coded, openDisagreements: 3 }, normalised: false });
    const symptoms = report.sections[1]!.tables.find((t) => t.id === 'distribution-symptom')!;
    // Incidents 1 and 2 are both deployment failures: one category, two incidents.
    expect(symptoms.rows[0]!.slice(0, 3)).toEqual(['Deployment failure', '(all)', 2]);
    expect(report.sections[1]!.intro).toContain('(2 incidents). 3 disagreements still open are left out.');
  });

  it('normalised: no count column anywhere, times in multiples of the median (90 minutes here)', () => {
    const report = buildStudyReport({ ...input, normalised: true });
    expect(report.options.timeUnitMinutes).toBe(90);
    for (const t of report.sections.flatMap((s) => s.tables)) expect(t.columns.filter((c) => c.kind === 'count'), t.id).toEqual([]);
    const overall = report.sections[0]!.tables.find((t) => t.id === 'ttm-overall')!;
    // Times 30..150: median 90 → 1; max 150 → 5/3; every value cut to three significant digits.
    expect(overall.rows[0]!.slice(1)).toEqual([1 / 3, 2 / 3, 1, 4 / 3, 5 / 3, 1].map((v) => Number(v.toPrecision(3))));
    const rowLabels = report.sections.flatMap((s) => s.charts).flatMap((c) => JSON.stringify(c.option).match(/n=\d+/g) ?? []);
    expect(rowLabels).toEqual([]);
    expect(report.sections.map((s) => s.intro).join(' ')).not.toMatch(/\(\d+/);
    // No share in a table or a chart keeps more than three significant digits.
    const numbers = report.sections.flatMap((s) => [...s.tables.flatMap((t) => t.rows.flatMap((r) => r.filter((v, j) => typeof v === 'number' && t.columns[j]!.kind !== 'p'))), ...JSON.stringify(s.charts.map((c) => c.option.series)).match(/-?\d+\.\d+(e-?\d+)?/g)!.map(Number)]);
    for (const v of numbers) expect(Number((v as number).toPrecision(3)), String(v)).toBe(v);
  });

  it('runs no test on cohorts that overlap, and says why', () => {
    const report = buildStudyReport({ ...input, comparison: { name: 'Some', incidents: cohort.slice(0, 3) }, normalised: false });
    expect(report.comparison!.overlap).toBe(3);
    expect(report.comparison!.timeToMitigate.test).toBeNull();
    expect(report.sections.at(-1)!.intro).toContain('3 incidents are in both');
  });
});
