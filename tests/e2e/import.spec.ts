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
    const labelsBefore = await dumpStore(page, 'labelRevisions');
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
    expect(await dumpStore(page, 'labelRevisions')).toEqual(labelsBefore);
    expect(await dumpStore(page, 'importUndo')).toEqual([]);

    // A crash half-way (the window reloads mid-import): at the next start the import is undone.
    await page.click('text=Start again');
    await app.chooseImportFile(join(dir, 'large.csv'));
    await page.click('[data-testid="start-import"]');
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-rows') ?? 0) > 4000);
    await page.reload();
    const recovered = await page.waitForSelector('[data-testid="recovered-imports"]');
    expect(await recovered.textContent()).toContain('large.csv');
    expect(await dumpStore(page, 'incidents')).toEqual(incidentsBefore);
    expect(await dumpStore(page, 'importJournal')).toEqual([]);

    // Re-import an updated export: two titles changed, one incident new.
    const rows = Papa.parse<string[]>(readFileSync(FIXTURE, 'utf8'), { skipEmptyLines: true }).data;
    rows[1]![1] = 'Chat completions API 500s (updated)';
    rows[2]![1] = 'Fine-tune jobs stuck (updated)';
    rows.push(['INC-113', 'A new incident', 'New.', 'Active', 'Sev3', 'Inference API', '2024-03-14 10:00', '', '', '', '']);
    const updated = join(dir, 'skeleton-updated.csv');
    writeFileSync(updated, Papa.unparse(rows));
    await app.chooseImportFile(updated);
    expect(await app.startImportAndWait()).toContain('1 new, 12 updated, 0 rejected');
    expect(await dumpStore(page, 'labelRevisions')).toEqual(labelsBefore);
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
    // Only the record with neither title nor text is refused; the impossible date leaves E-3's creation time empty, with a warning.
    expect(shown).toEqual([['with-errors.csv', '2', 'title', 'has no title and no text; an incident needs one or the other']]);
    const warning = await page.waitForSelector('[data-testid="field-warning"][data-field="createdAt"]');
    expect(await warning.getAttribute('data-rows')).toBe('1');
    expect(await warning.textContent()).toContain('"31/31/2024" (1)');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '11-import-errors');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="save-errors"]')]);
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(Papa.parse<string[]>(saved, { skipEmptyLines: true }).data).toEqual([['file', 'row', 'field', 'message'], ...shown]);
    await page.click('[data-testid="import-valid"]');
    expect(await (await page.waitForSelector('[data-testid="import-done"]')).textContent()).toContain('3 new, 0 updated, 1 rejected');
    const storedBad = (await dumpStore(page, 'incidents')).map((r) => JSON.parse(r) as { id: string; createdAt: string | null; raw: Record<string, string> });
    expect(storedBad).toHaveLength(16);
    expect(storedBad.find((i) => i.id === 'E-3')).toMatchObject({ createdAt: null, raw: { created: '31/31/2024' } });

    // Encodings: the same accented rows as UTF-16 with a BOM and as Latin-1 arrive intact.
    const accented = 'id,title,created\nENC-1,Café outage — Zürich,2024-02-01\nENC-2,Señal perdida,2024-02-02\n';
    const utf16 = join(dir, 'utf16.csv');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(accented, 'utf16le')]));
    const latin1 = join(dir, 'latin1.csv');
    // The accented rows come after 8 KB of plain ASCII, so the encoding must be judged on more than the first 4 KB.
    const padding = Array.from({ length: 200 }, (_, i) => `PAD-${i},Plain ASCII row number ${i} of padding,2025-01-01`).join('\n');
    writeFileSync(latin1, Buffer.from(accented.replace('—', '-').replace(/ENC-/g, 'LAT-').replace('\n', `\n${padding}\n`), 'latin1'));
    for (const [path, prefix, title] of [[utf16, 'ENC', 'Café outage — Zürich'], [latin1, 'LAT', 'Café outage - Zürich']] as const) {
      await page.click('text=Import another file');
      await app.chooseImportFile(path);
      expect(await page.inputValue('[data-testid="encoding-select"]')).toBe(path === utf16 ? 'utf-16le' : 'windows-1252');
      expect(await app.startImportAndWait()).toContain(path === utf16 ? '2 new' : '202 new');
      const stored = (await dumpStore(page, 'incidents')).map((r) => JSON.parse(r) as { id: string; title: string });
      expect(stored.find((i) => i.id === `${prefix}-1`)?.title).toBe(title);
      expect(stored.find((i) => i.id === `${prefix}-2`)?.title).toBe('Señal perdida');
    }

    // Hidden characters are counted on import (INC-110 carries two tag characters) and flagged in the list.
    const inc110 = (await dumpStore(page, 'incidents')).map((r) => JSON.parse(r) as { id: string; hiddenCharacters: number }).find((i) => i.id === 'INC-110');
    expect(inc110?.hiddenCharacters).toBe(2);
    await app.go('code');
    await app.codeAs('Annotator A');
    expect(await page.textContent('[data-testid="incident-row"][data-incident-id="INC-110"]')).toContain('⚠ 2 hidden characters');

    // A mapping saved as a preset is offered again and applied on the next file.
    await app.go('import');
    await page.click('text=Import another file');
    const odd = join(dir, 'odd-columns.csv');
    writeFileSync(odd, 'ref;headline;opened\nODD-1;Queue backlog;2024-04-01 08:00\n');
    await app.chooseImportFile(odd);
    await page.selectOption('[data-testid="map-id"]', 'ref');
    await page.selectOption('[data-testid="map-title"]', 'headline');
    await page.selectOption('[data-testid="map-createdAt"]', 'opened');
    await page.fill('[data-testid="preset-name"]', 'Odd export');
    await page.click('[data-testid="save-preset"]');
    await page.waitForSelector('text=Saved as preset "Odd export"');
    await page.selectOption('[data-testid="map-title"]', '');
    await page.selectOption('[data-testid="preset-select"]', { label: 'Odd export' });
    expect(await app.mappedColumn('title')).toBe('headline');
    expect(await app.startImportAndWait()).toContain('1 new, 0 updated, 0 rejected');
    const odd1 = (await dumpStore(page, 'incidents')).map((r) => JSON.parse(r) as { id: string; title: string; createdAt: string }).find((i) => i.id === 'ODD-1');
    expect(odd1).toMatchObject({ title: 'Queue backlog', createdAt: '2024-04-01T08:00:00.000Z' });

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
