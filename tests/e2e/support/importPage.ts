import { readFileSync, writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { Incident } from '../../../shared/model/incident.ts';

/**
 * Reading the import screen's outcome and its cost, for the import specs: the stored incidents straight from
 * IndexedDB, the texts and error table the screen shows, and the heap and resident memory of the page and its
 * import worker.
 */

/** Stored incidents by id, read straight from IndexedDB; JSON carries a `__proto__` key across as data. */
export async function storedIncidents(page: Page, ids: readonly string[]): Promise<Map<string, Incident>> {
  const rows = await page.evaluate(
    (wanted) =>
      new Promise<Array<string | null>>((resolve, reject) => {
        const open = indexedDB.open('incident-workbench');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('incidents', 'readonly').objectStore('incidents');
          const out: Array<string | null> = [];
          wanted.forEach((id, i) => {
            const request = store.get(id);
            request.onerror = () => reject(request.error);
            request.onsuccess = () => {
              out[i] = request.result === undefined ? null : JSON.stringify(request.result);
              if (out.filter((r) => r !== undefined).length === wanted.length) {
                db.close();
                resolve(out);
              }
            };
          });
          if (wanted.length === 0) resolve(out);
        };
      }),
    [...ids],
  );
  const found = new Map<string, Incident>();
  rows.forEach((row, i) => {
    if (row !== null) found.set(ids[i]!, JSON.parse(row) as Incident);
  });
  return found;
}

/** How many incidents are stored, read straight from IndexedDB. */
export async function storedCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('incident-workbench');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('incidents', 'readonly').objectStore('incidents').count();
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            db.close();
            resolve(request.result);
          };
        };
      }),
  );
}

/** The text of the element with this data-testid; empty if it has none. */
export async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.textContent(`[data-testid="${testId}"]`)) ?? '';
}

/** The cells of every row of the import's error table: file, row, field, message. */
export async function errorTableRows(page: Page): Promise<string[][]> {
  return page.$$eval('[data-testid="error-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/**
 * Samples the JS heap of the page and of every dedicated worker it starts (the import worker), through the DevTools
 * protocol, as the import benchmark does: the page's session auto-attaches to its workers. A worker answers between
 * its tasks, so a short burst can fall between two samples; rendererMemory cannot miss one.
 */
export async function startHeapSampler(page: Page): Promise<{ stop: () => Promise<{ page: number; worker: number; workerSamples: number }> }> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const workerSessions = new Set<string>();
  let nextId = 1;
  const peak = { page: 0, worker: 0, workerSamples: 0 };
  session.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    const reply = JSON.parse(event.message) as { result?: { usedSize?: number } };
    if (reply.result?.usedSize === undefined) return;
    peak.worker = Math.max(peak.worker, reply.result.usedSize);
    peak.workerSamples += 1;
  });
  session.on('Target.attachedToTarget', (event: { sessionId: string; targetInfo: { type: string } }) => {
    if (event.targetInfo.type === 'worker') workerSessions.add(event.sessionId);
  });
  session.on('Target.detachedFromTarget', (event: { sessionId: string }) => workerSessions.delete(event.sessionId));
  await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const sample = () => {
    void session.send('Runtime.getHeapUsage').then((r) => (peak.page = Math.max(peak.page, r.usedSize)), () => {});
    for (const sessionId of workerSessions) {
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId++, method: 'Runtime.getHeapUsage' }) }).catch(() => {});
    }
  };
  const timer = setInterval(sample, 10);
  return {
    stop: async () => {
      clearInterval(timer);
      // One last reading of each, answered before the session goes.
      const last = await session.send('Runtime.getHeapUsage').catch(() => null);
      if (last) peak.page = Math.max(peak.page, last.usedSize);
      await session.detach().catch(() => {});
      return peak;
    },
  };
}

/**
 * The resident memory of the browser's renderer processes, where the page and its workers run, read from /proc:
 * `start()` resets their high-water mark (VmHWM) and notes their resident size; `peakGrowth()` is how far the
 * high-water mark rose above it since, a peak no sampling interval can miss. Null where there is no /proc.
 */
export async function rendererMemory(page: Page): Promise<{ start: () => void; peakGrowth: () => number } | null> {
  const browser = page.context().browser();
  if (browser === null || process.platform !== 'linux') return null;
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = await session.send('SystemInfo.getProcessInfo');
  await session.detach();
  const pids = processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  const bytesOf = (pid: number, key: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
  let startRss = new Map<number, number>();
  return {
    start: () => {
      for (const pid of pids) writeFileSync(`/proc/${pid}/clear_refs`, '5');
      startRss = new Map(pids.map((pid) => [pid, bytesOf(pid, 'VmRSS')]));
    },
    peakGrowth: () => Math.max(...pids.map((pid) => bytesOf(pid, 'VmHWM') - startRss.get(pid)!)),
  };
}
