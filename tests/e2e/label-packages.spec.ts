import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { dumpStore } from './support/database.ts';

const SKELETON = fileURLToPath(new URL('../fixtures/skeleton-incidents.csv', import.meta.url));
const B_CODES: Array<[string, string]> = [
  ['INC-101', 'invalid-inference'],
  ['INC-102', 'deployment-failure'],
  ['INC-103', 'invalid-inference'],
];

async function importPackage(page: Page, path: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="import-package"]')]);
  await chooser.setFiles(path);
}

describe('label packages, end to end', () => {
  const env = useE2eEnvironment();

  it('an annotator\'s package from a copy of the study imports once into the lead\'s; an edited one is refused', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    const dir = mkdtempSync(join(tmpdir(), 'packages-'));
    await app.chooseImportFile(SKELETON);
    expect(await app.startImportAndWait()).toContain('12 new');

    // The study sent to annotator B as a study file: on B's side it is the same study (a second entry here).
    const studyFile = join(dir, 'study.zip');
    writeFileSync(studyFile, await app.exportStudy());
    expect(await app.importStudy(studyFile)).toContain('Imported "My study (2)"');
    await app.switchToStudy('My study (2)');
    await app.go('code');
    await app.codeAs('Annotator B');
    for (const [id, symptom] of B_CODES) {
      await app.selectIncident(id);
      await page.selectOption('[data-testid="code-symptom"]', symptom);
      await page.click('[data-testid="save-labels"]');
      await page.waitForSelector('[data-testid="save-state"][data-state="saved"]');
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-package"]')]);
    const packagePath = join(dir, 'b.json');
    writeFileSync(packagePath, readFileSync((await download.path())!));

    // The lead's study takes it: B's codes arrive, exactly those B saved.
    await app.switchToStudy('My study');
    const lead = await app.openStudy();
    expect(await dumpStore(page, 'currentLabels', lead.dbName)).toEqual([]);
    await app.go('study');
    await importPackage(page, packagePath);
    await page.waitForSelector('[data-testid="package-confirmation"]');
    expect(await page.textContent('[data-testid="package-confirmation"]')).toContain(`${B_CODES.length} current codes change`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'label-package-import');
    await page.click('[data-testid="package-confirmation-danger"]');
    await page.waitForSelector(`[data-testid="package-status"]:has-text("${B_CODES.length} revisions of Annotator B imported")`);
    const labels = (await dumpStore(page, 'currentLabels', lead.dbName)).map((r) => JSON.parse(r) as { incidentId: string; code: string });
    expect(labels.map((l) => [l.incidentId, l.code]).sort()).toEqual([...B_CODES].sort());

    // The same package again changes nothing; an edited one is refused with its reason.
    await importPackage(page, packagePath);
    await page.waitForSelector('[data-testid="package-status"]:has-text("nothing new")');
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, readFileSync(packagePath, 'utf8').replace('"code": "deployment-failure"', '"code": "invalid-inference"'));
    await importPackage(page, edited);
    await page.waitForSelector('[data-testid="package-status"]:has-text("does not match its SHA-256")');
    expect((await dumpStore(page, 'labelRevisions', lead.dbName)).length).toBe(B_CODES.length);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
