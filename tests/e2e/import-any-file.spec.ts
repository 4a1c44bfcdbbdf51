import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { runCli } from '../../electron/cli/main.ts';
import type { InspectReport } from '../../electron/cli/inspect.ts';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { dumpStore } from './support/database.ts';
import { errorTableRows, storedCount, storedIncidents, textOf } from './support/importPage.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';

/**
 * Any file a user has, through the import screen: three nested post-mortem files in one go with no mapping edits,
 * a truncated JSON, a file with nothing importable, going back to the mapping, and a saved preset applied and
 * exported to the CLI. The readers at scale are in import-at-scale.spec.ts.
 */

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'workbench-any-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

  it('says which of several files chosen together the first file’s mapping does not fit', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    const first = join(dir, 'tickets-a.csv');
    const same = join(dir, 'tickets-b.csv');
    const other = join(dir, 'other-tool.json');
    writeFileSync(first, 'Ticket#,Headline,Opened (UTC)\nT-1,Disk full,27/11/2026 14:05\n');
    writeFileSync(same, 'ticket#,headline,opened (utc)\nT-2,DNS down,03/11/2026 09:00\n');
    writeFileSync(other, JSON.stringify([{ name: 'Queue stuck', started: '2026-11-01' }]));
    await app.chooseImportFiles([first, same, other]);
    const misfits = await textOf(page, 'file-misfits');
    expect(misfits).toContain('other-tool.json: it is JSON, where tickets-a.csv is CSV');
    expect(misfits).not.toContain('tickets-b.csv');
    expect(await accessibilityViolations(page)).toEqual([]);
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
});
