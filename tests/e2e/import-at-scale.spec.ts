import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { IMPORT_LIMITS } from '../../shared/import/limits.ts';
import { MIB, mib, oneLine, shortId, shortRowsCsv, writeStreamed } from '../support/generatedFiles.ts';
import { openApp, useE2eEnvironment } from './support/browser.ts';
import { errorTableRows, rendererMemory, startHeapSampler, storedCount, storedIncidents, textOf } from './support/importPage.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';

/**
 * The readers at scale, through the import screen: 300,000 rows, a stray quote, Object-member column names, a record
 * nested 5,000 deep, 200 MB files that are one line, with the page's and the worker's heap measured.
 */

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'workbench-at-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readers that hold for any file', () => {
  const env = useE2eEnvironment();

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
    writeFileSync(path, shortRowsCsv(300_000, { strayAt: 2 }));
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
