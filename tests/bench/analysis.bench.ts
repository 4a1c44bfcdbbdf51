/**
 * bench:analysis — the general statistics of 500,000 stored incidents, in headless Chromium, through the Analysis screen.
 *
 * The incidents (with their summaries and search texts, made by the app's own shared code) are stored through
 * IndexedDB directly on an on-disk profile, and the browser is started again on it. Then:
 * - baseline, in the same page: reading the 500k full records with one getAll (what toArray() does);
 * - first report: opening the Analysis screen to the report drawn (the selection worker reads the 500k summaries once,
 *   then computes every general statistic; reported with both parts);
 * - general statistics: the normalised switch flipped, to the report drawn again with every general statistic
 *   recomputed from the summaries the worker holds (five runs, median): `general_stats_500k_ms`;
 * - a heatmap of 10,000 coded incidents at full codes: the matrix computed and the chart drawn as SVG (Node, ECharts'
 *   server-side renderer, as the report does), five runs, median.
 * The statistics shown are checked against the same computation in Node.
 * Last line: `general_stats_500k_ms=X`. Target X ≤ 1000.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openAppOnDisk, startEnvironment } from '../e2e/support/browser.ts';
import { summarizeIncident } from '../../shared/model/incidentSummary.ts';
import { makeIncident } from '../../shared/model/testFactories.ts';
import type { Incident } from '../../shared/model/incident.ts';
import { computeGeneralStatistics } from '../../shared/report/generalStatistics.ts';
import { computeCodeMatrix } from '../../shared/report/codeMatrix.ts';
import { heatmapChart } from '../../shared/report/charts.ts';
import { flattenCodes, loadDefaultCodebook } from '../../shared/codebook/codebook.ts';
import type { FinalLabel } from '../../shared/study/finalLabels.ts';
import { chartSvgHeadless } from '../../electron/cli/report.ts';
import { countRows, FIRST_STUDY_DB, measure, storeIncidents } from './support/pageDatabase.ts';

const INCIDENTS = Number(process.env.BENCH_ANALYSIS_INCIDENTS ?? 500_000);
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function makeIncidents(): Incident[] {
  return Array.from({ length: INCIDENTS }, (_, i) => {
    const created = Date.UTC(2022, 0, 1) + i * 3 * 60_000;
    const minutes = i % 17 === 0 ? null : 5 + ((i * 7919) % 2000);
    return makeIncident(`INC-${String(i).padStart(6, '0')}`, {
      title: `${i % 3 === 0 ? 'GPT completions failing' : 'Storage latency'} ${i % 97}`,
      description: `Requests failed on pool ${i % 31}.`,
      status: i % 20 === 0 ? 'active' : 'resolved',
      severity: (['high', 'medium', 'low', null] as const)[i % 4]!,
      services: [`service-${i % 23}`],
      owningTeam: `team-${i % 11}`,
      teamHistory: Array.from({ length: 1 + (i % 4) }, (_, k) => `team-${k}`),
      transferHops: i % 4,
      detectionType: i % 5 === 0 ? 'human' : 'monitor',
      monitorName: i % 5 === 0 ? null : `monitor-${i % 400}`,
      falseAlarm: i % 13 === 0,
      hasTroubleshootingGuide: i % 3 !== 0,
      serviceStage: (['ga', 'preview', 'development'] as const)[i % 3]!,
      createdAt: new Date(created).toISOString(),
      mitigatedAt: minutes === null ? null : new Date(created + minutes * 60_000).toISOString(),
      timeToMitigateMinutes: minutes,
      raw: { id: i },
    });
  });
}

async function store(page: Page, incidents: Incident[]): Promise<void> {
  const started = performance.now();
  await storeIncidents(page, incidents);
  console.log(`stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Every full record read with one getAll, as Dexie's toArray() does. */
async function baselineReadAll(page: Page): Promise<number> {
  return page.evaluate(
    ([dbName, expected]) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onsuccess = () => {
          const db = open.result;
          const t0 = performance.now();
          const request = db.transaction('incidents').objectStore('incidents').getAll();
          request.onsuccess = () => {
            const ms = performance.now() - t0;
            const n = request.result.length;
            db.close();
            if (n !== expected) reject(new Error(`the baseline read ${n} records`));
            else resolve(ms);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    [FIRST_STUDY_DB, INCIDENTS] as const,
  );
}

/** A heatmap of 10k coded incidents at full codes: the matrix, then the chart drawn as SVG. */
function heatmapRuns(): { matrix: number[]; draw: number[]; rows: number; columns: number } {
  const codebook = loadDefaultCodebook();
  const symptoms = flattenCodes(codebook, 'symptom').map((c) => c.path);
  const causes = flattenCodes(codebook, 'rootCause').map((c) => c.path);
  const labels: FinalLabel[] = [];
  for (let i = 0; i < 10_000; i++) {
    labels.push({ incidentId: `I${i}`, dimension: 'symptom', code: symptoms[(i * 7) % symptoms.length]!, origin: i % 9 === 0 ? 'resolved' : 'agreed' });
    labels.push({ incidentId: `I${i}`, dimension: 'rootCause', code: causes[(i * 11) % causes.length]!, origin: 'agreed' });
  }
  const matrix: number[] = [];
  const draw: number[] = [];
  let size = { rows: 0, columns: 0 };
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const m = computeCodeMatrix(labels, 'symptom', 'rootCause', symptoms, causes, 'full');
    const t1 = performance.now();
    chartSvgHeadless(heatmapChart('bench-heatmap', 'Symptom → root cause', m.rows, m.columns, m.shares, 'bench'));
    const t2 = performance.now();
    matrix.push(t1 - t0);
    draw.push(t2 - t1);
    size = { rows: m.rows.length, columns: m.columns.length };
  }
  return { matrix, draw, ...size };
}

async function main(): Promise<void> {
  console.log(`bench:analysis — ${INCIDENTS} incidents, the general statistics ${RUNS} times, medians reported`);
  const incidents = makeIncidents();
  const expected = computeGeneralStatistics(incidents.map(summarizeIncident));
  const env = await startEnvironment(0);
  const profile = process.env.BENCH_ANALYSIS_PROFILE ?? mkdtempSync(join(tmpdir(), 'bench-analysis-'));
  let { context, page } = await openAppOnDisk(env, profile);
  try {
    if ((await countRows(page, 'summaries')) !== INCIDENTS) await store(page, incidents);
    // A fresh browser on the profile, as a user opening the app the next day.
    await context.close();
    ({ context, page } = await openAppOnDisk(env, profile));

    const baseline = await baselineReadAll(page);
    console.log(`baseline: reading ${INCIDENTS} full records with getAll (toArray): ${baseline.toFixed(0)} ms`);

    const first = await measure(page, '[data-testid="nav-analysis"]', '[data-testid="report"][data-computing="false"] [data-table-id="detection-false-alarms"]');
    const loadMs = await page.getAttribute('[data-testid="report"]', 'data-load-ms');
    const computeMs = await page.getAttribute('[data-testid="report"]', 'data-compute-ms');
    console.log(`first report (the worker reads ${INCIDENTS} summaries once): ${first.ms.toFixed(0)} ms (reading ${loadMs} ms, computing ${computeMs} ms), longest main-thread task ${first.longest.toFixed(0)} ms`);
    const humanShown = Number(await page.getAttribute('[data-table-id="detection-false-alarms"] tbody tr:nth-child(1) td:nth-of-type(1)', 'data-value'));
    const human = expected.detection.find((d) => d.detectionType === 'human')!;
    if (humanShown !== human.count) throw new Error(`the screen shows ${humanShown} human-detected incidents, not ${human.count}`);
    const medianShown = Number(await page.getAttribute('[data-table-id="ttm-overall"] tbody tr:nth-child(1) td:nth-of-type(4)', 'data-value'));
    if (Math.abs(medianShown - expected.timeToMitigate!.median) > 1e-9) throw new Error(`the screen shows a median of ${medianShown}, not ${expected.timeToMitigate!.median}`);

    const runs: number[] = [];
    const computes: number[] = [];
    let longest = 0;
    for (let run = 0; run < RUNS; run++) {
      const normalised = run % 2 === 0;
      const redrawn = await measure(page, '[data-testid="normalised"]', `[data-testid="report"][data-computing="false"][data-report-normalised="${normalised}"] [data-table-id="ttm-overall"]`);
      runs.push(redrawn.ms);
      computes.push(Number(await page.getAttribute('[data-testid="report"]', 'data-compute-ms')));
      longest = Math.max(longest, redrawn.longest);
      console.log(`  run ${run + 1}: report redrawn in ${redrawn.ms.toFixed(0)} ms (computing in the worker ${computes.at(-1)} ms; longest main-thread task ${redrawn.longest.toFixed(0)} ms)`);
    }
    // The study is left as it was found (not normalised), so a profile kept with BENCH_ANALYSIS_PROFILE runs again.
    if (RUNS % 2 === 1) await measure(page, '[data-testid="normalised"]', '[data-testid="report"][data-computing="false"][data-report-normalised="false"] [data-table-id="ttm-overall"]');
    const heatmap = heatmapRuns();
    const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms (runs: ${xs.map((x) => x.toFixed(1)).join(', ')})`;
    console.log(`baseline (${INCIDENTS} full records, toArray): ${baseline.toFixed(0)} ms`);
    console.log(`general statistics, click to report drawn, incidents held by the worker: ${fmt(runs)}`);
    console.log(`  of which computing every statistic in the worker: ${fmt(computes)}`);
    console.log(`heatmap of 10,000 coded incidents (${heatmap.rows} × ${heatmap.columns} full codes): matrix ${fmt(heatmap.matrix)}, SVG drawn ${fmt(heatmap.draw)}`);
    console.log(`longest main-thread task during the runs: ${longest.toFixed(0)} ms`);
    console.log(`general_stats_500k_ms=${median(runs).toFixed(0)}`);
  } finally {
    await context.close();
    await env.close();
  }
}

await main();
