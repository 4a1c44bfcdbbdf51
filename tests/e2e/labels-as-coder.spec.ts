import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { dumpStore } from './support/database.ts';
import { kappaByHand } from './support/byHand.ts';
import type { Label } from '../../shared/model/labels.ts';

const SKELETON = fileURLToPath(new URL('../fixtures/skeleton-incidents.csv', import.meta.url));
// An annotator's symptom codes, and a model's file for the same incidents: multi-valued cells (the first value is the
// primary code), a misspelt value to map by hand, one to ignore, an unknown incident, and a column named constructor.
const ANNOTATOR: Array<[string, string]> = [
  ['INC-101', 'degraded-performance'],
  ['INC-102', 'deployment-failure'],
  ['INC-103', 'invalid-inference'],
  ['INC-104', 'degraded-performance'],
];
const MODEL_CSV = [
  'incident_id,symptom_category,constructor',
  'INC-101,"Degraded performance, Invalid inference",x',
  'INC-102,Deploymnt failure,y',
  'INC-103,Invalid inference,z',
  'INC-104,UNKNOWN,w',
  'INC-999,Invalid inference,v',
].join('\n');

describe('labels from elsewhere, as a coder', () => {
  const env = useE2eEnvironment();

  it('imports a model\'s codes as a coder, with unknown values mapped, and compares them with an annotator', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    const file = join(mkdtempSync(join(tmpdir(), 'labels-')), 'model-symptoms.csv');
    writeFileSync(file, MODEL_CSV);
    await app.chooseImportFile(SKELETON);
    expect(await app.startImportAndWait()).toContain('12 new');
    await app.codeAs('Annotator A');
    for (const [id, code] of ANNOTATOR) await app.code(id, { symptom: code });
    await app.switchPerson('Lead');
    await app.unblind(1);

    await app.go('study');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="choose-labels-file"]')]);
    await chooser.setFiles(file);
    await page.waitForSelector('[data-testid="labels-mapping"]');
    // The id and symptom columns are suggested from their names; the coder is named after the file.
    expect(await page.inputValue('[data-testid="labels-id"]')).toBe('incident_id');
    expect(await page.inputValue('[data-testid="labels-code-symptom"]')).toBe('symptom_category');
    await page.fill('[data-testid="labels-coder-name"]', 'Model X');
    await page.click('[data-testid="labels-check"]');
    await page.waitForSelector('[data-testid="labels-check-result"]');
    // The misspelt value is listed with its count; the unknown incident is named by file, row and field.
    expect(await page.textContent('[data-testid="unknown-value"][data-value="Deploymnt failure"]')).toContain('1 (first row 2)');
    const errorRows = await page.$$eval('[data-testid="labels-errors"] [data-testid="error-table"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent ?? '')));
    expect(errorRows).toEqual([['model-symptoms.csv', '5', 'incident_id', 'no incident "INC-999" in this study']]);
    await page.selectOption('[data-testid="unknown-value"][data-value="Deploymnt failure"] [data-testid="unknown-map"]', 'deployment-failure');
    await page.selectOption('[data-testid="unknown-value"][data-value="UNKNOWN"] [data-testid="unknown-map"]', { label: 'ignore this value' });
    await page.click('text=Check again');
    await page.waitForSelector('[data-testid="labels-new"]:has-text("3")');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'labels-as-coder');
    await page.click('[data-testid="labels-import"]');
    await page.waitForSelector('[data-testid="labels-status"]:has-text("Imported 3 label revisions as Model X")');

    // Stored as a source's labels, as the file says once its values are mapped: the order of a multi-valued cell kept
    // (primary, then secondary), the ignored value and the unknown incident giving none, the constructor column none.
    const people = (await dumpStore(page, 'people')).map((r) => JSON.parse(r) as { id: string; name: string; role: string });
    const model = people.find((p) => p.name === 'Model X')!;
    expect(model.role).toBe('source');
    const labels = (await dumpStore(page, 'currentLabels')).map((r) => JSON.parse(r) as Label).filter((l) => l.annotatorId === model.id);
    const byId = new Map(labels.map((l) => [l.incidentId, l]));
    const MODEL: Array<[string, string, string[] | undefined]> = [
      ['INC-101', 'degraded-performance', ['invalid-inference']],
      ['INC-102', 'deployment-failure', undefined],
      ['INC-103', 'invalid-inference', undefined],
    ];
    expect([...byId.values()].map((l) => [l.incidentId, l.code, l.secondaryCodes]).sort()).toEqual(MODEL);

    // The same file again adds nothing.
    const [again] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="choose-labels-file"]')]);
    await again.setFiles(file);
    await page.waitForSelector('[data-testid="labels-mapping"]');
    await page.selectOption('[data-testid="labels-coder"]', { label: 'Model X' });
    await page.click('[data-testid="labels-check"]');
    await page.waitForSelector('[data-testid="labels-check-result"]');
    expect(await page.textContent('[data-testid="labels-new"]')).toBe('0');

    // Agreement of the annotator and the model, over the incidents both coded, as the test computes it.
    await app.go('agreement');
    await page.selectOption('[data-testid="coder-a"]', { label: 'Annotator A' });
    await page.selectOption('[data-testid="coder-b"]', { label: 'Model X' });
    const modelCode = new Map(MODEL.map(([id, code]) => [id, code]));
    const both = ANNOTATOR.filter(([id]) => modelCode.has(id));
    expect(await app.agreementValue('n', 'symptom')).toBe(both.length);
    expect(await app.agreementValue('kappa', 'symptom')).toBeCloseTo(kappaByHand(both.map(([, c]) => c), both.map(([id]) => modelCode.get(id)!)), 12);
    await page.waitForSelector('[data-testid="set-alpha-symptom"]');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
