/**
 * bench:import — the real import pipeline in headless Chromium against IndexedDB's own speed.
 *
 * 1. Generates an N-row CSV (about 1 KB of text per row; N = 100,000 unless --rows says otherwise).
 * 2. Imports it through the app's import screen (worker: decode → parse → normalise → batched writes with undo log).
 * 3. In the same run and page, bulk-puts the very incidents (with their summary rows and search texts) the pipeline stored into a fresh Dexie database
 *    (same table, same content, same batch size): the baseline.
 * Each run uses a fresh on-disk browser profile, so IndexedDB writes to disk as it does for a user.
 * Prints rows/s for both, the longest main-thread task during the import, the peak JS heap of the page and of
 * the import worker against the file size, and last `import_vs_raw_ratio=X`.
 */
import { createWriteStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { CDPSession, Page } from 'playwright-core';
import { openAppOnDisk, startEnvironment } from '../e2e/support/browser.ts';
import { WorkbenchPage } from '../e2e/support/workbenchPage.ts';

const argRows = process.argv.indexOf('--rows');
const ROWS = argRows > 0 ? Number(process.argv[argRows + 1]) : 100_000;
const BATCH = 2000;

async function writeCsv(rows: number): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'bench-import-')), `incidents-${rows}.csv`);
  const out = createWriteStream(path);
  const sentence = 'Requests to the inference endpoint failed with HTTP 503 while the upstream capacity pool was drained for maintenance. ';
  out.write('id,title,description,status,severity,service,created,mitigated,resolved,root_cause,mitigation\n');
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const line = `INC-${i},"Elevated errors on API ${i % 97}","${sentence.repeat(6)}",resolved,${['Sev1', 'Sev2', 'Sev3'][i % 3]},Service ${i % 13},2024-03-${day} 10:00,2024-03-${day} 11:30,2024-03-${day} 12:00,"Capacity pool drained during maintenance; the autoscaler did not react.","Restored capacity and rebalanced traffic across regions."\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return path;
}

/** Samples the JS heap of the page and of every dedicated worker it starts, through the DevTools protocol. */
async function startHeapSampler(page: Page): Promise<{ stop: () => Promise<{ page: number; worker: number }> }> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const workerSessions = new Set<string>();
  let nextId = 1;
  const peak = { page: 0, worker: 0 };
  session.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    const reply = JSON.parse(event.message) as { result?: { usedSize?: number } };
    if (reply.result?.usedSize !== undefined) peak.worker = Math.max(peak.worker, reply.result.usedSize);
  });
  session.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string } }) => {
    if (event.targetInfo.type === 'worker') workerSessions.add(event.sessionId);
  });
  session.on('Target.detachedFromTarget', (event: { sessionId: string }) => workerSessions.delete(event.sessionId));
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const timer = setInterval(() => {
    void session.send('Runtime.getHeapUsage').then((r) => (peak.page = Math.max(peak.page, r.usedSize)), () => {});
    for (const sessionId of workerSessions) {
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId++, method: 'Runtime.getHeapUsage' }) }).catch(() => {});
    }
  }, 50);
  return {
    stop: async () => {
      clearInterval(timer);
      await session.detach().catch(() => {});
      return peak;
    },
  };
}

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Run {
  importMs: number;
  rawMs: number;
  workerMs: number;
  timings: Record<string, number>;
  longTasks: number[];
  heap: { page: number; worker: number };
}

/** One fresh profile: the import through the app, then the baseline on the records it stored. */
async function runOnce(env: Awaited<ReturnType<typeof startEnvironment>>, csv: string): Promise<Run> {
  const { context, page } = await openAppOnDisk(env, mkdtempSync(join(tmpdir(), 'bench-profile-')));
  try {
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    });
    const app = new WorkbenchPage(page);
    await app.chooseImportFile(csv);
    const heap = await startHeapSampler(page);
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    const started = Date.now();
    await page.click('[data-testid="start-import"]');
    // A line every 15 s on long runs, so a stall shows.
    const ticker = setInterval(() => {
      void page
        .getAttribute('[data-testid="import-progress"]', 'data-rows', { timeout: 1000 })
        .then((rows) => console.log(`    … ${((Date.now() - started) / 1000).toFixed(0)} s: ${rows ?? '?'} rows`), () => {});
    }, 15_000);
    await page.waitForSelector('[data-testid="import-done"], [data-testid="import-failed"]', { timeout: 3_600_000 }).finally(() => clearInterval(ticker));
    const failed = await page.$('[data-testid="import-failed"]');
    if (failed) throw new Error(`the import failed: ${await failed.textContent()}`);
    const importMs = Date.now() - started;
    const peaks = await heap.stop();
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const doneText = await page.textContent('[data-testid="import-done"]');
    const timings = JSON.parse((await page.getAttribute('[data-testid="import-done"]', 'data-timings')) ?? '{}') as Record<string, number>;
    const stored = Number(/(\d+) new/.exec(doneText ?? '')?.[1] ?? 0);
    if (stored !== ROWS) throw new Error(`the import stored ${stored} incidents, expected ${ROWS}: ${doneText}`);

    // Baseline: the same records, read back from the app's database, bulk-put into a fresh Dexie database: each
    // incident with its summary row (the lists' projection, since issue 8) and its search text (the selection's, since issue 9).
    const dexieSource = readFileSync(createRequire(import.meta.url).resolve('dexie/dist/dexie.js'), 'utf8');
    await page.evaluate(dexieSource);
    const rawMs = await page.evaluate(async (batch) => {
      type Table = { bulkPut(rows: unknown[]): Promise<unknown>; toArray(): Promise<unknown[]> };
      type Db = {
        version(n: number): { stores(s: object): void };
        table(n: string): Table;
        transaction(mode: string, tables: string[], fn: () => Promise<unknown>): Promise<unknown>;
        open(): Promise<unknown>;
        delete(): Promise<void>;
        close(): void;
      };
      const DexieCtor = (window as unknown as { Dexie: new (name: string) => Db }).Dexie;
      const source = new DexieCtor('incident-workbench');
      await source.open();
      const records = await source.table('incidents').toArray();
      const summaries = await source.table('summaries').toArray();
      const texts = await source.table('searchTexts').toArray();
      source.close();
      const fresh = new DexieCtor('bench-raw-baseline');
      fresh.version(1).stores({ incidents: 'id', summaries: 'id, order, studySet', searchTexts: 'id' });
      await fresh.open();
      const t0 = performance.now();
      for (let i = 0; i < records.length; i += batch) {
        await fresh.transaction('rw', ['incidents', 'summaries', 'searchTexts'], () =>
          Promise.all([
            fresh.table('incidents').bulkPut(records.slice(i, i + batch)),
            fresh.table('summaries').bulkPut(summaries.slice(i, i + batch)),
            fresh.table('searchTexts').bulkPut(texts.slice(i, i + batch)),
          ]),
        );
      }
      const elapsed = performance.now() - t0;
      await fresh.delete();
      return elapsed;
    }, BATCH);
    return { importMs, rawMs, workerMs: timings.totalMs ?? 0, timings, longTasks, heap: peaks };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const repeats = ROWS > 200_000 ? 1 : 3;
  console.log(`bench:import — ${ROWS} rows, ${repeats} alternating run(s) of pipeline and baseline, medians reported`);
  const csv = await writeCsv(ROWS);
  const fileBytes = statSync(csv).size;
  console.log(`generated ${csv} (${mb(fileBytes)} MiB, ${Math.round(fileBytes / ROWS)} bytes/row)`);

  const env = await startEnvironment();
  try {
    const runs: Run[] = [];
    for (let i = 0; i < repeats; i++) {
      const run = await runOnce(env, csv);
      runs.push(run);
      console.log(`  run ${i + 1}: pipeline ${(run.importMs / 1000).toFixed(2)} s (worker ${(run.workerMs / 1000).toFixed(2)} s: read+parse+normalise ${(run.timings.readMs! / 1000).toFixed(2)}, waiting on IndexedDB ${(run.timings.waitForWritesMs! / 1000).toFixed(2)}); raw bulkPut ${(run.rawMs / 1000).toFixed(2)} s`);
    }
    const importMs = median(runs.map((r) => r.importMs));
    const rawMs = median(runs.map((r) => r.rawMs));
    const longTasks = runs.flatMap((r) => r.longTasks);
    const longest = longTasks.length ? Math.max(...longTasks) : 0;
    const peakPage = Math.max(...runs.map((r) => r.heap.page));
    const peakWorker = Math.max(...runs.map((r) => r.heap.worker));
    console.log(`pipeline: ${ROWS} rows in ${(importMs / 1000).toFixed(2)} s = ${Math.round((ROWS / importMs) * 1000)} rows/s (${mb((fileBytes / importMs) * 1000)} MiB/s)`);
    console.log(`raw Dexie bulkPut of the same records: ${(rawMs / 1000).toFixed(2)} s = ${Math.round((ROWS / rawMs) * 1000)} rows/s`);
    console.log(`main-thread long tasks during imports: ${longTasks.length}; longest ${longest.toFixed(0)} ms (the browser reports only tasks over 50 ms)`);
    console.log(`peak JS heap: page ${mb(peakPage)} MiB, import worker ${mb(peakWorker)} MiB; file ${mb(fileBytes)} MiB; (page+worker)/file = ${((peakPage + peakWorker) / fileBytes).toFixed(2)}`);
    console.log(`import_vs_raw_ratio=${(importMs / rawMs).toFixed(3)}`);
  } finally {
    await env.close();
  }
}

await main();
