import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import type { BuiltInDimension as Dimension } from '../../shared/model/labels.ts';
import { openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/formula-incidents.csv', import.meta.url));

// What this test calls dangerous, on its own terms: a spreadsheet starts a formula at = + - @ (after any
// leading whitespace), and OWASP lists a leading tab or carriage return too.
const dangerous = (cell: string) => /^[\t\r]/.test(cell) || /^\s*[=+\-@]/.test(cell);
const parseCsv = (text: string) => Papa.parse<string[]>(text, { skipEmptyLines: true }).data;

/** The fixture's rows as a spreadsheet user sees them: header fields by name. */
const fixtureRows = Papa.parse<Record<string, string>>(readFileSync(FIXTURE, 'utf8'), { header: true, skipEmptyLines: true }).data;
const invalidRow = fixtureRows.findIndex((r) => r.title === '' && r.description === '') + 1;
// The incidents both coders code: every valid one whose id a spreadsheet would run.
const CODED = fixtureRows.filter((r) => r.title !== '' && dangerous(r.id!)).map((r) => r.id!);
const CODES: Record<'a' | 'b', Record<Dimension, string>> = {
  a: { symptom: 'degraded-performance', rootCause: 'infrastructure-issue', mitigation: 'self-recover' },
  b: { symptom: 'degraded-performance', rootCause: 'configuration-issue', mitigation: 'self-recover' },
};

/** Ids here hold quotes, so the row is found by a CSS string that escapes them (JSON's escapes are CSS's for these). */
async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testId}"]`)]);
  return readFileSync((await file.path())!, 'utf8');
}

/** No cell starts a formula, and each neutralised cell is one of the values the app holds, after a quote. */
function expectSafe(rows: string[][], originals: ReadonlySet<string>, what: string): void {
  for (const row of rows) {
    for (const cell of row) {
      expect(dangerous(cell), `${what}: ${JSON.stringify(cell)}`).toBe(false);
      if (cell.startsWith("'") && dangerous(cell.slice(1))) expect(originals.has(cell.slice(1)), `${what}: ${JSON.stringify(cell)}`).toBe(true);
    }
  }
}

describe('CSV exports are safe to open in a spreadsheet', () => {
  const env = useE2eEnvironment();

  it('the error list and the tidy and wide label CSVs neutralise formula-like ids, file names and cells', async () => {
    expect(CODED.length).toBeGreaterThanOrEqual(3);
    expect(invalidRow).toBeGreaterThan(0);
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);

    // A file whose name, ids, titles and descriptions are formulas; one row has neither title nor description.
    const fileName = '=formula-incidents.csv';
    const source = join(mkdtempSync(join(tmpdir(), 'workbench-csv-')), fileName);
    copyFileSync(FIXTURE, source);
    await app.chooseImportFile(source);
    await page.click('[data-testid="start-import"]');
    await page.waitForSelector('[data-testid="import-valid"]');
    const shown = await page.$$eval('[data-testid="error-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(shown.map((r) => [r[0], r[1]])).toEqual([[fileName, String(invalidRow)]]);

    const errors = parseCsv(await download(page, 'save-errors'));
    expectSafe(errors, new Set([fileName]), 'error list');
    expect(errors).toEqual([['file', 'row', 'field', 'message'], ...shown.map((r) => r.map((cell) => (dangerous(cell) ? `'${cell}` : cell)))]);
    expect(errors[1]![0]).toBe(`'${fileName}`);

    await page.click('[data-testid="import-valid"]');
    const valid = fixtureRows.length - 1;
    expect(await (await page.waitForSelector('[data-testid="import-done"]')).textContent()).toContain(`${valid} new, 0 updated, 1 rejected`);

    // Both coders code every formula-like incident.
    await app.go('code');
    for (const [coder, codes] of [['Annotator A', CODES.a], ['Annotator B', CODES.b]] as const) {
      await app.codeAs(coder);
      for (const id of CODED) await app.code(id, codes);
    }
    // The reader shows the formulas as text.
    expect(await page.textContent('[data-testid="incident-reader"]')).toContain(fixtureRows.find((r) => r.id === CODED[CODED.length - 1])!.title!.trim());

    await app.switchPerson('Lead');
    await app.go('agreement');
    const tidy = parseCsv(await download(page, 'export-tidy'));
    const wide = parseCsv(await download(page, 'export-wide'));
    const originals = new Set(CODED);
    expectSafe(tidy, originals, 'tidy labels');
    expectSafe(wide, originals, 'wide labels');

    const unquote = (cell: string) => (cell.startsWith("'") && dangerous(cell.slice(1)) ? cell.slice(1) : cell);
    const dimensions = Object.keys(CODES.a) as Dimension[];
    expect(tidy[0]).toEqual(['item', 'coder', 'dimension', 'code', 'round', 'codebook', 'codebook_version']);
    expect(tidy).toHaveLength(1 + CODED.length * 2 * dimensions.length);
    for (const id of CODED) {
      for (const [coder, codes] of [['Annotator A', CODES.a], ['Annotator B', CODES.b]] as const) {
        for (const d of dimensions) {
          expect(tidy.some((r) => r[0] === `'${id}` && r[1] === coder && r[2] === d && r[3] === codes[d]), `${id} ${coder} ${d}`).toBe(true);
        }
      }
    }
    expect(wide[0]).toEqual(['round', 'item', 'dimension', 'Annotator A', 'Annotator B']);
    expect(wide.slice(1).map((r) => [r[0], unquote(r[1]!), r[2], r[3], r[4]]).sort()).toEqual(
      dimensions.flatMap((d) => CODED.map((id) => ['1', id, d, CODES.a[d], CODES.b[d]])).sort(),
    );
    await screenshot(page, '13-csv-exports');

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
