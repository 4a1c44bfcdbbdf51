/**
 * bench:coding — coding on a study of 100,000 incidents, in headless Chromium, through the Code screen.
 *
 * The incidents (with their summaries and search texts) are stored through IndexedDB directly, on an on-disk
 * profile, and the browser is started again on it (coding comes in a later session than the import). Then, over 200
 * steps, timed in the page:
 * - next_incident: ArrowDown in the incident list to the next incident's reader and coding form drawn;
 * - label_persist: a code picked with a number key in the symptom picker (the form saves it at once) to "Saved."
 *   shown, which appears only once IndexedDB has committed the revision and its projections;
 * - baseline, in the same page: one IndexedDB get of a current label by key.
 * Last line: `next_incident_p95_ms=X label_persist_p95_ms=Y`. Targets (issue 10): X ≤ 50, Y ≤ 10.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openAppOnDisk, startEnvironment } from '../e2e/support/browser.ts';
import { flattenCodes, loadDefaultCodebook } from '../../shared/codebook/codebook.ts';
import { searchTextOf, summarizeIncident } from '../../shared/model/incidentSummary.ts';
import { makeIncident } from '../../shared/model/testFactories.ts';
import { countRows, FIRST_STUDY_DB, measure, putRows, readRows } from './support/pageDatabase.ts';

const INCIDENTS = 100_000;
const STEPS = 200;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const id = (i: number) => `INC-${String(i).padStart(6, '0')}`;

async function store(page: Page): Promise<void> {
  const started = performance.now();
  const incidents = Array.from({ length: INCIDENTS }, (_, i) =>
    makeIncident(id(i), {
      title: `Elevated error rate on inference endpoint ${i % 97}`,
      description: 'Requests to the inference endpoint failed with HTTP 503 while the upstream capacity pool was drained. '.repeat(4),
      rootCauseText: 'A node pool was drained during maintenance.',
      createdAt: new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(),
      services: [`service-${i % 13}`],
      raw: { id: i },
    }),
  );
  await putRows(page, 'incidents', incidents, 10_000);
  await putRows(page, 'summaries', incidents.map(summarizeIncident));
  await putRows(page, 'searchTexts', incidents.map((i) => ({ id: i.id, text: searchTextOf(i) })));
  await putRows(page, 'counters', [{ key: 'incidents', value: INCIDENTS }, { key: 'summaries', value: 1 }]);
  const people = await readRows<{ id: string; name: string }>(page, 'people');
  const [settings] = await readRows<Record<string, unknown>>(page, 'settings');
  await putRows(page, 'settings', [{ ...settings, whoAmI: people.sort((a, b) => a.name.localeCompare(b.name))[0]!.id }]);
  console.log(`stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function baselineGet(page: Page): Promise<number> {
  return page.evaluate(
    (dbName) =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open(dbName);
        open.onsuccess = () => {
          const db = open.result;
          const t0 = performance.now();
          const request = db.transaction('summaries').objectStore('summaries').get('INC-000001');
          request.onsuccess = () => {
            const ms = performance.now() - t0;
            db.close();
            resolve(ms);
          };
        };
      }),
    FIRST_STUDY_DB,
  );
}

async function main(): Promise<void> {
  console.log(`bench:coding — ${INCIDENTS} incidents, ${STEPS} steps of next + code + save`);
  // The top-level codes without sub-codes ("Other", "Not applicable"): one number key picks and saves them.
  const symptoms = flattenCodes(loadDefaultCodebook(), 'symptom');
  const topLevel = symptoms.filter((c) => c.depth === 0);
  const leaves = topLevel.map((c, i) => ({ key: String(i + 1), path: c.path })).filter((c) => !symptoms.some((x) => x.parentPath === c.path));
  if (leaves.length < 2) throw new Error('the bench needs two top-level symptom codes without sub-codes');
  const env = await startEnvironment(process.env.BENCH_CODING_PROFILE ? 47_813 : 0);
  const profile = process.env.BENCH_CODING_PROFILE ?? mkdtempSync(join(tmpdir(), 'bench-coding-'));
  let { context, page } = await openAppOnDisk(env, profile);
  try {
    if ((await countRows(page, 'summaries')) !== INCIDENTS) {
      await store(page);
      // Coding happens in a later session than the import: the browser is closed and started again on the profile,
      // so the measurement does not share the disk with the store's 100k writes settling.
      await context.close();
      ({ context, page } = await openAppOnDisk(env, profile));
    }
    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-ready="true"]');
    await page.click('[data-testid="nav-code"]');
    await page.click(`[data-testid="incident-row"][data-incident-id="${id(0)}"]`);
    const shown = (incident: string) => `.coding-layout:has([data-testid="incident-reader"][data-incident-id="${incident}"]):has([data-testid="coding-form"][data-incident-id="${incident}"])`;
    await page.waitForSelector(shown(id(0)));

    const next: number[] = [];
    const persist: number[] = [];
    const baseline: number[] = [];
    let longest = 0;
    for (let step = 0; step < STEPS; step++) {
      // A code picked with its number key: saved at once, timed to "Saved." (shown only after IndexedDB committed).
      await page.focus('[data-testid="code-symptom-input"]');
      const saved = await measure(page, '[data-testid="code-symptom-input"]', '[data-testid="save-state"][data-state="saved"]', null, leaves[step % leaves.length]!.key);
      persist.push(saved.ms);
      // The next incident, from the list with the keyboard.
      await page.focus('[data-testid="incident-list"]');
      const moved = await measure(page, '[data-testid="incident-list"]', shown(id(step + 1)), null, 'ArrowDown');
      next.push(moved.ms);
      longest = Math.max(longest, saved.longest, moved.longest);
      if (step % 10 === 0) baseline.push(await baselineGet(page));
    }
    const stored = (await readRows<{ code: string; incidentId: string }>(page, 'currentLabels')).length;
    if (stored !== STEPS) throw new Error(`${stored} labels stored, not ${STEPS}`);
    const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
    console.log(`baseline (one IndexedDB get by key): ${fmt(baseline)}`);
    console.log(`next incident (ArrowDown → reader and form drawn): ${fmt(next)}`);
    console.log(`label persisted (Save → "Saved." after the commit): ${fmt(persist)}`);
    console.log(`longest main-thread task during the steps: ${longest.toFixed(0)} ms (0 = none over 50 ms)`);
    console.log(`next_incident_p95_ms=${percentile(next, 95).toFixed(0)} label_persist_p95_ms=${percentile(persist, 95).toFixed(0)}`);
  } finally {
    await context.close();
    await env.close();
  }
}

await main();
