import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { dumpStore } from './support/database.ts';
import { kappaByHand } from './support/byHand.ts';
import { planSplit } from '../../shared/protocol/split.ts';
import { packageContent, type LabelPackage } from '../../shared/coding/labelPackage.ts';
import type { BuiltInDimension as Dimension, LabelRevision, Person } from '../../shared/model/labels.ts';

const SKELETON = fileURLToPath(new URL('../fixtures/skeleton-incidents.csv', import.meta.url));
const DIMENSIONS: Dimension[] = ['symptom', 'rootCause', 'mitigation'];
const SEED = 11;
// A's and B's codes of each dimension, by position in the taxonomy set: they agree on some incidents, not on others.
const A_CODES: Record<Dimension, string[]> = {
  symptom: ['invalid-inference', 'deployment-failure', 'degraded-performance', 'invalid-inference', 'deployment-failure'],
  rootCause: ['code-bug', 'configuration-issue', 'infrastructure-issue', 'code-bug', 'operation-error'],
  mitigation: ['rollback', 'code-fix', 'self-recover', 'rollback', 'ad-hoc-fix'],
};
const B_CODES: Record<Dimension, string[]> = {
  symptom: ['invalid-inference', 'degraded-performance', 'degraded-performance', 'deployment-failure', 'deployment-failure'],
  rootCause: ['code-bug', 'configuration-issue', 'code-bug', 'code-bug', 'infrastructure-issue'],
  mitigation: ['rollback', 'rollback', 'self-recover', 'ad-hoc-fix', 'ad-hoc-fix'],
};
/** Written by A into every rationale: B's machine must never show it, nor hold it, nor export it. */
const A_MARK = 'A-only-reason-7f3c';

async function saveDownload(page: Page, click: () => Promise<void>, path: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  writeFileSync(path, readFileSync((await file.path())!));
  return path;
}

async function importPackage(page: Page, path: string): Promise<string> {
  await page.goto(page.url());
  await page.waitForSelector('[data-testid="app"][data-ready="true"]');
  await new WorkbenchPage(page).go('study');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('[data-testid="import-package"]')]);
  await chooser.setFiles(path);
  // The package is read and checked: a question before importing, or a refusal (or "nothing new") in the status line.
  await page.waitForFunction(() => document.querySelector('[data-testid="package-confirmation"]') || (document.querySelector('[data-testid="package-status"]')?.textContent ?? '') !== '');
  const question = await page.$('[data-testid="package-confirmation"]');
  return (question ? await question.textContent() : await page.textContent('[data-testid="package-status"]')) ?? '';
}

/** Everything a screen holds, text and attributes, for the check that nothing of A's is in it. */
const domOf = (page: Page) => page.evaluate(() => document.documentElement.outerHTML);

describe('blind coding on two machines, combined by the lead', () => {
  const env = useE2eEnvironment();

  it('two annotators code the taxonomy set blind on their own profiles; the lead imports both packages and sees their agreement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blind-'));
    const lead = await openApp(env());
    const leadApp = new WorkbenchPage(lead.page);

    // The lead: the incidents, a seeded split, an assignment of the taxonomy set to A and B, and a starter file each.
    await leadApp.chooseImportFile(SKELETON);
    expect(await leadApp.startImportAndWait()).toContain('12 new');
    await leadApp.switchPerson('Lead');
    await leadApp.go('select');
    await lead.page.fill('[data-testid="split-seed"]', String(SEED));
    await lead.page.click('[data-testid="split-sets"]');
    await lead.page.waitForSelector(`[data-testid="split-status"]:has-text("seed ${SEED}")`);
    const ids = (await dumpStore(lead.page, 'incidents')).map((r) => (JSON.parse(r) as { id: string }).id);
    const sets = planSplit(ids, SEED, new Date()).sets;
    const listOrder = (await dumpStore(lead.page, 'summaries')).map((r) => JSON.parse(r) as { id: string; order: string }).sort((a, b) => a.order.localeCompare(b.order));
    const taxonomy = listOrder.map((s) => s.id).filter((id) => sets.get(id) === 'taxonomy');
    expect(taxonomy).toHaveLength(A_CODES.symptom.length);
    await leadApp.go('study');
    for (const name of ['Annotator A', 'Annotator B']) {
      const row = lead.page.locator(`[data-testid="assignment-row"][data-person-name="${name}"]`);
      await row.locator('[data-testid="assign-taxonomy"]').click();
      await lead.page.waitForSelector(`[data-testid="assignment-message"]:has-text("${name} codes the taxonomy set")`);
    }
    expect(await accessibilityViolations(lead.page)).toEqual([]);
    await screenshot(lead.page, 'blind-lead-assignments');
    const starter = async (name: string) =>
      saveDownload(lead.page, () => lead.page.locator(`[data-testid="assignment-row"][data-person-name="${name}"] [data-testid="starter-file"]`).click(), join(dir, `starter-${name}.zip`));
    const starterA = await starter('Annotator A');

    // Each annotator on a profile of their own: the starter file opens as them, with their assignment and no labels.
    const codeOnOwnMachine = async (name: string, file: string, codes: Record<Dimension, string[]>, rationale: (i: number) => string) => {
      const machine = await openApp(env());
      const app = new WorkbenchPage(machine.page);
      expect(await app.importStudy(file)).toContain(`opened it as ${name}`);
      await app.go('code');
      await machine.page.waitForSelector(`[data-testid="coding-as"]:has-text("${name}")`);
      await machine.page.waitForSelector(`[data-testid="incident-list"][data-count="${taxonomy.length}"]`);
      expect(await machine.page.textContent('[data-testid="coding-scope"]')).toContain('the taxonomy set');
      for (const [i, id] of taxonomy.entries()) {
        await app.code(id, Object.fromEntries(DIMENSIONS.map((d) => [d, codes[d][i]!])) as Record<Dimension, string>);
        await machine.page.fill('[data-testid="rationale-symptom"]', rationale(i));
        await machine.page.keyboard.press('Control+s');
        await machine.page.waitForSelector('[data-testid="save-state"][data-state="saved"]');
      }
      const pkg = await saveDownload(machine.page, () => machine.page.click('[data-testid="export-package"]'), join(dir, `${name}.json`));
      return { machine, app, pkg };
    };
    const a = await codeOnOwnMachine('Annotator A', starterA, A_CODES, (i) => `${A_MARK} ${i}`);
    // A changes one code after sending the package, and sends a newer one.
    await a.app.selectIncident(taxonomy[0]!);
    await a.app.pick('symptom', 'degraded-performance');
    await a.machine.page.waitForSelector('[data-testid="save-state"][data-state="saved"]');
    const newerA = await saveDownload(a.machine.page, () => a.machine.page.click('[data-testid="export-package"]'), join(dir, 'a-newer.json'));
    const aFinal: Record<Dimension, string[]> = { ...A_CODES, symptom: ['degraded-performance', ...A_CODES.symptom.slice(1)] };

    // The lead imports A's package first, and only then makes B's starter file: the lead holds A's codes by now,
    // and B's machine must still get none of them.
    const leadDb = (await leadApp.openStudy()).dbName;
    const first = await importPackage(lead.page, a.pkg);
    expect(first).toContain(`${taxonomy.length * 3} current codes change`);
    expect(first).toContain('Annotator A');
    await lead.page.click('[data-testid="package-confirmation-danger"]');
    await lead.page.waitForSelector('[data-testid="package-status"]:has-text("imported")');
    const starterB = await starter('Annotator B');
    const b = await codeOnOwnMachine('Annotator B', starterB, B_CODES, (i) => `B reason ${i}`);
    // Nothing of A's on B's machine: not in the database, not in any screen, not in B's package.
    const bRevisions = (await dumpStore(b.machine.page, 'labelRevisions', (await b.app.openStudy()).dbName)).map((r) => JSON.parse(r) as LabelRevision);
    const people = (await dumpStore(b.machine.page, 'people', (await b.app.openStudy()).dbName)).map((r) => JSON.parse(r) as Person);
    const idOf = (name: string) => people.find((p) => p.name === name)!.id;
    expect(bRevisions.length).toBeGreaterThan(0);
    expect(bRevisions.every((r) => r.annotatorId === idOf('Annotator B'))).toBe(true);
    for (const screen of ['code', 'agreement', 'resolve', 'analysis', 'codebook', 'select', 'study'] as const) {
      await b.app.go(screen);
      await b.machine.page.waitForSelector(`[data-testid="screen-${screen}"] h1, [data-testid="lead-gate"]`);
      const dom = await domOf(b.machine.page);
      expect(dom, screen).not.toContain(A_MARK);
    }
    // The lead's screens are closed to B: no agreement table, no chart option, no label export.
    await b.app.go('agreement');
    await b.machine.page.waitForSelector('[data-testid="lead-gate"]');
    expect(await b.machine.page.locator('[data-testid="agreement-table"], [data-option], [data-testid="export-tidy"]').count()).toBe(0);
    await b.app.go('code');
    for (const [i, id] of taxonomy.entries()) {
      await b.app.selectIncident(id);
      for (const d of DIMENSIONS) expect(await b.app.codeValue(d), `${id} ${d}`).toBe(B_CODES[d][i]);
    }
    const bPackage = readFileSync(b.pkg, 'utf8');
    expect(bPackage).not.toContain(A_MARK);
    expect((JSON.parse(bPackage) as LabelPackage).revisions.every((r) => r.annotatorId === idOf('Annotator B'))).toBe(true);
    expect(await accessibilityViolations(b.machine.page)).toEqual([]);
    await screenshot(b.machine.page, 'blind-annotator-b');

    // The same package again changes nothing; A's newer one shows its change first; then B's.
    const held = (await dumpStore(lead.page, 'labelRevisions', leadDb)).length;
    expect(await importPackage(lead.page, a.pkg)).toContain('nothing new');
    expect((await dumpStore(lead.page, 'labelRevisions', leadDb)).length).toBe(held);
    const newer = await importPackage(lead.page, newerA);
    expect(newer).toContain('1 current code change');
    expect(newer).toContain(`${taxonomy[0]}, symptom, round 1: ${A_CODES.symptom[0]} → degraded-performance`);
    await screenshot(lead.page, 'blind-newer-package');
    await lead.page.click('[data-testid="package-confirmation-danger"]');
    await lead.page.waitForSelector('[data-testid="package-status"]:has-text("imported")');
    expect(await importPackage(lead.page, b.pkg)).toContain('Annotator B');
    await lead.page.click('[data-testid="package-confirmation-danger"]');
    await lead.page.waitForSelector('[data-testid="package-status"]:has-text("imported")');

    // A package edited by hand, and one of another study (its digest made right), are refused with their reasons.
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, readFileSync(b.pkg, 'utf8').replace(`"code": "${B_CODES.rootCause[0]}"`, '"code": "operation-error"'));
    expect(await importPackage(lead.page, tampered)).toContain('tampered.json: its content does not match its SHA-256');
    const foreignPkg = JSON.parse(readFileSync(b.pkg, 'utf8')) as LabelPackage;
    foreignPkg.studyId = 'study-somebody-else';
    foreignPkg.studyName = 'Another study';
    const { contentSha256: _old, ...body } = foreignPkg;
    void _old;
    const foreign = join(dir, 'foreign.json');
    writeFileSync(foreign, JSON.stringify({ ...body, contentSha256: createHash('sha256').update(packageContent(body)).digest('hex') }));
    expect(await importPackage(lead.page, foreign)).toContain('foreign.json: it holds labels of another study ("Another study")');
    expect(await accessibilityViolations(lead.page)).toEqual([]);
    await screenshot(lead.page, 'blind-refused-package');

    // The lead sees A's and B's agreement: the kappa the test computes from the two plans.
    await leadApp.go('agreement');
    await lead.page.selectOption('[data-testid="coder-a"]', { label: 'Annotator A' });
    await lead.page.selectOption('[data-testid="coder-b"]', { label: 'Annotator B' });
    for (const d of DIMENSIONS) {
      expect(await leadApp.agreementValue('n', d)).toBe(taxonomy.length);
      expect(await leadApp.agreementValue('kappa', d), d).toBeCloseTo(kappaByHand(aFinal[d], B_CODES[d]), 12);
    }
    await screenshot(lead.page, 'blind-lead-agreement');

    for (const m of [lead, a.machine, b.machine]) expect(m.consoleErrors).toEqual([]);
    for (const m of [lead, a.machine, b.machine]) await m.context.close();
  });
});
