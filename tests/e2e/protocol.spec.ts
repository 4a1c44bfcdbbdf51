import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { Incident } from '../../shared/model/incident.ts';
import type { Label } from '../../shared/model/labels.ts';
import type { Codebook } from '../../shared/codebook/codebook.ts';
import type { Proposal } from '../../shared/codebook/proposals.ts';
import { planSplit } from '../../shared/protocol/split.ts';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { kappaByHand } from './support/byHand.ts';
import { dumpStore } from './support/database.ts';

const SKELETON = fileURLToPath(new URL('../fixtures/skeleton-incidents.csv', import.meta.url));
const TERMS = ['api', 'model', 'gpu'];

const rows = async <T,>(page: Page, store: string) => (await dumpStore(page, store)).map((r) => JSON.parse(r) as T);

/** Numbers shown on the page, read once the selection worker has answered for the criteria set now. */
async function funnelCounts(page: Page): Promise<number[]> {
  await page.waitForFunction(() => !document.querySelector('#results-heading')?.textContent?.includes('updating'));
  return (await page.locator('[data-testid="funnel"] [data-testid="funnel-remaining"]').allTextContents()).map(Number);
}

/** The current root-cause codes of a coder in round 1, by incident. */
async function rootCauses(page: Page, annotatorId: string): Promise<Map<string, string>> {
  const labels = await rows<Label>(page, 'currentLabels');
  return new Map(labels.filter((l) => l.annotatorId === annotatorId && l.dimension === 'rootCause' && l.round === 1).map((l) => [l.incidentId, l.code]));
}

async function kappaShown(app: WorkbenchPage): Promise<number | null> {
  return app.agreementValue('kappa', 'rootCause');
}

/** Kappa of two coders' codes worked by hand over the incidents both coded. */
function kappaOf(a: Map<string, string>, b: Map<string, string>): number {
  const both = [...a.keys()].filter((id) => b.has(id));
  return kappaByHand(both.map((id) => a.get(id)!), both.map((id) => b.get(id)!));
}

async function changeCode(page: Page, path: string, action: 'rename' | 'merge' | 'split' | 'retire', fill: () => Promise<void>): Promise<{ previewed: number; status: string }> {
  await page.click('[data-testid="nav-codebook"]');
  await page.check('[data-testid="dimension-rootCause"]');
  await page.click(`[data-testid="code-node"][data-path="${path}"]`);
  await page.click(`[data-testid="action-${action}"]`);
  await fill();
  await page.fill('[data-testid="change-reason"]', `test ${action}`);
  await page.click('[data-testid="change-preview"]');
  const previewed = Number(await page.textContent('[data-testid="preview-moves"]'));
  const before = await page.textContent('[data-testid="codebook-version"]');
  await page.click('[data-testid="change-apply"]');
  await page.waitForFunction((text) => document.querySelector('[data-testid="codebook-version"]')?.textContent !== text, before);
  return { previewed, status: (await page.textContent('[data-testid="codebook-status"]')) ?? '' };
}

describe('the study protocol, end to end', () => {
  const env = useE2eEnvironment();

  it('selects by criteria with a funnel, saves and splits a cohort, asks before a re-split moves coded incidents, and evolves the codebook with its labels', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    await app.chooseImportFile(SKELETON);
    expect(await app.startImportAndWait()).toContain('12 new');
    const incidents = await rows<Incident>(page, 'incidents');

    // Criteria: not active; a title mentioning api, model or gpu; root-cause text. The funnel as worked by hand.
    await app.go('select');
    await page.waitForSelector('[data-testid="facet-status-active"]');
    await page.check('[data-testid="facet-status-active"]');
    await page.check('[data-testid="facet-status-exclude"]');
    await page.fill('[data-testid="title-terms"]', TERMS.join(', '));
    await page.check('[data-testid="facet-hasRootCauseText-true"]');
    let left = incidents.filter((i) => i.status !== 'active');
    const expected = [left.length];
    left = left.filter((i) => TERMS.some((t) => i.title.toLowerCase().includes(t)));
    expected.push(left.length);
    left = left.filter((i) => i.rootCauseText.trim() !== '');
    expected.push(left.length);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="funnel"] [data-testid="funnel-step"]').length === n, 3);
    expect(await funnelCounts(page)).toEqual(expected);
    expect(Number(await page.textContent('[data-testid="match-count"]'))).toBe(left.length);
    const cohortIds = left.map((i) => i.id);

    // A text search narrows further: every word, in title or text.
    await page.fill('[data-testid="search"]', 'GPU');
    const withGpu = left.filter((i) => `${i.title}\n${i.description}\n${i.rootCauseText}\n${i.mitigationText}`.toLowerCase().includes('gpu'));
    await page.waitForFunction((n) => document.querySelector('[data-testid="match-count"]')?.textContent === String(n), withGpu.length);
    await page.fill('[data-testid="search"]', '');

    // Saved as a cohort: its funnel is stored with it.
    await page.fill('[data-testid="cohort-name"]', 'GenAI incidents');
    await page.click('[data-testid="cohort-save"]');
    await page.waitForSelector('[data-testid="cohort"][data-cohort-name="GenAI incidents"] [data-testid="cohort-size"]:text("' + cohortIds.length + '")');

    // Split the cohort with seed 7: the sets are those the pure split gives; incidents outside it are in none.
    await page.selectOption('[data-testid="split-cohort"]', { label: 'the cohort “GenAI incidents” (version 1)' });
    await page.fill('[data-testid="split-seed"]', '7');
    await page.click('[data-testid="split-sets"]');
    await page.waitForSelector('[data-testid="split-status"]:has-text("seed 7")');
    const planned = planSplit(cohortIds, 7, new Date()).sets;
    for (const incident of await rows<Incident>(page, 'incidents')) expect(incident.studySet, incident.id).toBe(planned.get(incident.id) ?? null);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'protocol-select');

    // Two coders code root causes of the cohort; A proposes a code while coding.
    await app.go('code');
    const people = await rows<{ id: string; name: string }>(page, 'people');
    const idOf = (name: string) => people.find((p) => p.name === name)!.id;
    const coding: Array<[string, string, string]> = [
      [cohortIds[0]!, 'infrastructure-issue/network', 'infrastructure-issue/network'],
      [cohortIds[1]!, 'infrastructure-issue/storage', 'infrastructure-issue/network'],
      [cohortIds[2]!, 'infrastructure-issue/infrastructure-maintenance', 'infrastructure-issue/storage'],
      [cohortIds[3]!, 'configuration-issue/misconfiguration', 'configuration-issue/misconfiguration'],
      [cohortIds[4]!, 'code-bug', 'infrastructure-issue/storage'],
    ];
    await app.codeAs('Annotator A');
    for (const [id, a] of coding) await app.code(id, { rootCause: a });
    await page.click('[data-testid="propose"] summary');
    await page.selectOption('[data-testid="propose-dimension"]', 'rootCause');
    await page.selectOption('[data-testid="propose-where"]', 'infrastructure-issue');
    await page.fill('[data-testid="propose-name"]', 'GPU memory');
    await page.fill('[data-testid="propose-text"]', 'Inference nodes run out of GPU memory');
    await page.click('[data-testid="propose-submit"]');
    await page.waitForSelector('[data-testid="propose-status"]:has-text("Proposed")');
    await app.codeAs('Annotator B');
    for (const [id, , b] of coding) await app.code(id, { rootCause: b });

    // The lead accepts the proposal: the add form comes filled in; the code is added; the proposal is closed.
    await app.switchPerson('Lead');
    await app.go('codebook');
    await page.waitForSelector('[data-testid="proposal"][data-status="open"]');
    await page.click('[data-testid="proposal-accept"]');
    expect(await page.inputValue('[data-testid="change-name"]')).toBe('GPU memory');
    await page.fill('[data-testid="change-reason"]', 'seen twice in open coding');
    await page.click('[data-testid="change-preview"]');
    expect(await page.textContent('[data-testid="preview-moves"]')).toBe('0');
    await page.click('[data-testid="change-apply"]');
    await page.waitForSelector('[data-testid="proposal"][data-status="accepted"]');
    const proposals = await rows<Proposal>(page, 'proposals');
    expect(proposals.map((p) => [p.status, p.codebookVersion]).sort()).toEqual([['accepted', 2], ['open', null]]);
    await page.waitForSelector('[data-testid="code-node"][data-path="infrastructure-issue/gpu-memory"]');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'protocol-codebook');

    const a = idOf('Annotator A');
    const b = idOf('Annotator B');
    const originalA = await rootCauses(page, a);
    const originalB = await rootCauses(page, b);
    const follow = (codes: Map<string, string>, move: (code: string) => string) => new Map([...codes].map(([id, code]) => [id, move(code)]));

    // Rename: "network" becomes "networking"; every label on it follows, exactly as previewed.
    const renamed = (c: string) => (c === 'infrastructure-issue/network' ? 'infrastructure-issue/networking' : c);
    const rename = await changeCode(page, 'infrastructure-issue/network', 'rename', async () => {
      await page.fill('[data-testid="change-code"]', 'networking');
      await page.fill('[data-testid="change-name"]', 'Networking');
    });
    const networkLabels = [...originalA.values(), ...originalB.values()].filter((c) => c === 'infrastructure-issue/network').length;
    expect(rename.previewed).toBe(networkLabels);
    expect(await rootCauses(page, a)).toEqual(follow(originalA, renamed));
    expect(await rootCauses(page, b)).toEqual(follow(originalB, renamed));

    // Merge: storage into infrastructure maintenance; labels follow, agreement is recomputed on the merged codes.
    const merged = (c: string) => (renamed(c) === 'infrastructure-issue/storage' ? 'infrastructure-issue/infrastructure-maintenance' : renamed(c));
    const merge = await changeCode(page, 'infrastructure-issue/storage', 'merge', async () => {
      await page.selectOption('[data-testid="change-target"]', 'infrastructure-issue/infrastructure-maintenance');
    });
    expect(merge.previewed).toBe([...originalA.values(), ...originalB.values()].filter((c) => c === 'infrastructure-issue/storage').length);
    const mergedA = follow(originalA, merged);
    const mergedB = follow(originalB, merged);
    expect(await rootCauses(page, a)).toEqual(mergedA);
    expect(await rootCauses(page, b)).toEqual(mergedB);
    await app.go('agreement');
    expect(await kappaShown(app)).toBeCloseTo(kappaOf(mergedA, mergedB), 9);
    // Under version 1 the codes are those given then.
    await page.selectOption('[data-testid="agreement-version"]', '1');
    expect(await kappaShown(app)).toBeCloseTo(kappaOf(originalA, originalB), 9);
    await page.selectOption('[data-testid="agreement-version"]', 'all');

    // Split: misconfiguration into two codes, the first incident's labels to the second new code.
    const splitIncident = coding[3]![0];
    const split = await changeCode(page, 'configuration-issue/misconfiguration', 'split', async () => {
      await page.fill('[data-testid="split-code-0"]', 'misconfiguration');
      await page.fill('[data-testid="split-name-0"]', 'Misconfiguration');
      await page.fill('[data-testid="split-code-1"]', 'manual-change');
      await page.fill('[data-testid="split-name-1"]', 'Manual change');
      await page.selectOption(`[data-testid="split-assign"][data-incident-id="${splitIncident}"]`, 'manual-change');
    });
    // The labels on misconfiguration that change: the chosen incident's, by both coders (the rest keep the first new code, the old one).
    expect(split.previewed).toBe([mergedA, mergedB].filter((codes) => codes.get(splitIncident) === 'configuration-issue/misconfiguration').length);
    const splitTo = (c: string, id: string) => (c === 'configuration-issue/misconfiguration' && id === splitIncident ? 'configuration-issue/manual-change' : c);
    expect(await rootCauses(page, a)).toEqual(new Map([...mergedA].map(([id, c]) => [id, splitTo(c, id)])));

    // Add a top-level code, then undo it: a new version, the one before it restored.
    await page.click('[data-testid="add-top-code"]');
    await page.fill('[data-testid="change-code"]', 'capacity');
    await page.fill('[data-testid="change-name"]', 'Capacity');
    await page.click('[data-testid="change-preview"]');
    await page.click('[data-testid="change-apply"]');
    await page.waitForSelector('[data-testid="code-node"][data-path="capacity"]');
    await page.click('[data-testid="codebook-undo"]');
    await page.waitForSelector('[data-testid="code-node"][data-path="capacity"]', { state: 'detached' });
    const versions = await rows<Codebook>(page, 'codebookVersions');
    expect(versions.map((v) => v.change?.edit.kind ?? 'first')).toEqual(['first', 'add', 'rename', 'merge', 'split', 'add', 'revert']);

    // A dimension of the study's own: added, given a code, coded by both, and measured like the paper's three.
    await page.fill('[data-testid="new-dimension"]', 'Detection gap');
    await page.click('[data-testid="add-dimension"]');
    await page.waitForSelector('[data-testid="dimension-detection-gap"]:checked');
    await page.click('[data-testid="add-top-code"]');
    await page.fill('[data-testid="change-code"]', 'no-alert');
    await page.fill('[data-testid="change-name"]', 'No alert fired');
    await page.click('[data-testid="change-preview"]');
    await page.click('[data-testid="change-apply"]');
    await page.waitForSelector('[data-testid="code-node"][data-path="no-alert"]');
    await app.go('code');
    const gaps: Array<[string, string, string]> = [
      [coding[0]![0], 'no-alert', 'no-alert'],
      [coding[1]![0], 'no-alert', 'other'],
    ];
    for (const [who, column] of [['Annotator A', 1], ['Annotator B', 2]] as const) {
      await app.codeAs(who);
      for (const row of gaps) await app.code(row[0], { 'detection-gap': row[column] });
    }
    await app.switchPerson('Lead');
    await app.go('agreement');
    expect(await app.agreementValue('n', 'detection-gap')).toBe(gaps.length);
    expect(await app.agreementValue('po', 'detection-gap')).toBeCloseTo(gaps.filter(([, x, y]) => x === y).length / gaps.length, 12);

    // A re-split with another seed would move coded incidents: it asks first, saying how many, and "keep" keeps.
    await app.go('select');
    await page.selectOption('[data-testid="split-cohort"]', { label: 'the cohort “GenAI incidents” (version 1)' });
    await page.fill('[data-testid="split-seed"]', '8');
    const reseeded = planSplit(cohortIds, 8, new Date()).sets;
    const coded = new Set(coding.map(([id]) => id));
    const moved = [...coded].filter((id) => reseeded.get(id) !== planned.get(id)).length;
    expect(moved).toBeGreaterThan(0);
    await page.click('[data-testid="split-sets"]');
    await page.waitForSelector('[data-testid="resplit-confirmation"]');
    expect(await page.textContent('[data-testid="resplit-moved"]')).toContain(`${moved} incident`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'protocol-resplit');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="resplit-confirmation"]', { state: 'detached' });
    for (const incident of await rows<Incident>(page, 'incidents')) expect(incident.studySet).toBe(planned.get(incident.id) ?? null);
    await page.click('[data-testid="split-sets"]');
    await page.click('[data-testid="resplit-confirmation-danger"]');
    await page.waitForSelector('[data-testid="split-status"]:has-text("seed 8")');
    for (const incident of await rows<Incident>(page, 'incidents')) expect(incident.studySet).toBe(reseeded.get(incident.id) ?? null);

    // The methods summary states the funnel and the split as stored.
    await page.click('[data-testid="methods-write"]');
    const methods = await page.inputValue('[data-testid="methods-text"]');
    expect(methods).toContain(`of ${incidents.length} incidents, status is not active (${expected[0]} left)`);
    expect(methods).toContain(`${cohortIds.length} incidents of the cohort "GenAI incidents" (version 1) were split at random 40%/20%/40%`);
    expect(methods).toContain('with seed 8');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
