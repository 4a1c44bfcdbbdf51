import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuiltInDimension as Dimension } from '../../shared/model/labels.ts';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { kappaByHand } from './support/byHand.ts';
import { dumpStore } from './support/database.ts';

const SKELETON = fileURLToPath(new URL('../fixtures/skeleton-incidents.csv', import.meta.url));

/** A small export of other incidents, for the second study. */
function otherIncidentsCsv(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'other-')), 'other.csv');
  writeFileSync(path, ['id,title,description,created', ...[1, 2, 3].map((i) => `OTHER-${i},Other outage ${i},Queue backlog ${i},2024-05-0${i} 10:00`)].join('\n'));
  return path;
}

type Codes = Record<Dimension, string>;
const c = (symptom: string, rootCause: string, mitigation: string): Codes => ({ symptom, rootCause, mitigation });
const DIMENSIONS = ['symptom', 'rootCause', 'mitigation'] as const;

// Round 1: what each coder gives the first four incidents. Carol is the third coder.
const ROUND1: Array<{ id: string; a: Codes; b: Codes; carol: Codes }> = [
  { id: 'INC-101', a: c('degraded-performance/service-level-degradation', 'code-bug', 'code-fix'), b: c('degraded-performance/service-level-degradation', 'code-bug', 'code-fix'), carol: c('degraded-performance/service-level-degradation', 'code-bug', 'ad-hoc-fix') },
  { id: 'INC-102', a: c('deployment-failure/fine-tune-api-failure', 'code-bug', 'code-fix'), b: c('deployment-failure/fine-tune-api-failure', 'operation-error', 'code-fix'), carol: c('invalid-inference', 'operation-error', 'code-fix') },
  { id: 'INC-103', a: c('invalid-inference', 'operation-error', 'ad-hoc-fix'), b: c('degraded-performance/service-level-degradation', 'operation-error', 'ad-hoc-fix'), carol: c('invalid-inference', 'operation-error', 'ad-hoc-fix') },
  { id: 'INC-104', a: c('invalid-inference', 'operation-error', 'ad-hoc-fix'), b: c('invalid-inference', 'operation-error', 'code-fix'), carol: c('invalid-inference', 'code-bug', 'code-fix') },
];


/** Observed agreement of many coders: per item, the share of coder pairs that agree, averaged over items. */
function observedAgreementByHand(ratings: string[][]): number {
  let sum = 0;
  for (const item of ratings) {
    let agree = 0;
    let pairs = 0;
    for (let i = 0; i < item.length; i++) {
      for (let j = i + 1; j < item.length; j++) {
        pairs += 1;
        if (item[i] === item[j]) agree += 1;
      }
    }
    sum += agree / pairs;
  }
  return sum / ratings.length;
}

describe('the study model, end to end', () => {
  const env = useE2eEnvironment();

  it('keeps two studies apart; round 2 leaves round 1 intact; people are added and renamed; a third coder brings the many-coder statistics', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);

    // The first study: the skeleton incidents, coded in round 1 by A and B.
    await app.chooseImportFile(SKELETON);
    expect(await app.startImportAndWait()).toContain('12 new');
    await app.go('code');
    for (const [who, key] of [['Annotator A', 'a'], ['Annotator B', 'b']] as const) {
      await app.codeAs(who);
      for (const row of ROUND1) await app.code(row.id, row[key]);
    }
    const first = await app.openStudy();

    // A second study beside it: other incidents, nobody's codes.
    await app.createStudy('Second study');
    const second = await app.openStudy();
    expect(second.id).not.toBe(first.id);
    expect(await dumpStore(page, 'incidents', second.dbName)).toEqual([]);
    await app.go('import');
    await app.chooseImportFile(otherIncidentsCsv());
    expect(await app.startImportAndWait()).toContain('3 new');
    const secondIncidents = (await dumpStore(page, 'incidents', second.dbName)).length;
    expect(secondIncidents).toBe(3);
    expect(await dumpStore(page, 'currentLabels', second.dbName)).toEqual([]);
    await app.go('code');
    await app.codeAs('Annotator A');
    expect(await page.locator('[data-testid="incident-list"] [role="option"]').count()).toBe(3);
    await screenshot(page, '20-second-study');

    // Back to the first: its incidents and codes as they were; the second study's incidents are not in it.
    await app.switchToStudy('My study');
    const firstIncidents = (await dumpStore(page, 'incidents', first.dbName)).map((r) => (JSON.parse(r) as { id: string }).id);
    expect(firstIncidents).toHaveLength(12);
    expect(firstIncidents.every((id) => id.startsWith('INC-1'))).toBe(true);
    expect((await dumpStore(page, 'incidents', second.dbName)).length).toBe(secondIncidents);

    // Agreement in round 1 (the lead's), as the test computes it.
    await app.switchPerson('Lead');
    await app.go('agreement');
    const round1Kappa = {} as Record<Dimension, number>;
    for (const d of DIMENSIONS) {
      round1Kappa[d] = kappaByHand(ROUND1.map((r) => r.a[d]), ROUND1.map((r) => r.b[d]));
      expect(await app.agreementValue('n', d)).toBe(ROUND1.length);
      expect(await app.agreementValue('kappa', d)).toBeCloseTo(round1Kappa[d], 12);
    }
    const round1Codes = (await dumpStore(page, 'currentLabels', first.dbName)).filter((r) => (JSON.parse(r) as { round: number }).round === 1);
    expect(round1Codes).toHaveLength(ROUND1.length * 2 * 3);

    // Round 2: A codes INC-101 again, differently. Round 1's codes and agreement stay as they were.
    await app.setRound(2);
    await app.codeAs('Annotator A');
    await app.code('INC-101', c('invalid-inference', 'operation-error', 'ad-hoc-fix'));
    expect((await dumpStore(page, 'currentLabels', first.dbName)).filter((r) => (JSON.parse(r) as { round: number }).round === 1)).toEqual(round1Codes);
    await app.switchPerson('Lead');
    await app.go('agreement');
    await page.selectOption('[data-testid="agreement-round"]', '1');
    for (const d of DIMENSIONS) expect(await app.agreementValue('kappa', d)).toBeCloseTo(round1Kappa[d], 12);
    await page.selectOption('[data-testid="agreement-round"]', '2');
    expect(await app.agreementValue('n', 'symptom')).toBe(0);
    // The history kept both of A's codes for INC-101's symptom.
    const history = (await dumpStore(page, 'labelRevisions', first.dbName)).map((r) => JSON.parse(r) as { incidentId: string; dimension: string; round: number; code: string });
    expect(history.filter((r) => r.incidentId === 'INC-101' && r.dimension === 'symptom').map((r) => [r.round, r.code]).sort()).toEqual([
      [1, 'degraded-performance/service-level-degradation'],
      [1, 'degraded-performance/service-level-degradation'],
      [2, 'invalid-inference'],
    ]);

    // Undo of that first round-2 code clears it (a new revision), the form shows it cleared, and saving again does not bring it back.
    await app.codeAs('Annotator A');
    await app.selectIncident('INC-101');
    await page.click('[data-testid="undo-symptom"]');
    await page.waitForSelector('[data-testid="undo-state"]:has-text("Undid")');
    await page.waitForSelector('[data-testid="code-symptom"][data-value=""]');
    await page.click('[data-testid="save-labels"]');
    await page.waitForSelector('[data-testid="save-state"][data-state="saved"]');
    const round2Symptoms = (await dumpStore(page, 'currentLabels', first.dbName)).map((r) => JSON.parse(r) as { round: number; dimension: string; incidentId: string }).filter((l) => l.round === 2 && l.dimension === 'symptom');
    expect(round2Symptoms).toEqual([]);
    const undone = (await dumpStore(page, 'labelRevisions', first.dbName)).map((r) => JSON.parse(r) as { round: number; dimension: string; incidentId: string; code: string; savedAt: string });
    expect(undone.filter((r) => r.round === 2 && r.dimension === 'symptom').sort((x, y) => x.savedAt.localeCompare(y.savedAt)).map((r) => r.code)).toEqual(['invalid-inference', '']);

    // People: Carol added, Annotator A renamed; the names follow everywhere, the ids stay.
    await app.switchPerson('Lead');
    await app.addPerson('Carol');
    await app.renamePerson('Annotator A', 'Ann');
    const people = (await dumpStore(page, 'people', first.dbName)).map((r) => JSON.parse(r) as { id: string; name: string; role: string });
    expect(people.map((p) => p.name).sort()).toEqual(['Ann', 'Annotator B', 'Carol', 'Lead']);
    expect(new Set(people.map((p) => p.id)).size).toBe(4);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '21-study-people');

    // Carol codes round 1: the many-coder statistics appear, with the observed agreement of all three.
    await app.setRound(1);
    await app.codeAs('Carol');
    for (const row of ROUND1) await app.code(row.id, row.carol);
    await app.switchPerson('Lead');
    await app.go('agreement');
    await page.selectOption('[data-testid="agreement-round"]', '1');
    await page.waitForSelector('[data-testid="all-coders"]');
    expect(await page.textContent('[data-testid="all-coders"] caption')).toContain('All 3 coders');
    for (const d of DIMENSIONS) {
      const observed = Number(await page.getAttribute(`[data-testid="all-po-${d}"]`, 'data-value'));
      expect(observed, d).toBeCloseTo(observedAgreementByHand(ROUND1.map((r) => [r.a[d], r.b[d], r.carol[d]])), 12);
    }
    expect(await page.textContent('[data-testid="coder-a"]')).toContain('Ann');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '22-three-coders');

    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('exports a study, deletes it, imports it back, and exports the same bytes again', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    await app.chooseImportFile(SKELETON);
    await app.startImportAndWait();
    await app.go('code');
    await app.codeAs('Annotator A');
    for (const row of ROUND1) await app.code(row.id, row.a);
    await app.codeAs('Annotator B');
    for (const row of ROUND1.slice(0, 2)) await app.code(row.id, row.b);
    // Roles and the study file are the lead's while codes are blind.
    await app.switchPerson('Lead');
    await app.addPerson('Lee', 'lead');

    const exported = await app.exportStudy();
    const file = join(mkdtempSync(join(tmpdir(), 'study-file-')), 'my-study.workbench.zip');
    writeFileSync(file, exported);

    const said = await app.deleteStudy('My study');
    expect(said).toContain('12 incidents');
    expect(said).toContain(`${ROUND1.length * 3 + 2 * 3} saved labels`);
    expect(said).toContain('4 people');
    expect(await page.locator('[data-testid="study-row"][data-study-name="My study"]').count()).toBe(0);

    expect(await app.importStudy(file)).toContain('Imported "My study"');
    await app.switchToStudy('My study');
    // A study from a file opens with nobody chosen here; the lead chooses themselves (a switch this machine keeps).
    await app.switchPerson('Lead');
    const again = await app.exportStudy();
    expect(again.equals(exported)).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '23-study-imported');

    // A damaged file is refused with its name and the reason, and no study is added.
    const damaged = join(mkdtempSync(join(tmpdir(), 'study-file-')), 'damaged.zip');
    writeFileSync(damaged, exported.subarray(0, exported.length >> 1));
    expect(await app.importStudy(damaged)).toMatch(/Not imported: damaged\.zip: is not a study file/);
    expect(await page.locator('[data-testid="study-row"]').count()).toBe(2);

    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
