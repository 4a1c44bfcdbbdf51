import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { dumpStore } from './support/database.ts';
import { planSplit } from '../../shared/protocol/split.ts';
import { compareIncidents, type Incident } from '../../shared/model/incident.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/skeleton-incidents.csv', import.meta.url));
const codes = (symptom: string) => ({ symptom, rootCause: 'operation-error', mitigation: 'self-recover' });

describe('agreement by round and by study set', () => {
  const env = useE2eEnvironment();

  it('labels carry their round; the split is the seeded one; each scope counts its own items', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    await app.chooseImportFile(FIXTURE);
    await app.startImportAndWait();

    // Round 1: four incidents; round 2: three more.
    const round1 = ['INC-101', 'INC-102', 'INC-103', 'INC-104'];
    const round2 = ['INC-105', 'INC-106', 'INC-107'];
    // The lead opens each round; both annotators code it.
    for (const [round, ids, codeOf] of [
      [1, round1, () => 'degraded-performance'],
      [2, round2, (coder: string) => (coder === 'Annotator A' ? 'deployment-failure' : 'invalid-inference')],
    ] as const) {
      await app.switchPerson('Lead');
      await app.setRound(round);
      for (const coder of ['Annotator A', 'Annotator B']) {
        await app.codeAs(coder);
        for (const id of ids) await app.code(id, codes(codeOf(coder)));
      }
    }
    await app.switchPerson('Lead');
    const labels = (await dumpStore(page, 'currentLabels')).map((l) => JSON.parse(l) as { incidentId: string; round: number });
    // Two coders × three dimensions: six labels per incident, each in the round it was coded in.
    expect(labels.filter((l) => l.round === 2).map((l) => l.incidentId).sort()).toEqual(round2.flatMap((id) => Array<string>(6).fill(id)).sort());
    expect(labels.filter((l) => l.round === 1)).toHaveLength(round1.length * 6);

    await app.go('agreement');
    await page.waitForSelector('[data-testid="agreement-trend"] tbody tr:nth-child(2)');
    const trend = await page.$$eval('[data-testid="agreement-trend"] tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(trend).toHaveLength(2);
    expect(trend[0]).toContain(`n = ${round1.length}`);
    expect(trend[1]).toContain(`n = ${round2.length}`);
    await page.selectOption('[data-testid="agreement-round"]', '2');
    expect(await app.agreementValue('n', 'symptom')).toBe(round2.length);
    expect(await app.agreementValue('po', 'symptom')).toBe(0);

    // Split with a seed (on the Select screen): the sets are those the pure split gives for the same ids, in any order.
    await app.go('select');
    await page.fill('[data-testid="split-seed"]', '42');
    await page.click('[data-testid="split-sets"]');
    await page.waitForSelector('[data-testid="split-status"]:has-text("12 incidents were split at random 40%/20%/40%")');
    await app.go('agreement');
    const stored = (await dumpStore(page, 'incidents')).map((r) => JSON.parse(r) as Incident).sort(compareIncidents);
    const expected = planSplit(stored.map((i) => i.id).reverse(), 42, new Date()).sets;
    for (const incident of stored) expect(incident.studySet).toBe(expected.get(incident.id));
    for (const [round, coded] of [[1, round1], [2, round2]] as const) {
      await page.selectOption('[data-testid="agreement-round"]', String(round));
      for (const set of ['taxonomy', 'validation', 'test'] as const) {
        await page.selectOption('[data-testid="agreement-set"]', set);
        const inSet = coded.filter((id) => expected.get(id) === set).length;
        expect(await app.agreementValue('n', 'symptom'), `round ${round}, ${set} set`).toBe(inSet);
      }
    }
    // The split is a setting of the study: its seed is stored and shown.
    const [settings] = (await dumpStore(page, 'settings')).map((r) => JSON.parse(r) as { split: { seed: number; incidents: number } });
    expect(settings!.split).toMatchObject({ seed: 42, incidents: 12 });
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '12-agreement-scopes');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
