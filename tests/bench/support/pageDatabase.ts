import type { Page } from 'playwright-core';
import type { Incident } from '../../../shared/model/incident.ts';
import { searchTextOf, summarizeIncident } from '../../../shared/model/incidentSummary.ts';
import type { LabelRevision } from '../../../shared/model/labels.ts';
import { buildLabelColumns, tallyColumns } from '../../../shared/coding/labelColumns.ts';
import { toLabel } from '../../../shared/coding/labelHistory.ts';

/** The first study's database: where the benchmarks store their big studies. */
export const FIRST_STUDY_DB = 'incident-workbench';

/** Puts rows into a store of the open study's database, a JSON chunk at a time (strings cross to the page fastest). */
export async function putRows(page: Page, store: string, rows: readonly unknown[], chunk = 20_000): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) {
    const json = JSON.stringify(rows.slice(i, i + chunk));
    await page.evaluate(
      ([storeName, dbName, text]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(dbName);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(storeName, 'readwrite');
            const s = tx.objectStore(storeName);
            for (const row of JSON.parse(text) as unknown[]) s.put(row);
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = () => (db.close(), reject(tx.error));
          };
        }),
      [store, FIRST_STUDY_DB, json] as const,
    );
  }
}

/** Stores label revisions as coding leaves them: the revisions, the current labels, their columns and tallies. */
export async function storeLabelRevisions(page: Page, revisions: readonly LabelRevision[]): Promise<void> {
  await putRows(page, 'labelRevisions', revisions);
  const current = revisions.map(toLabel);
  await putRows(page, 'currentLabels', current);
  const columns = buildLabelColumns(current);
  await putRows(page, 'labelColumns', columns, 50);
  await putRows(page, 'labelTallies', tallyColumns(columns));
}

/** Stores incidents as an import leaves them: each record, its summary and its search text, and the counters. */
export async function storeIncidents(page: Page, incidents: readonly Incident[]): Promise<void> {
  await putRows(page, 'incidents', incidents, 10_000);
  await putRows(page, 'summaries', incidents.map(summarizeIncident));
  await putRows(page, 'searchTexts', incidents.map((i) => ({ id: i.id, text: searchTextOf(i) })));
  await putRows(page, 'counters', [{ key: 'incidents', value: incidents.length }, { key: 'summaries', value: 1 }]);
}

export async function countRows(page: Page, store: string): Promise<number> {
  return page.evaluate(
    ([storeName, dbName]) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(storeName).objectStore(storeName).count();
          request.onsuccess = () => (open.result.close(), resolve(request.result));
        };
      }),
    [store, FIRST_STUDY_DB] as const,
  );
}

export async function readRows<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(
    ([storeName, dbName]) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open(dbName);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => (open.result.close(), resolve(request.result as T[]));
        };
      }),
    [store, FIRST_STUDY_DB] as const,
  );
}

/**
 * Clicks `click` in the page (or types `fill` into it, or presses `key` on it) and resolves with the milliseconds until `done` matches (checked on every DOM change),
 * with the longest main-thread task meanwhile. Written as page source: tsx would wrap named inner functions in a
 * helper the page does not have.
 */
const MEASURE_IN_PAGE = `(async ([click, done, fill, key]) => {
  const long = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => long.push(e.duration)));
  observer.observe({ type: 'longtask', buffered: false });
  const target = document.querySelector(click);
  if (!target) throw new Error('nothing matches ' + click);
  const ms = await new Promise((resolve, reject) => {
    const t0 = performance.now();
    const mutations = new MutationObserver(() => {
      if (!document.querySelector(done)) return;
      mutations.disconnect();
      clearTimeout(timer);
      resolve(performance.now() - t0);
    });
    mutations.observe(document.body, { subtree: true, childList: true, attributes: true });
    const timer = setTimeout(() => { mutations.disconnect(); reject(new Error(done + ' did not appear within 60 s')); }, 60000);
    if (key !== null) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    else if (fill === null) target.click();
    else {
      // As typing does: React listens for input events, and its value tracker needs the native setter.
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(target, fill);
      target.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  // Long tasks are reported after they end: give the observer time to deliver the last ones.
  await new Promise((resolve) => setTimeout(resolve, 150));
  observer.disconnect();
  return { ms, longest: Math.max(0, ...long) };
})`;

export async function measure(page: Page, clickSelector: string, doneSelector: string, fill: string | null = null, key: string | null = null): Promise<{ ms: number; longest: number }> {
  return page.evaluate(`${MEASURE_IN_PAGE}(${JSON.stringify([clickSelector, doneSelector, fill, key])})`) as Promise<{ ms: number; longest: number }>;
}

