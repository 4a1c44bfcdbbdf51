import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { dumpStore } from './support/database.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/skeleton-incidents.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'workbench-import-'));

/** A large CSV (about 1 KB of text per row), so that the import runs long enough to be cancelled half-way. */
function writeLargeCsv(rows: number): string {
  const path = join(dir, 'large.csv');
  const filler = 'The service returned elevated error rates while the upstream dependency was degraded. '.repeat(11);
  const lines = ['id,title,description,status,severity,created'];
  for (let i = 0; i < rows; i++) lines.push(`BIG-${i},Incident ${i},"${filler}",resolved,high,2024-01-01 00:00`);
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('import: progress, cancel, re-import and error reports', () => {
  const env = useE2eEnvironment();

  it('cancels half-way leaving the database unchanged, re-imports without touching labels, and reports bad rows', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);

    await app.chooseImportFile(FIXTURE);
    expect(await app.startImportAndWait()).toContain('12 new, 0 updated, 0 rejected');
    await app.go('code');
    await app.codeAs('Annotator A');
    await app.code('INC-101', { symptom: 'degraded-performance', rootCause: 'infrastructure-issue', mitigation: 'self-recover' });
    const labelsBefore = await dumpStore(page, 'labels');
    const incidentsBefore = await dumpStore(page, 'incidents');
    expect(incidentsBefore).toHaveLength(12);

    // Cancel half-way through a large file.
    await app.go('import');
    await page.click('text=Import another file');
    await app.chooseImportFile(writeLargeCsv(60_000));
    await page.click('[data-testid="start-import"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-rows') ?? 0) > 4000);
    const progress = await page.$eval('[data-testid="import-progress"]', (el) => ({ value: Number((el as HTMLProgressElement).value), max: Number((el as HTMLProgressElement).max) }));
    expect(progress.value).toBeGreaterThan(0);
    expect(progress.value).toBeLessThan(progress.max);
    await screenshot(page, '10-import-progress');
    await page.click('[data-testid="cancel-import"]');
    await page.waitForSelector('[data-testid="import-cancelled"]');
    expect(await dumpStore(page, 'incidents')).toEqual(incidentsBefore);
    expect(await dumpStore(page, 'labels')).toEqual(labelsBefore);
    expect(await dumpStore(page, 'importUndo')).toEqual([]);

    // Re-import an updated export: two titles changed, one incident new.
    await page.click('text=Start again');
    const rows = Papa.parse<string[]>(readFileSync(FIXTURE, 'utf8'), { skipEmptyLines: true }).data;
    rows[1]![1] = 'Chat completions API 500s (updated)';
    rows[2]![1] = 'Fine-tune jobs stuck (updated)';
    rows.push(['INC-113', 'A new incident', 'New.', 'Active', 'Sev3', 'Inference API', '2024-03-14 10:00', '', '', '', '']);
    const updated = join(dir, 'skeleton-updated.csv');
    writeFileSync(updated, Papa.unparse(rows));
    await app.chooseImportFile(updated);
    expect(await app.startImportAndWait()).toContain('1 new, 12 updated, 0 rejected');
    expect(await dumpStore(page, 'labels')).toEqual(labelsBefore);
    const titles = (await dumpStore(page, 'incidents')).map((r) => (JSON.parse(r) as { id: string; title: string }));
    expect(titles.find((t) => t.id === 'INC-101')?.title).toBe('Chat completions API 500s (updated)');
    expect(titles).toHaveLength(13);
    await app.go('code');
    await app.codeAs('Annotator A');
    await app.selectIncident('INC-101');
    expect(await app.codeValue('symptom')).toBe('degraded-performance');

    // A file with bad rows: the errors are listed by row and field, saved as CSV, and the valid rows kept on request.
    await app.go('import');
    await page.click('text=Import another file');
    const bad = join(dir, 'with-errors.csv');
    writeFileSync(bad, 'id,title,status,created\nE-1,fine,resolved,2024-01-01 10:00\nE-2,,resolved,2024-01-01\nE-3,bad date,resolved,31/31/2024\nE-4,also fine,mitigated,\n');
    await app.chooseImportFile(bad);
    await page.click('[data-testid="start-import"]');
    await page.waitForSelector('[data-testid="import-valid"]');
    const shown = await page.$$eval('[data-testid="error-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(shown).toEqual([
      ['with-errors.csv', '2', 'title', 'title is empty; every incident needs one'],
      ['with-errors.csv', '3', 'created', '"31/31/2024" is not a date and time'],
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '11-import-errors');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="save-errors"]')]);
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(Papa.parse<string[]>(saved, { skipEmptyLines: true }).data).toEqual([['file', 'row', 'field', 'message'], ...shown]);
    await page.click('[data-testid="import-valid"]');
    expect(await (await page.waitForSelector('[data-testid="import-done"]')).textContent()).toContain('2 new, 0 updated, 2 rejected');
    expect(await dumpStore(page, 'incidents')).toHaveLength(15);

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
