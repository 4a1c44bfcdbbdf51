import { afterAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { CDPSession, Page } from 'playwright-core';
import type { Incident } from '../../shared/model/incident.ts';
import { IMPORT_LIMITS } from '../../shared/import/limits.ts';
import { runCli } from '../../electron/cli/main.ts';
import type { InspectReport } from '../../electron/cli/inspect.ts';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { dumpStore } from './support/database.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';

/**
 * Any file a user has, through the import screen: three nested post-mortem files in one go with no mapping edits,
 * a truncated JSON, a file with nothing importable, going back to the mapping, a saved preset applied and exported
 * to the CLI, and the readers at scale (300,000 rows, a stray quote, Object-member column names, a record nested
 * 5,000 deep, 200 MB files that are one line) with the page's and the worker's heap measured.
 */

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'workbench-any-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MIB = 1024 * 1024;
const mib = (bytes: number) => (bytes / MIB).toFixed(1);

// ───────────────────────────── Reading the app's state ─────────────────────────────

/** Stored incidents by id, read straight from IndexedDB; JSON carries a `__proto__` key across as data. */
async function storedIncidents(page: Page, ids: readonly string[]): Promise<Map<string, Incident>> {
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

async function storedCount(page: Page): Promise<number> {
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

async function textOf(page: Page, testId: string): Promise<string> {
  return (await page.textContent(`[data-testid="${testId}"]`)) ?? '';
}

async function errorTableRows(page: Page): Promise<string[][]> {
  return page.$$eval('[data-testid="error-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
}

/**
 * Samples the JS heap of the page and of every dedicated worker it starts (the import worker), through the DevTools
 * protocol, as the import benchmark does: the page's session auto-attaches to its workers. A worker answers between
 * its tasks, so a short burst can fall between two samples; rendererMemory cannot miss one.
 */
async function startHeapSampler(page: Page): Promise<{ stop: () => Promise<{ page: number; worker: number; workerSamples: number }> }> {
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
async function rendererMemory(page: Page): Promise<{ start: () => void; peakGrowth: () => number } | null> {
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

/** Writes text produced piece by piece through a stream, so a 200 MB file is never one string in the test either. */
async function writeStreamed(path: string, pieces: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  for (const piece of pieces) if (!out.write(piece)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

/** A 200 MB file that is one line: `head`, then `unit` repeated in 1 MiB pieces, then `tail`. */
function* oneLine(head: string, unit: string, tail: string): Generator<string> {
  yield head;
  const piece = unit.repeat(Math.ceil(MIB / unit.length));
  for (let written = head.length; written < 200_000_000; written += piece.length) yield piece;
  yield tail;
}

/** `INC-000123,Database outage` rows under `id,title`; the row at `strayAt` (0-based) has a quote in an unquoted field. */
function shortRowsCsv(rows: number, strayAt = -1): string {
  const lines = ['id,title'];
  for (let i = 0; i < rows; i++) lines.push(`${shortId(i)},${i === strayAt ? 'Disk 5" replaced' : 'Database outage'}`);
  return `${lines.join('\n')}\n`;
}
const shortId = (i: number) => `INC-${String(i).padStart(6, '0')}`;

// ───────────────────────────── What the nested fixtures should become ─────────────────────────────

interface NestedRecord {
  title: string;
  time: string;
  summary: string;
  details: string;
  service_name: string[];
  duration: number | string;
  detection: { method: string | null; tool: string | null };
  'root cause': { label: Array<Record<string, string>>; details: string };
  mitigation: { label: Array<Record<string, string>>; details: string };
}

/** The study's detection type for each wording these datasets use; "unknown" says nothing. A wording not listed cannot be read. */
const DETECTION_WORDINGS = new Map<string, 'human' | 'monitor' | null>([
  ['automate', 'monitor'],
  ['automatic monitoring', 'monitor'],
  ['alerting', 'monitor'],
  ['manual', 'human'],
  ['customer report', 'human'],
  ['unknown', null],
]);

const NUMERIC_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2}))?$/;

/** Day first or month first, from every date of every file: a first number over 12 is a day, a second one a month. */
function dayMonthOrder(times: readonly string[]): 'day-first' | 'month-first' {
  const dates = times.map((t) => NUMERIC_DATE.exec(t));
  if (dates.some((d) => d === null)) throw new Error('a fixture date is not DD/MM/YYYY or MM/DD/YYYY');
  const dayFirst = dates.some((d) => Number(d![1]) > 12);
  const monthFirst = dates.some((d) => Number(d![2]) > 12);
  if (dayFirst === monthFirst) throw new Error('the fixtures do not settle the order of day and month');
  return dayFirst ? 'day-first' : 'month-first';
}

function instantOf(time: string, order: 'day-first' | 'month-first'): string {
  const [, first, second, year, hour, minute] = NUMERIC_DATE.exec(time)!;
  const [day, month] = order === 'day-first' ? [first, second] : [second, first];
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0))).toISOString();
}

interface ExpectedIncident {
  file: string;
  id: string;
  title: string;
  createdAt: string;
  services: string[];
  detectionType: 'human' | 'monitor' | null;
  timeToMitigateMinutes: number | null;
  /** The texts a coder reads, and every text of the record (a label word may occur in them legitimately). */
  shownTexts: string[];
  allTexts: string[];
  /** The dataset's own codes: never shown to a coder. */
  labels: string[];
}

function expectNested(files: ReadonlyArray<{ name: string; records: Record<string, NestedRecord> }>): { incidents: ExpectedIncident[]; warnings: Map<string, number> } {
  const order = dayMonthOrder(files.flatMap((f) => Object.values(f.records).map((r) => r.time)));
  const incidents: ExpectedIncident[] = [];
  const warnings = new Map<string, number>();
  const warn = (file: string, field: string) => warnings.set(`${file}|${field}`, (warnings.get(`${file}|${field}`) ?? 0) + 1);
  for (const { name, records } of files) {
    for (const [id, r] of Object.entries(records)) {
      const method = r.detection.method?.trim().toLowerCase() ?? null;
      let detectionType: ExpectedIncident['detectionType'] = null;
      if (method !== null && method !== '') {
        if (DETECTION_WORDINGS.has(method)) detectionType = DETECTION_WORDINGS.get(method)!;
        else warn(name, 'detectionType');
      }
      let timeToMitigateMinutes: number | null = null;
      if (typeof r.duration === 'number') timeToMitigateMinutes = Math.round(r.duration * 60);
      else warn(name, 'duration');
      const labels = [...r['root cause'].label, ...r.mitigation.label].flatMap((l) => Object.values(l));
      incidents.push({
        file: name,
        id,
        title: r.title,
        createdAt: instantOf(r.time, order),
        services: r.service_name,
        detectionType,
        timeToMitigateMinutes,
        shownTexts: [r.details, r['root cause'].details, r.mitigation.details],
        allTexts: [r.title, r.summary, r.details, r['root cause'].details, r.mitigation.details],
        labels,
      });
    }
  }
  return { incidents, warnings };
}

describe('import: any file a user has', () => {
  const env = useE2eEnvironment();

  it('imports three nested post-mortem files in one go with no mapping edits; coders never see the dataset’s labels', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    const names = ['postmortems-a.json', 'postmortems-b.json', 'postmortems-c.json'];
    const files = names.map((name) => ({ name, records: JSON.parse(readFileSync(fixture(`nested/${name}`), 'utf8')) as Record<string, NestedRecord> }));
    const expected = expectNested(files);

    await app.chooseImportFiles(names.map((n) => fixture(`nested/${n}`)));
    const fileList = await textOf(page, 'file-list');
    expect(fileList).toContain(`${names.length} files are imported in one go`);
    expect(fileList).toContain(names.join(', '));
    expect(await textOf(page, 'mapping-origin')).toContain('Fields suggested');
    await screenshot(page, 'import-nested-mapping');
    expect(await accessibilityViolations(page)).toEqual([]);

    expect(await app.startImportAndWait()).toContain(`${expected.incidents.length} new, 0 updated, 0 rejected`);
    const shownWarnings = await page.$$eval('[data-testid="field-warning"]', (els) =>
      els.map((e) => [`${(e.textContent ?? '').split(':')[0]}|${e.getAttribute('data-field')}`, Number(e.getAttribute('data-rows'))] as const),
    );
    await screenshot(page, 'import-nested-warnings');
    expect.soft(Object.fromEntries(shownWarnings), 'warnings per file and field').toEqual(Object.fromEntries(expected.warnings));

    const stored = await storedIncidents(page, expected.incidents.map((i) => i.id));
    expect(stored.size).toBe(expected.incidents.length);
    for (const want of expected.incidents) {
      const got = stored.get(want.id)!;
      const where = `${want.file} ${want.id}`;
      expect.soft(got.title, `${where} title`).toBe(want.title);
      expect.soft(got.createdAt, `${where} createdAt from "${files.find((f) => f.name === want.file)!.records[want.id]!.time}"`).toBe(want.createdAt);
      expect.soft(got.services, `${where} services`).toEqual(want.services);
      expect.soft(got.detectionType, `${where} detectionType`).toBe(want.detectionType);
      expect.soft(got.timeToMitigateMinutes, `${where} timeToMitigateMinutes`).toBe(want.timeToMitigateMinutes);
    }
    // The "__proto__" and "constructor" keys of a record are its data: kept in the raw record, polluting nothing.
    const polluted = files[2]!.records['initech-auth-#79']!;
    const auth = stored.get('initech-auth-#79')!;
    expect(auth.title).toBe(polluted.title);
    const raw = auth.raw as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(raw, '__proto__')?.value).toEqual(Object.getOwnPropertyDescriptor(polluted, '__proto__')?.value);
    expect(raw.constructor).toBe((polluted as unknown as Record<string, unknown>).constructor);
    expect(await page.evaluate(() => 'isAdmin' in {})).toBe(false);
    for (const worker of page.workers()) expect(await worker.evaluate(() => 'isAdmin' in {})).toBe(false);
    expect(page.workers().length).toBeGreaterThan(0);

    // The reader a coder codes from shows the record's texts and none of the dataset's own labels.
    await app.go('code');
    await app.codeAs('Annotator A');
    await page.focus('[data-testid="incident-list"]');
    const seen: string[] = [];
    for (let i = 0; i < expected.incidents.length; i++) {
      const label = (await page.getAttribute('[data-testid="incident-reader"]', 'aria-label')) ?? '';
      const id = label.replace(/^Incident /, '');
      const want = expected.incidents.find((x) => x.id === id);
      expect(want, `the reader shows ${label}`).toBeDefined();
      seen.push(id);
      const text = (await textOf(page, 'incident-reader')).replace(/\s+/g, ' ');
      for (const shown of want!.shownTexts) expect(text, id).toContain(shown);
      expect(text, id).not.toContain('layer-');
      for (const code of want!.labels) if (!want!.allTexts.some((t) => t.includes(code))) expect(text, `${id}: label "${code}"`).not.toContain(code);
      if (i + 1 < expected.incidents.length) {
        await page.keyboard.press('ArrowDown');
        await page.waitForFunction((before) => document.querySelector('[data-testid="incident-reader"]')?.getAttribute('aria-label') !== before, label);
      }
    }
    expect(seen.sort()).toEqual(expected.incidents.map((i) => i.id).sort());
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('shows a truncated JSON file’s parse error on the mapping screen, and keeps only the records before the cut', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    const records = Object.entries(JSON.parse(readFileSync(fixture('nested/postmortems-a.json'), 'utf8')) as Record<string, { title: string }>);
    // Three whole records, then the file stops inside the fourth.
    const kept = records.slice(0, 3);
    const text = `{${kept.map(([id, r]) => `${JSON.stringify(id)}: ${JSON.stringify(r)}`).join(',\n')},\n${JSON.stringify(records[3]![0])}: {"title": "${records[3]![1].title.slice(0, 5)}`;
    const path = join(dir, 'truncated.json');
    writeFileSync(path, text);
    expect(() => JSON.parse(readFileSync(path, 'utf8'))).toThrow();

    await app.chooseImportFile(path);
    const problems = await textOf(page, 'source-errors');
    expect(problems).toContain('truncated.json');
    expect(problems).toContain('not valid JSON after 3 record(s)');
    expect(await page.getAttribute('[data-testid="source-errors"]', 'role')).toBe('alert');
    const previewTitles = await page.$$eval('[data-testid="mapping-preview"] tbody tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
    expect(previewTitles).toEqual(kept.map(([, r]) => r.title));
    // Importing keeps the three whole records only after the user has seen the file error and said so.
    await page.click('[data-testid="start-import"]');
    const table = await textOf(page, 'error-table');
    expect(table).toContain('not valid JSON after 3 record(s)');
    await page.click('[data-testid="import-valid"]');
    expect(await textOf(page, 'import-done')).toContain('3 new');
    expect(await storedCount(page)).toBe(3);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('cannot import a file in which no record has a title or a text', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    const path = fixture('import/no-title-no-text.csv');
    const rows = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(rows.every((r) => r.title!.trim() === '' && r.description!.trim() === '')).toBe(true);

    await app.chooseImportFile(path);
    expect(await page.isDisabled('[data-testid="start-import"]')).toBe(true);
    expect(await textOf(page, 'nothing-importable')).toContain(`None of the first ${rows.length} records becomes an incident`);
    // The preview says why, row by row.
    expect(await page.$$eval('[data-testid="preview-errors"] li', (lis) => lis.length)).toBe(rows.length);
    expect(await storedCount(page)).toBe(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('goes back from the confirmation to the mapping with every edit in place and the study unchanged', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    const skeleton = fixture('skeleton-incidents.csv');
    const skeletonRows = Papa.parse(readFileSync(skeleton, 'utf8'), { header: true, skipEmptyLines: true }).data.length;
    await app.chooseImportFile(skeleton);
    expect(await app.startImportAndWait()).toContain(`${skeletonRows} new`);
    expect(await storedCount(page)).toBe(skeletonRows);
    const before = await dumpStore(page, 'incidents');

    const path = fixture('import/one-row-without-title.csv');
    const rows = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const badRow = rows.findIndex((r) => r.title === '') + 1;
    await page.click('text=Import another file');
    await app.chooseImportFile(path);
    // Neither the queue column nor the wording "Escalated" is known: both are mapped by hand.
    expect(await app.mappedColumn('owningTeam')).toBe('');
    expect(await page.inputValue('[data-testid="value-status-Escalated"]')).toBe('');
    await page.selectOption('[data-testid="map-owningTeam"]', 'queue');
    await page.selectOption('[data-testid="value-status-Escalated"]', 'active');

    await page.click('[data-testid="start-import"]');
    await page.waitForSelector('[data-testid="import-valid"]');
    expect((await errorTableRows(page)).map((r) => r.slice(0, 3))).toEqual([['one-row-without-title.csv', String(badRow), 'title']]);
    await page.click('[data-testid="back-to-mapping"]');
    await page.waitForSelector('[data-testid="mapping-preview"]');
    expect(await app.mappedColumn('owningTeam')).toBe('queue');
    expect(await page.inputValue('[data-testid="value-status-Escalated"]')).toBe('active');
    expect(await dumpStore(page, 'incidents')).toEqual(before);
    expect(await dumpStore(page, 'importUndo')).toEqual([]);

    // The edits are what the next run imports with.
    await page.click('[data-testid="start-import"]');
    await page.click('[data-testid="import-valid"]');
    expect(await textOf(page, 'import-done')).toContain(`${rows.length - 1} new, 0 updated, 1 rejected`);
    const escalated = rows.find((r) => r.status === 'Escalated')!;
    const got = (await storedIncidents(page, [escalated.id!])).get(escalated.id!);
    expect(got).toMatchObject({ status: 'active', owningTeam: escalated.queue });
    expect(await storedCount(page)).toBe(skeletonRows + rows.length - 1);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('applies a saved preset to a file with the same columns, and exports it for the CLI', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    const april = fixture('import/unusual-columns-april.csv');
    const may = fixture('import/unusual-columns-may.csv');
    const byHand = { id: 'ref', title: 'headline', createdAt: 'opened', services: 'area', severity: 'grade' };

    await app.chooseImportFile(april);
    expect(await textOf(page, 'mapping-origin')).toContain('Fields suggested');
    for (const [field, column] of Object.entries(byHand)) await page.selectOption(`[data-testid="map-${field}"]`, column);
    await page.fill('[data-testid="preset-name"]', 'Odd export');
    await page.click('[data-testid="save-preset"]');
    await page.waitForFunction(() => [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.includes('Saved as preset "Odd export"')));
    const aprilRows = Papa.parse<Record<string, string>>(readFileSync(april, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(await app.startImportAndWait()).toContain(`${aprilRows.length} new, 0 updated, 0 rejected`);

    await page.click('text=Import another file');
    await app.chooseImportFile(may);
    expect(await textOf(page, 'mapping-origin')).toContain('Your saved preset "Odd export" is applied');
    for (const [field, column] of Object.entries(byHand)) expect(await app.mappedColumn(field), field).toBe(column);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-preset"]')]);
    expect(download.suggestedFilename()).toMatch(/\.mapping\.json$/);
    const presetPath = join(dir, download.suggestedFilename());
    await download.saveAs(presetPath);
    const preset = JSON.parse(readFileSync(presetPath, 'utf8')) as { mapping: { fields: Record<string, string> } };
    expect(preset.mapping.fields).toMatchObject(byHand);

    const mayRows = Papa.parse<Record<string, string>>(readFileSync(may, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const cli = await runCli(['inspect', may, '--mapping', presetPath, '--json']);
    expect(cli.code).toBe(0);
    const report = JSON.parse(cli.stdout) as InspectReport;
    expect(report).toMatchObject({ total: mayRows.length, valid: mayRows.length, invalid: 0, errors: [] });
    expect(report.sample.map((i) => [i.id, i.title, i.services])).toEqual(mayRows.map((r) => [r.ref, r.headline, [r.area]]));
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  describe('readers that hold for any file', () => {
    it('imports 300,000 short CSV rows, all valid', async () => {
      const { context, page, consoleErrors } = await openApp(env());
      const app = new WorkbenchPage(page);
      const path = join(dir, 'short-rows.csv');
      writeFileSync(path, shortRowsCsv(300_000));
      await app.chooseImportFile(path);
      const started = Date.now();
      expect(await app.startImportAndWait(150_000)).toContain('300000 new, 0 updated, 0 rejected');
      console.log(`300,000 short rows imported through the app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      expect(await storedCount(page)).toBe(300_000);
      const last = shortId(299_999);
      expect((await storedIncidents(page, [last])).get(last)).toMatchObject({ id: last, title: 'Database outage' });
      expect(consoleErrors).toEqual([]);
      await context.close();
      rmSync(path);
    }, 300_000);

    it('imports the same 300,000 rows with a stray quote in an unquoted field', async () => {
      const { context, page, consoleErrors } = await openApp(env());
      const app = new WorkbenchPage(page);
      const path = join(dir, 'stray-quote.csv');
      writeFileSync(path, shortRowsCsv(300_000, 2));
      await app.chooseImportFile(path);
      const started = Date.now();
      expect(await app.startImportAndWait(150_000)).toContain('300000 new, 0 updated, 0 rejected');
      console.log(`300,000 short rows with a stray quote imported through the app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      expect(await storedCount(page)).toBe(300_000);
      const stray = shortId(2);
      expect((await storedIncidents(page, [stray])).get(stray)).toMatchObject({ title: 'Disk 5" replaced' });
      expect(consoleErrors).toEqual([]);
      await context.close();
      rmSync(path);
    }, 300_000);

    it('keeps columns called constructor, toString and __proto__ in the stored record', async () => {
      const { context, page, consoleErrors } = await openApp(env());
      const app = new WorkbenchPage(page);
      const path = fixture('import/prototype-columns.csv');
      const [header, values] = Papa.parse<string[]>(readFileSync(path, 'utf8'), { skipEmptyLines: true }).data as [string[], string[]];
      await app.chooseImportFile(path);
      expect(await app.startImportAndWait()).toContain('1 new, 0 updated, 0 rejected');
      const id = values[header.indexOf('id')]!;
      const raw = (await storedIncidents(page, [id])).get(id)!.raw as Record<string, unknown>;
      expect(Object.keys(raw)).toEqual(header);
      for (const [i, name] of header.entries()) expect(Object.getOwnPropertyDescriptor(raw, name)?.value, name).toBe(values[i]);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });

    it('refuses only the record nested 5,000 levels deep, naming its row', async () => {
      const { context, page, consoleErrors } = await openApp(env());
      const app = new WorkbenchPage(page);
      const deep = `${'{"next":'.repeat(5000)}null${'}'.repeat(5000)}`;
      const records = [
        { id: 'N-1', title: 'Before the deep one' },
        { id: 'N-2', title: 'Deep', details: '(5,000 levels)' },
        { id: 'N-3', title: 'After the deep one' },
      ];
      const path = join(dir, 'deep-record.json');
      writeFileSync(path, `[${records.map((r) => (r.id === 'N-2' ? JSON.stringify(r).replace('"(5,000 levels)"', deep) : JSON.stringify(r))).join(',')}]`);
      const deepRow = records.findIndex((r) => r.id === 'N-2') + 1;

      await app.chooseImportFile(path);
      expect(await textOf(page, 'source-errors')).toContain(`Row ${deepRow}, (record)`);
      await page.click('[data-testid="start-import"]');
      await page.waitForSelector('[data-testid="import-valid"]');
      const errors = await errorTableRows(page);
      expect(errors.map((r) => r.slice(0, 3))).toEqual([['deep-record.json', String(deepRow), '(record)']]);
      expect(errors[0]![3]).toContain(`${IMPORT_LIMITS.depth} levels`);
      await page.click('[data-testid="import-valid"]');
      expect(await textOf(page, 'import-done')).toContain(`${records.length - 1} new, 0 updated, 1 rejected`);
      const stored = await storedIncidents(page, records.map((r) => r.id));
      expect([...stored.keys()].sort()).toEqual(['N-1', 'N-3']);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });

    it('says a 200 MB CSV or JSON Lines file of one line cannot be read, naming it and the limit, in bounded memory', async () => {
      const { context, page, consoleErrors } = await openApp(env());
      const app = new WorkbenchPage(page);
      const limitText = `${IMPORT_LIMITS.recordChars / MIB} MiB limit`;
      const cases = [
        { name: 'one-line-200mb.csv', pieces: oneLine('id,title,', 'abcdefgh,', ''), where: 'File, (header)' },
        { name: 'one-line-200mb.jsonl', pieces: oneLine('{"id":"L-1","title":"', 'abcdefgh', '"}'), where: 'Row 1, (line)' },
      ];
      const rss = await rendererMemory(page);
      for (const c of cases) {
        const path = join(dir, c.name);
        try {
          const size = await writeStreamed(path, c.pieces);
          const heap = await startHeapSampler(page);
          rss?.start();
          await app.chooseImportFile(path);
          const problems = await textOf(page, 'source-errors');
          const peak = await heap.stop();
          const rssGrowth = rss?.peakGrowth() ?? null;
          console.log(
            `peak for a ${mib(size)} MiB one-line file (${c.name}): JS heap of the page ${mib(peak.page)} MiB, of the import worker ${mib(peak.worker)} MiB (${peak.workerSamples} samples)` +
              (rssGrowth === null ? '' : `; renderer RSS rose by ${mib(rssGrowth)} MiB`),
          );
          expect(problems).toContain(c.name);
          expect(problems).toContain(c.where);
          expect(problems).toContain(limitText);
          expect(await page.isDisabled('[data-testid="start-import"]')).toBe(true);
          expect(await textOf(page, 'nothing-importable')).toContain(`No record could be read from ${c.name}`);
          expect(peak.workerSamples).toBeGreaterThan(0);
          // Bounded by the 16 MiB record limit and the 32 MiB the mapping screen reads, not by the file: well under its size.
          expect.soft(peak.page, `${c.name}: peak JS heap of the page`).toBeLessThan(100 * MIB);
          expect.soft(peak.worker, `${c.name}: peak JS heap of the import worker`).toBeLessThan(100 * MIB);
          if (rssGrowth !== null) expect.soft(rssGrowth, `${c.name}: growth of the renderer's peak RSS`).toBeLessThan(100 * MIB);
          await page.click('text=Choose another file');
        } finally {
          rmSync(path, { force: true });
        }
      }
      expect(await storedCount(page)).toBe(0);
      expect(consoleErrors).toEqual([]);
      await context.close();
    });
  });
});
