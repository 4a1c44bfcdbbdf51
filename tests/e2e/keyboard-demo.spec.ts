import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { tabTo } from './support/keyboard.ts';
import { dumpStore } from './support/database.ts';
import { compareIncidents } from '../../shared/model/incident.ts';
import { flattenCodes, loadDefaultCodebook } from '../../shared/codebook/codebook.ts';
import type { BuiltInDimension as Dimension, Label } from '../../shared/model/labels.ts';

const DEMO = new URL('../../renderer/public/samples/github-status-incidents.jsonl', import.meta.url);
const DIMENSIONS: Dimension[] = ['symptom', 'rootCause', 'mitigation'];

/**
 * The code that two number keys pick in the default codebook, worked out from the codebook (not from the app): the
 * first key picks the nth top-level code (numbered from 1, "Other" and "Not applicable" last), the second the nth of
 * its sub-codes.
 */
function codeOfKeys(dimension: Dimension, top: number, sub: number): string {
  const codes = flattenCodes(loadDefaultCodebook(), dimension);
  const parent = codes.filter((c) => c.depth === 0)[top - 1]!;
  const child = codes.filter((c) => c.parentPath === parent.path)[sub - 1];
  if (!child) throw new Error(`${parent.path} has no sub-code ${sub}`);
  return child.path;
}

/** Presses keys one at a time, counting them: what the budget of keystrokes per incident is measured by. */
class CountingKeyboard {
  presses = 0;
  constructor(private readonly page: Page) {}
  async press(...keys: string[]) {
    for (const key of keys) {
      this.presses += 1;
      await this.page.keyboard.press(key);
    }
  }
}

const selectedId = (page: Page) => page.getAttribute('[data-testid="incident-row"][aria-selected="true"]', 'data-incident-id');
const labelsOf = async (page: Page) => (await dumpStore(page, 'currentLabels')).map((r) => JSON.parse(r) as Label);

describe('coding with the keyboard alone, on the bundled demo study', () => {
  const env = useE2eEnvironment();

  it('codes five incidents in at most six keys each, loses nothing on a reload, and asks before leaving an unsaved note', async () => {
    const demoLines = readFileSync(DEMO, 'utf8').split('\n').filter((l) => l.trim() !== '');
    const records = demoLines.map((l) => JSON.parse(l) as { id: string; title: string; started_at: string | null });
    const ordered = records.map((r) => ({ ...r, createdAt: r.started_at === null ? null : new Date(r.started_at).toISOString() })).sort(compareIncidents);
    const { context, page, consoleErrors } = await openApp(env());
    await page.setViewportSize({ width: 1280, height: 720 });

    // Setting up, by keyboard too (not counted): the demo, the Code screen, who I am.
    await tabTo(page, '[data-testid="load-demo"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="mapping-preview"]');
    await tabTo(page, '[data-testid="start-import"]');
    await page.keyboard.press('Enter');
    expect(await (await page.waitForSelector('[data-testid="import-done"]')).textContent()).toContain(`${demoLines.length} new, 0 updated, 0 rejected`);
    await tabTo(page, '[data-testid="nav-code"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="switch-person"]');
    // A select takes the first option starting with the letters typed: "Annotator A (annotator)".
    await page.keyboard.type('Annotator A');
    expect(await page.$eval('[data-testid="switch-person"]', (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Annotator A (annotator)');
    await tabTo(page, '[data-testid="switch-person-go"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid="coding-form"]');
    expect(await selectedId(page)).toBe(ordered[0]!.id);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '09-code-1280x720');
    // Where the keyboard is once the screen shows the form (not counted): on the screen's heading, as when it opens.
    await page.focus('h1');

    // Each incident: two number keys per dimension (a top-level code, then one of its sub-codes); the form saves each
    // code at once and, when every dimension has one, opens the next incident with the keyboard on its first code.
    // Per dimension, for incidents 1 to 5: which top-level code, then which of its sub-codes.
    const plan: Record<Dimension, Array<[number, number]>> = {
      symptom: [[2, 1], [1, 2], [3, 2], [2, 3], [1, 1]],
      rootCause: [[1, 2], [2, 3], [3, 4], [1, 3], [2, 1]],
      mitigation: [[2, 1], [3, 2], [4, 3], [2, 2], [4, 1]],
    };
    const keys = new CountingKeyboard(page);
    const expected = new Map<string, Record<Dimension, string>>();
    const codeIncident = async (index: number, from = 0) => {
      const id = ordered[index]!.id;
      expect(await selectedId(page)).toBe(id);
      const before = keys.presses;
      const codes = {} as Record<Dimension, string>;
      for (const [i, d] of DIMENSIONS.entries()) {
        const [top, sub] = plan[d][index]!;
        codes[d] = codeOfKeys(d, top, sub);
        if (i >= from) await keys.press(String(top), String(sub));
      }
      expected.set(id, codes);
      return keys.presses - before;
    };
    const perIncident: number[] = [];
    // Each incident's keys are typed as soon as its row is selected, while its form may still be loading: keys typed
    // then are held for it (the CI failure this guards against: they were dropped).
    for (let i = 0; i < 3; i++) {
      perIncident.push(await codeIncident(i));
      await page.waitForSelector(`[data-testid="incident-row"][data-incident-id="${ordered[i + 1]!.id}"][aria-selected="true"]`);
    }

    // Half-way through the fourth, a reload: the code picked is there, and coding resumes on that incident.
    const fourth = ordered[3]!.id;
    const [top, sub] = plan.symptom[3]!;
    await keys.press(String(top), String(sub));
    await page.waitForSelector(`[data-testid="code-symptom"][data-value="${codeOfKeys('symptom', top, sub)}"]`);
    await page.waitForSelector('[data-testid="save-state"][data-state="saved"]');
    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-ready="true"]');
    await tabTo(page, '[data-testid="nav-code"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid="incident-row"][data-incident-id="${fourth}"][aria-selected="true"]`);
    expect(await page.getAttribute('[data-testid="code-symptom"]', 'data-value')).toBe(codeOfKeys('symptom', top, sub));
    // The focus is on the screen's heading: the next number goes to the first dimension still without a code.
    perIncident.push(2 + (await codeIncident(3, 1)));
    await page.waitForSelector(`[data-testid="incident-row"][data-incident-id="${ordered[4]!.id}"][aria-selected="true"]`);
    perIncident.push(await codeIncident(4));
    await page.waitForSelector(`[data-testid="incident-row"][data-incident-id="${ordered[5]!.id}"][aria-selected="true"]`);

    expect(perIncident).toEqual([6, 6, 6, 6, 6]);
    expect(keys.presses).toBe(30);
    const stored = await labelsOf(page);
    for (const [id, codes] of expected) for (const d of DIMENSIONS) expect(stored.find((l) => l.incidentId === id && l.dimension === d)?.code, `${id} ${d}`).toBe(codes[d]);
    expect(stored).toHaveLength(5 * 3);

    // j and k move between incidents; u goes to the next one not coded; ? shows the keys.
    await page.keyboard.press('Escape');
    await page.focus('h1');
    await page.keyboard.press('k');
    await page.waitForSelector(`[data-testid="incident-row"][data-incident-id="${ordered[4]!.id}"][aria-selected="true"]`);
    await page.focus('h1');
    await page.keyboard.press('u');
    await page.waitForSelector(`[data-testid="incident-row"][data-incident-id="${ordered[5]!.id}"][aria-selected="true"]`);
    await page.focus('h1');
    await page.keyboard.press('?');
    await page.waitForSelector('[data-testid="shortcut-sheet"]');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '09b-shortcut-sheet');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="shortcut-sheet"]', { state: 'detached' });

    // An unsaved private note: moving on asks first (keep editing keeps it); Ctrl+S saves it, then nothing asks.
    await page.focus('h1');
    await page.keyboard.press('n');
    await page.keyboard.type('status page says elevated errors');
    expect(await page.textContent('[data-testid="save-state"]')).toContain('Unsaved changes.');
    await page.click(`[data-testid="incident-row"][data-incident-id="${ordered[6]!.id}"]`);
    await page.waitForSelector('[data-testid="unsaved-codes"]');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'unsaved-codes');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="unsaved-codes"]', { state: 'detached' });
    expect(await selectedId(page)).toBe(ordered[5]!.id);
    expect(await page.inputValue('[data-testid="private-note"]')).toBe('status page says elevated errors');
    await page.click('[data-testid="nav-agreement"]');
    await page.waitForSelector('[data-testid="unsaved-codes"]');
    await page.click('[data-testid="unsaved-codes-safe"]');
    await page.focus('[data-testid="private-note"]');
    await page.keyboard.press('Control+s');
    await page.waitForSelector('[data-testid="save-state"][data-state="saved"]');
    await page.click(`[data-testid="incident-row"][data-incident-id="${ordered[6]!.id}"]`);
    await page.waitForSelector(`[data-testid="incident-row"][data-incident-id="${ordered[6]!.id}"][aria-selected="true"]`);
    expect(await page.locator('[data-testid="unsaved-codes"]').count()).toBe(0);
    const marks = (await dumpStore(page, 'coderMarks')).map((r) => JSON.parse(r) as { incidentId: string; kind: string; value: string });
    expect(marks.map((m) => [m.incidentId, m.kind, m.value])).toEqual([[ordered[5]!.id, 'note', 'status page says elevated errors']]);

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
