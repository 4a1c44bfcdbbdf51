/**
 * bench:study — a study of 100,000 incidents and 300,000 label revisions, opened and measured in headless Chromium.
 *
 * The study is stored through IndexedDB directly (records made by the app's own shared code: incidents, their
 * summaries, revisions, both current-label projections), in the first study's database, on an on-disk profile.
 * Then, five times each (medians reported):
 * - open_study: from clicking "Open" on the big study (coming from a small one) to the first rows of the coding list;
 * - switch_study: from that click to the app ready on the big study;
 * - agreement_view: from opening the Agreement screen to the numbers of one coder pair shown (computed in a worker);
 * - baseline, in the same page: IndexedDB's count() of the incidents plus reading 100 summary rows by the list index.
 * Main-thread long tasks (the browser reports those over 50 ms) are collected during each measurement.
 * Last line: `open_study_ms=X agreement_view_ms=Y`. Targets: X ≤ 300, Y ≤ 200, no long task over 50 ms.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openAppOnDisk, startEnvironment } from '../e2e/support/browser.ts';
import { countRows, FIRST_STUDY_DB, measure, putRows, readRows, storeLabelRevisions } from './support/pageDatabase.ts';
import { flattenCodes, loadDefaultCodebook } from '../../shared/codebook/codebook.ts';
import { summarizeIncident } from '../../shared/model/incidentSummary.ts';
import { makeIncident } from '../../shared/model/testFactories.ts';
import { BUILT_IN_DIMENSIONS as DIMENSIONS, type LabelRevision } from '../../shared/model/labels.ts';

const INCIDENTS = 100_000;
const CODED = 50_000; // 50k incidents × 3 dimensions × 2 coders = 300k revisions
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Stores the big study in the first study's database (open in the page), through IndexedDB directly. */
async function storeStudy(page: Page): Promise<void> {
  // The first study exists and is open; its people are the two default annotators.
  const people = await readRows<{ id: string; name: string }>(page, 'people');
  const [a, b] = people.sort((x, y) => x.name.localeCompare(y.name));
  const codebook = loadDefaultCodebook();
  const codes = Object.fromEntries(DIMENSIONS.map((d) => [d, flattenCodes(codebook, d).map((c) => c.path)])) as Record<(typeof DIMENSIONS)[number], string[]>;

  const seedStart = performance.now();
  const incidents = Array.from({ length: INCIDENTS }, (_, i) =>
    makeIncident(`INC-${String(i).padStart(6, '0')}`, {
      title: `Elevated error rate on inference endpoint ${i % 97}`,
      description: 'Requests to the inference endpoint failed with HTTP 503 while the upstream capacity pool was drained. '.repeat(4),
      createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      services: [`service-${i % 13}`],
      studySet: (['taxonomy', 'validation', 'test', 'test', 'taxonomy'] as const)[i % 5]!,
      raw: { id: i, title: `Elevated error rate ${i}` },
    }),
  );
  await putRows(page, 'incidents', incidents, 10_000);
  await putRows(page, 'summaries', incidents.map(summarizeIncident));
  await putRows(page, 'counters', [{ key: 'incidents', value: INCIDENTS }]);
  const revisions: LabelRevision[] = [];
  for (let i = 0; i < CODED; i++) {
    for (const [k, dimension] of DIMENSIONS.entries()) {
      const list = codes[dimension];
      const codeA = list[(i * 7 + k) % list.length]!;
      const codeB = i % 5 === 0 ? list[(i * 11 + k + 1) % list.length]! : codeA; // B agrees on four in five
      for (const [who, code] of [[a!.id, codeA], [b!.id, codeB]] as const) {
        revisions.push({ id: `rev-${who}-${dimension}-${i}`, incidentId: incidents[i]!.id, annotatorId: who, dimension, round: 1, code, rationale: '', codebookId: codebook.id, codebookVersion: codebook.version, savedAt: '2024-06-01T00:00:00.000Z', previousId: null });
      }
    }
  }
  await storeLabelRevisions(page, revisions);
  const [settings] = await readRows<Record<string, unknown>>(page, 'settings');
  const counts = { taxonomy: 0, validation: 0, test: 0 };
  for (const i of incidents) counts[i.studySet!] += 1;
  const split = { seed: 0, method: 'random', shares: { taxonomy: 0.4, validation: 0.2, test: 0.4 }, incidents: INCIDENTS, counts, splitAt: '2024-06-01T00:00:00.000Z' };
  await putRows(page, 'settings', [{ ...settings, name: 'Big study', whoAmI: a!.id, split }]);
  console.log(`stored in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  console.log(`bench:study — ${INCIDENTS} incidents, ${CODED * DIMENSIONS.length * 2} label revisions, ${RUNS} runs each, medians reported`);
  // BENCH_STUDY_PROFILE names a profile folder to keep: a second run finds the study stored and skips storing it
  // (IndexedDB belongs to the page's origin, so a kept profile is served on a fixed port).
  const env = await startEnvironment(process.env.BENCH_STUDY_PROFILE ? 47_811 : 0);
  const profile = process.env.BENCH_STUDY_PROFILE ?? mkdtempSync(join(tmpdir(), 'bench-study-'));
  const { context, page } = await openAppOnDisk(env, profile);
  try {
    const stored = (await countRows(page, 'summaries')) === INCIDENTS;
    if (!stored) await storeStudy(page);

    // A small second study to switch from.
    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-ready="true"]');
    await page.click('[data-testid="nav-study"]');
    if ((await page.locator('[data-testid="study-row"][data-study-name="Small study"]').count()) === 0) {
      await page.fill('[data-testid="new-study-name"]', 'Small study');
      await page.click('[data-testid="create-study"]');
    } else if ((await page.locator('[data-testid="study-row"][aria-current="true"][data-study-name="Small study"]').count()) === 0) {
      await page.click('[data-testid="study-row"][data-study-name="Small study"] [data-testid="open-study"]');
    }
    await page.waitForSelector('[data-testid="study-row"][aria-current="true"][data-study-name="Small study"]');
    const bigRow = '[data-testid="study-row"]:not([data-study-name="Small study"])';

    const open: number[] = [];
    const switches: number[] = [];
    const agreement: number[] = [];
    const baseline: number[] = [];
    let longest = 0;
    for (let run = 0; run < RUNS; run++) {
      // From the small study to the big one, on the Study screen: the study is open when the app is ready on it.
      await page.click('[data-testid="nav-study"]');
      const switched = await measure(page, `${bigRow} [data-testid="open-study"]`, `[data-testid="app"][data-ready="true"] ${bigRow}[aria-current="true"]`);
      // Then the coding list's first rows.
      const listed = await measure(page, '[data-testid="nav-code"]', '[data-testid="incident-row"]');
      switches.push(switched.ms);
      open.push(switched.ms + listed.ms);
      longest = Math.max(longest, switched.longest, listed.longest);

      const shown = await measure(page, '[data-testid="nav-agreement"]', '[data-testid="agreement-table"][data-computing="false"] [data-testid="n-symptom"][data-value]');
      agreement.push(shown.ms);
      longest = Math.max(longest, shown.longest);
      console.log(`  run ${run + 1}: open ${switched.ms.toFixed(0)}+${listed.ms.toFixed(0)} ms (longest task ${Math.max(switched.longest, listed.longest).toFixed(0)}), agreement ${shown.ms.toFixed(0)} ms (worker read+compute ${await page.getAttribute('[data-testid="agreement-table"]', 'data-worker-ms')} ms; longest task ${shown.longest.toFixed(0)})`);
      if (run === 0) {
        const n = await page.getAttribute('[data-testid="n-symptom"]', 'data-value');
        if (Number(n) !== CODED) throw new Error(`the agreement view counts ${n} incidents coded by both, not ${CODED}`);
      }

      baseline.push(
        await page.evaluate(
          (dbName) =>
            new Promise<number>((resolve) => {
              const open = indexedDB.open(dbName);
              open.onsuccess = () => {
                const db = open.result;
                const t0 = performance.now();
                const tx = db.transaction(['incidents', 'summaries']);
                const count = tx.objectStore('incidents').count();
                const rows = tx.objectStore('summaries').index('order').getAll(null, 100);
                tx.oncomplete = () => {
                  const ms = performance.now() - t0;
                  db.close();
                  if (count.result !== 100_000 || rows.result.length !== 100) throw new Error('baseline read the wrong rows');
                  resolve(ms);
                };
              };
            }),
          FIRST_STUDY_DB,
        ),
      );
      // Back to the small study for the next run.
      await page.click('[data-testid="nav-study"]');
      await page.click('[data-testid="study-row"][data-study-name="Small study"] [data-testid="open-study"]');
      await page.waitForSelector('[data-testid="study-row"][aria-current="true"][data-study-name="Small study"]');
    }
    const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
    console.log(`baseline (count() + 100 summary rows): ${fmt(baseline)}`);
    console.log(`switch study: ${fmt(switches)}`);
    console.log(`open study (switch + first list rows): ${fmt(open)}`);
    console.log(`agreement view, one pair, ${CODED} incidents × 3 dimensions: ${fmt(agreement)}`);
    console.log(`longest main-thread task during the measurements: ${longest.toFixed(0)} ms (0 = none over 50 ms)`);
    console.log(`open_study_ms=${median(open).toFixed(0)} agreement_view_ms=${median(agreement).toFixed(0)}`);
  } finally {
    await context.close();
    await env.close();
  }
}

await main();
