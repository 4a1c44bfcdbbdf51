import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { dumpStore } from './support/database.ts';

const SKELETON = fileURLToPath(new URL('../fixtures/skeleton-incidents.csv', import.meta.url));
const CODE = 'degraded-performance/api-level-degradation';

describe('codes never lost without asking', () => {
  const env = useE2eEnvironment();

  it('asks before leaving unsaved codes for another incident or screen, and takes the keyboard to the next incident after "save and next"', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    await app.chooseImportFile(SKELETON);
    expect(await app.startImportAndWait()).toContain('12 new');
    await app.go('code');
    await app.codeAs('Annotator A');

    // A code chosen, not saved: another incident asks first; "keep editing" stays, with the code still chosen.
    await app.selectIncident('INC-101');
    await page.selectOption('[data-testid="code-symptom"]', CODE);
    await page.click('[data-testid="incident-row"][data-incident-id="INC-102"]');
    await page.waitForSelector('[data-testid="unsaved-codes"]');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'unsaved-codes');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="unsaved-codes"]', { state: 'detached' });
    expect(await page.getAttribute('[data-testid="incident-row"][data-incident-id="INC-101"]', 'aria-selected')).toBe('true');
    expect(await app.codeValue('symptom')).toBe(CODE);
    await page.waitForFunction(() => document.activeElement?.id === 'code-symptom');

    // Another screen asks too; discarding goes on, and nothing was stored.
    await page.click('[data-testid="nav-agreement"]');
    await page.waitForSelector('[data-testid="unsaved-codes"]');
    await page.click('[data-testid="unsaved-codes-danger"]');
    await page.waitForSelector('[data-testid="screen-agreement"]');
    expect(await dumpStore(page, 'labelRevisions')).toEqual([]);

    // Saved with Ctrl+Enter: the next incident opens with the keyboard on its first code, and nothing asks.
    await app.go('code');
    await app.selectIncident('INC-101');
    await page.selectOption('[data-testid="code-symptom"]', CODE);
    await page.focus('[data-testid="code-symptom"]');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector('[data-testid="incident-row"][data-incident-id="INC-102"][aria-selected="true"]');
    await page.waitForFunction(() => document.activeElement?.id === 'code-symptom');
    expect(await page.locator('[data-testid="unsaved-codes"]').count()).toBe(0);
    const stored = (await dumpStore(page, 'currentLabels')).map((r) => JSON.parse(r) as { incidentId: string; code: string });
    expect(stored.map((l) => [l.incidentId, l.code])).toEqual([['INC-101', CODE]]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
