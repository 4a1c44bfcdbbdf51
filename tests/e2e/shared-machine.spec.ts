import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { SCREENS } from '../../renderer/src/store/navigation.ts';

const SKELETON = fileURLToPath(new URL('../fixtures/skeleton-incidents.csv', import.meta.url));
/** Written by A into every rationale and note: nothing B can reach may hold it. */
const A_MARK = 'A-only-7c1e';
const A_CODES: Array<[string, string]> = [
  ['INC-101', 'invalid-inference/response-quality-degradation'],
  ['INC-102', 'deployment-failure/model-deployment-failure'],
];

describe('blind on a machine two annotators share', () => {
  const env = useE2eEnvironment();

  it('a switch to B shows none of A\'s codes anywhere, and nobody becomes A or the lead without their passphrase', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    await app.chooseImportFile(SKELETON);
    expect(await app.startImportAndWait()).toContain('12 new');

    // A is the first chosen on this machine (the lead never worked here, so has no passphrase here); A codes two
    // incidents, with a reason and a private note carrying the mark.
    await app.go('study');
    await page.selectOption('[data-testid="switch-person"]', { label: 'Annotator A (annotator)' });
    await page.click('[data-testid="switch-person-go"]');
    await page.waitForSelector('[data-testid="identity-current"][data-person-name="Annotator A"]');
    await app.go('code');
    for (const [id, code] of A_CODES) {
      await app.code(id, { symptom: code });
      await page.fill('[data-testid="rationale-symptom"]', `${A_MARK} reason`);
      await page.fill('[data-testid="private-note"]', `${A_MARK} note`);
      await page.keyboard.press('Control+s');
      await page.waitForSelector('[data-testid="save-state"][data-state="saved"]');
    }

    // Handing the machine to B: A is asked to protect their codes with a passphrase first.
    await app.go('study');
    await page.selectOption('[data-testid="switch-person"]', { label: 'Annotator B (annotator)' });
    await page.click('[data-testid="switch-person-go"]');
    await page.waitForSelector('[data-testid="protect-first"]');
    await screenshot(page, 'shared-machine-protect');
    await page.fill('[data-testid="protect-secret"]', WorkbenchPage.passphraseOf('Annotator A'));
    await page.fill('[data-testid="protect-again"]', WorkbenchPage.passphraseOf('Annotator A'));
    await page.click('[data-testid="protect-go"]');
    await page.waitForSelector('[data-testid="identity-current"][data-person-name="Annotator B"]');

    // As B, every screen: no mark of A's, no code of A's on the incidents A coded, no lead screen.
    for (const screen of SCREENS.map((s) => s.id)) {
      await app.go(screen);
      await page.waitForSelector(`[data-testid="screen-${screen}"] h1, [data-testid="lead-gate"]`);
      expect(await page.evaluate(() => document.documentElement.outerHTML), screen).not.toContain(A_MARK);
    }
    await app.go('code');
    for (const [id] of A_CODES) {
      await app.selectIncident(id);
      expect(await app.codeValue('symptom')).toBe('');
      expect(await page.inputValue('[data-testid="private-note"]')).toBe('');
    }
    for (const screen of ['agreement', 'resolve', 'analysis'] as const) {
      await app.go(screen);
      await page.waitForSelector('[data-testid="lead-gate"]');
    }
    // B's own label package holds nothing of A's.
    await app.go('code');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-package"]')]);
    expect(readFileSync((await download.path())!, 'utf8')).not.toContain(A_MARK);
    // B cannot export the study file (it holds A's codes), change a role or the round.
    await app.go('study');
    expect(await page.isDisabled('[data-testid="export-study"]')).toBe(true);
    expect(await page.isDisabled('[data-testid="current-round"]')).toBe(true);
    expect(await page.locator('[data-testid="person-role"]:not([disabled])').count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'shared-machine-b');

    // B hands the machine back: B protects their own codes first, as A did. Then back to A without A's passphrase, or
    // to the lead (who sees every code and has none here): refused, logged nowhere.
    await page.selectOption('[data-testid="switch-person"]', { label: 'Annotator A (annotator)' });
    await page.click('[data-testid="switch-person-go"]');
    await page.waitForSelector('[data-testid="protect-first"]');
    await page.fill('[data-testid="protect-secret"]', WorkbenchPage.passphraseOf('Annotator B'));
    await page.fill('[data-testid="protect-again"]', WorkbenchPage.passphraseOf('Annotator B'));
    await page.click('[data-testid="protect-go"]');
    await page.waitForSelector('[data-testid="target-passphrase"]');
    expect(await page.getAttribute('[data-testid="identity-current"]', 'data-person-name')).toBe('Annotator B');
    await page.fill('[data-testid="target-secret"]', 'a guess');
    await page.click('[data-testid="target-go"]');
    await page.waitForSelector('[data-testid="identity-message"]:has-text("That is not Annotator A\'s passphrase")');
    await page.click('[data-testid="target-passphrase"] button:has-text("Cancel")');
    await page.selectOption('[data-testid="switch-person"]', { label: 'Lead (lead)' });
    await page.click('[data-testid="switch-person-go"]');
    await page.waitForSelector('[data-testid="identity-message"]:has-text("Lead is a lead and sees every code")');
    expect(await page.getAttribute('[data-testid="identity-current"]', 'data-person-name')).toBe('Annotator B');

    // With the passphrase, A is back, with A's codes.
    await app.switchPerson('Annotator A');
    await app.go('code');
    await app.selectIncident(A_CODES[0]![0]);
    expect(await app.codeValue('symptom')).toBe(A_CODES[0]![1]);
    expect(await page.inputValue('[data-testid="private-note"]')).toBe(`${A_MARK} note`);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
