import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { tabTo } from './support/keyboard.ts';
import { compareIncidents } from '../../shared/model/incident.ts';

const DEMO = new URL('../../renderer/public/samples/github-status-incidents.jsonl', import.meta.url);

describe('keyboard only, on the bundled demo study', () => {
  const env = useE2eEnvironment();

  it('loads the demo, codes an incident and saves it without a mouse', async () => {
    const demoLines = readFileSync(DEMO, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const { context, page, consoleErrors } = await openApp(env());

    await tabTo(page, '[data-testid="load-demo"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="mapping-preview"]');
    expect(await page.inputValue('[data-testid="map-description"]')).toBe('updates[*].message');
    await tabTo(page, '[data-testid="start-import"]');
    await page.keyboard.press('Enter');
    const done = await page.waitForSelector('[data-testid="import-done"]');
    expect(await done.textContent()).toContain(`${demoLines.length} new, 0 updated, 0 rejected`);

    await tabTo(page, '[data-testid="nav-code"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="annotator-select"]');
    await page.keyboard.press('ArrowDown');
    await page.waitForSelector('[data-testid="coded-count"]');

    // The incident list is one tab stop; arrow keys move the selection.
    await tabTo(page, '[data-testid="incident-list"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const selectedId = await page.getAttribute('[data-testid="incident-row"][aria-selected="true"]', 'data-incident-id');
    // The list runs oldest first; the third incident by start time is two arrow presses down.
    const records = demoLines.map((l) => JSON.parse(l) as { id: string; title: string; started_at: string | null });
    const ordered = records
      .map((r) => ({ ...r, createdAt: r.started_at === null ? null : new Date(r.started_at).toISOString() }))
      .sort(compareIncidents);
    const second = ordered[2]!;
    expect(selectedId).toBe(second.id);
    expect(await page.textContent('[data-testid="incident-reader"] h2')).toBe(second.title);

    await tabTo(page, '[data-testid="code-symptom"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.inputValue('[data-testid="code-symptom"]');
    expect(chosen).not.toBe('');
    await tabTo(page, '[data-testid="save-labels"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="save-state"][data-state="saved"]');
    expect(await page.textContent(`[data-testid="incident-row"][data-incident-id="${second.id}"]`)).toContain('1/3 coded');

    // Ctrl+Enter in the form saves and moves on to the next incident.
    await tabTo(page, '[data-testid="code-rootCause"]');
    await page.keyboard.press('ArrowDown');
    expect(await page.textContent('[data-testid="save-state"]')).toContain('Unsaved changes.');
    await page.keyboard.press('Control+Enter');
    await page.waitForSelector(`[data-testid="incident-row"][data-incident-id="${ordered[3]!.id}"][aria-selected="true"]`);
    expect(await page.textContent(`[data-testid="incident-row"][data-incident-id="${second.id}"]`)).toContain('2/3 coded');

    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '09-code-demo-keyboard');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
