import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import type { BuiltInDimension as Dimension } from '../../shared/model/labels.ts';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { kappaByHand } from './support/byHand.ts';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';

const FIXTURE = fileURLToPath(new URL('../fixtures/skeleton-incidents.csv', import.meta.url));

type Codes = Record<Dimension, string>;
const c = (symptom: string, rootCause: string, mitigation: string): Codes => ({ symptom, rootCause, mitigation });

// The coding plan: what A and B each code on the first ten incidents of the fixture.
const PLAN: Array<{ id: string; a: Codes; b: Codes }> = [
  { id: 'INC-101', a: c('degraded-performance/service-level-degradation', 'infrastructure-issue/infrastructure-maintenance', 'infrastructure-fix/traffic-failover'), b: c('degraded-performance/service-level-degradation', 'infrastructure-issue/infrastructure-maintenance', 'infrastructure-fix/traffic-failover') },
  { id: 'INC-102', a: c('deployment-failure/fine-tune-api-failure', 'code-bug/data-constraint-violation', 'code-fix'), b: c('deployment-failure/fine-tune-api-failure', 'code-bug/data-constraint-violation', 'code-fix') },
  { id: 'INC-103', a: c('invalid-inference/response-quality-degradation', 'infrastructure-issue/infrastructure-maintenance', 'infrastructure-fix/restart-rebuild'), b: c('invalid-inference/response-quality-degradation', 'infrastructure-issue/infrastructure-maintenance', 'ad-hoc-fix') },
  { id: 'INC-104', a: c('invalid-inference/content-filter-malfunction', 'configuration-issue/configuration-update', 'rollback/configuration-rollback'), b: c('invalid-inference/content-filter-malfunction', 'configuration-issue/misconfiguration', 'rollback/configuration-rollback') },
  { id: 'INC-105', a: c('deployment-failure/model-deployment-failure', 'infrastructure-issue/storage', 'infrastructure-fix/scaling'), b: c('deployment-failure/resource-deployment-failure', 'infrastructure-issue/storage', 'infrastructure-fix/scaling') },
  { id: 'INC-106', a: c('degraded-performance/api-level-degradation', 'external-usage-issue', 'ad-hoc-fix'), b: c('degraded-performance/api-level-degradation', 'external-usage-issue', 'ad-hoc-fix') },
  { id: 'INC-107', a: c('degraded-performance/service-level-degradation', 'configuration-issue/misconfiguration', 'rollback/configuration-rollback'), b: c('degraded-performance/service-level-degradation', 'configuration-issue/misconfiguration', 'rollback/configuration-rollback') },
  { id: 'INC-108', a: c('deployment-failure/fine-tune-api-failure', 'code-bug/cross-system-bug', 'code-fix'), b: c('degraded-performance/api-level-degradation', 'code-bug/cross-system-bug', 'code-fix') },
  { id: 'INC-109', a: c('degraded-performance/service-level-degradation', 'infrastructure-issue/network', 'self-recover'), b: c('degraded-performance/service-level-degradation', 'infrastructure-issue', 'self-recover') },
  { id: 'INC-110', a: c('deployment-failure/model-deployment-failure', 'operation-error', 'ad-hoc-fix'), b: c('deployment-failure/model-deployment-failure', 'operation-error', 'external-fix') },
];

// The lead's decisions on each disagreement.
const RESOLUTIONS: Array<{ id: string; dimension: Dimension; choice: 'a' | 'b' | { other: string } }> = [
  { id: 'INC-105', dimension: 'symptom', choice: 'b' },
  { id: 'INC-108', dimension: 'symptom', choice: 'a' },
  { id: 'INC-104', dimension: 'rootCause', choice: 'a' },
  { id: 'INC-109', dimension: 'rootCause', choice: { other: 'infrastructure-issue/storage' } },
  { id: 'INC-103', dimension: 'mitigation', choice: 'a' },
  { id: 'INC-110', dimension: 'mitigation', choice: 'b' },
];

/** Scott's pi from first principles: chance agreement from the pooled marginals. */
function piByHand(a: string[], b: string[]): number {
  const n = a.length;
  const agree = a.filter((x, i) => x === b[i]).length / n;
  const pooled = new Map<string, number>();
  for (const x of [...a, ...b]) pooled.set(x, (pooled.get(x) ?? 0) + 1);
  let expected = 0;
  for (const k of pooled.values()) expected += (k / (2 * n)) ** 2;
  return (agree - expected) / (1 - expected);
}


const top = (code: string) => code.split('/')[0]!;

/** A report table's rows as the screen holds them (each cell's data-value), by the row's key. */
async function rowsByKey(page: Page, tableId: string): Promise<Map<string, string[]>> {
  return new Map(
    await page.$$eval(`[data-table-id="${tableId}"] tbody tr`, (trs) => trs.map((tr) => [tr.getAttribute('data-row-key') ?? '', [...tr.querySelectorAll('th, td')].map((c) => c.getAttribute('data-value') ?? '')] as [string, string[]])),
  );
}

function finalCode(id: string, dimension: Dimension): string {
  const row = PLAN.find((p) => p.id === id)!;
  if (row.a[dimension] === row.b[dimension]) return row.a[dimension];
  const r = RESOLUTIONS.find((x) => x.id === id && x.dimension === dimension)!;
  return r.choice === 'a' ? row.a[dimension] : r.choice === 'b' ? row.b[dimension] : r.choice.other;
}

describe('one whole study, end to end, in Chromium', () => {
  const env = useE2eEnvironment();

  it('imports, codes blind, measures kappa, resolves and draws the heatmap; all of it survives reloads', async () => {
    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    const a11y: Record<string, string[]> = {};

    // Import the fixture through the mapping screen.
    await screenshot(page, '01-import-empty');
    await app.chooseImportFile(FIXTURE);
    expect(await app.mappedColumn('title')).toBe('Title');
    expect(await app.mappedColumn('rootCauseText')).toBe('Root Cause');
    a11y.mapping = await accessibilityViolations(page);
    await screenshot(page, '02-import-mapping');
    expect(await app.startImportAndWait()).toContain('12 new, 0 updated, 0 rejected');
    a11y.import = await accessibilityViolations(page);
    await screenshot(page, '03-import-done');

    // Annotator A codes ten incidents.
    await app.go('code');
    await app.codeAs('Annotator A');
    for (const row of PLAN) await app.code(row.id, row.a);
    await app.selectIncident('INC-110');
    // The hidden tag characters in INC-110's description are shown, not swallowed.
    expect(await page.locator('section[aria-label="Description"] [data-testid="hidden-char"]').count()).toBe(2);
    // The raw record shows them too (the reader renders no text of an incident without its markers).
    expect(await page.locator('[data-testid="reader-raw"] [data-testid="hidden-char"]').count()).toBe(2);
    expect(await page.textContent('[data-testid="incident-reader"]')).toContain("U+E0041 TAG 'A'");
    a11y.code = await accessibilityViolations(page);
    await screenshot(page, '04-code-annotator-a');

    // Annotator B sees none of A's codes, and codes the same incidents, differently on some.
    await app.codeAs('Annotator B');
    await app.selectIncident('INC-101');
    for (const d of ['symptom', 'rootCause', 'mitigation'] as const) expect(await app.codeValue(d)).toBe('');
    for (const row of PLAN) await app.code(row.id, row.b);
    await screenshot(page, '05-code-annotator-b');

    // Agreement is the lead's: the kappa shown is the kappa of the plan.
    await app.switchPerson('Lead');
    await app.go('agreement');
    const expectedKappa = {} as Record<Dimension, number>;
    for (const d of ['symptom', 'rootCause', 'mitigation'] as const) {
      expectedKappa[d] = kappaByHand(
        PLAN.map((p) => p.a[d]),
        PLAN.map((p) => p.b[d]),
      );
      expect(await app.agreementValue('n', d)).toBe(PLAN.length);
      expect(await app.agreementValue('kappa', d)).toBeCloseTo(expectedKappa[d], 12);
      const pi = Number(await page.getAttribute(`[data-testid="pi-${d}"]`, 'data-value'));
      expect(pi).toBeCloseTo(piByHand(PLAN.map((p) => p.a[d]), PLAN.map((p) => p.b[d])), 12);
    }
    // One-vs-rest kappa of one category, by hand: is it "ad-hoc-fix" or not, for each coder.
    await page.selectOption('[data-testid="agreement-focus"]', 'mitigation');
    const adHoc = Number(await page.getAttribute('[data-testid="category-kappa"][data-category="ad-hoc-fix"]', 'data-value'));
    expect(adHoc).toBeCloseTo(kappaByHand(PLAN.map((p) => String(p.a.mitigation === 'ad-hoc-fix')), PLAN.map((p) => String(p.b.mitigation === 'ad-hoc-fix'))), 12);
    expect(await page.textContent('[data-testid="agreement-warnings"]')).toContain('only 10 items coded by both');
    // The tidy export holds every label given, one row each.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-tidy"]')]);
    const tidy = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(tidy[0]).toBe('item,coder,dimension,code,round,codebook,codebook_version');
    expect(tidy).toHaveLength(1 + PLAN.length * 2 * 3);
    expect(tidy).toContain(`INC-105,Annotator B,symptom,${PLAN[4]!.b.symptom},1,genai-cloud-incidents,1`);
    a11y.agreement = await accessibilityViolations(page);
    await screenshot(page, '06-agreement');

    // Everything coded survives a reload.
    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-ready="true"]');
    await app.go('agreement');
    for (const d of ['symptom', 'rootCause', 'mitigation'] as const) {
      expect(await app.agreementValue('kappa', d)).toBeCloseTo(expectedKappa[d], 12);
    }
    await app.go('code');
    await app.codeAs('Annotator A');
    await app.selectIncident('INC-105');
    expect(await app.codeValue('symptom')).toBe(PLAN[4]!.a.symptom);

    // Resolve every disagreement (the lead again).
    await app.switchPerson('Lead');
    await app.go('resolve');
    expect(await app.queueStatus()).toContain(`${RESOLUTIONS.length} of ${RESOLUTIONS.length} disagreements open`);
    await page.fill('[data-testid="lead-name"]', 'Study Lead');
    // Both coders' codes stand side by side before the lead decides.
    await page.click('[data-testid="queue-item"][data-incident-id="INC-108"][data-dimension="symptom"]');
    const sideBySide = await page.textContent('[data-testid="coder-rationales"]');
    expect(sideBySide).toContain('Annotator A');
    expect(sideBySide).toContain('Fine-tune API failure');
    expect(sideBySide).toContain('API-level degradation');
    // Meeting mode: "save and next" decides and moves straight to the next open disagreement.
    await page.click('[data-testid="queue-item"][data-incident-id="INC-105"][data-dimension="symptom"]');
    await page.check('[data-testid="choose-b"]');
    await page.fill('[data-testid="resolution-rationale"]', 'Decided for INC-105 in the meeting');
    await page.click('[data-testid="save-resolution-next"]');
    await page.waitForSelector('[data-testid="queue-item"][data-incident-id="INC-105"][data-dimension="symptom"][data-resolved="true"]');
    const current = await page.waitForSelector('[data-testid="queue-item"][aria-current="true"][data-resolved="false"]');
    expect(await current.getAttribute('data-incident-id')).not.toBe('INC-105');
    const proposal = 'Say when a failed fine-tune call counts as a deployment failure';
    for (const r of RESOLUTIONS) await app.resolve(r.id, r.dimension, r.choice, `Decided for ${r.id} in the meeting`, r.id === 'INC-109' ? proposal : undefined);
    expect(await app.queueStatus()).toContain(`0 of ${RESOLUTIONS.length} disagreements open`);
    a11y.resolve = await accessibilityViolations(page);
    await screenshot(page, '07-resolve');

    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-ready="true"]');
    await app.go('resolve');
    expect(await app.queueStatus()).toContain(`0 of ${RESOLUTIONS.length} disagreements open`);
    await page.click('[data-testid="queue-item"][data-incident-id="INC-109"][data-dimension="rootCause"]');
    const audit = await page.textContent('[data-testid="resolution-audit"]');
    expect(audit).toContain('Decided by Study Lead');
    expect(audit).toContain(proposal);

    // The heatmap holds each symptom's share of root causes, from the final codes.
    await app.go('analysis');
    const counts = new Map<string, number>();
    const rowTotals = new Map<string, number>();
    for (const p of PLAN) {
      const s = top(finalCode(p.id, 'symptom'));
      const r = top(finalCode(p.id, 'rootCause'));
      counts.set(`${s}|${r}`, (counts.get(`${s}|${r}`) ?? 0) + 1);
      rowTotals.set(s, (rowTotals.get(s) ?? 0) + 1);
    }
    const shares = await app.heatmapShares();
    expect(shares.size).toBe(3 * 5);
    for (const [key, share] of shares) {
      const s = key.split('|')[0]!;
      const total = rowTotals.get(s) ?? 0;
      if (total === 0) expect(share, key).toBeNull();
      else expect(share, key).toBeCloseTo((counts.get(key) ?? 0) / total, 12);
    }
    const option = await app.chartOption<{ yAxis: { data: string[] }; series: Array<{ data: Array<[number, number, number]> }> }>('heatmap-symptom-rootCause-chart');
    // Each row names its symptom and how many incidents it has.
    const symptomNames = ['Invalid inference', 'Deployment failure', 'Degraded performance'];
    expect(option.yAxis.data).toEqual(symptomNames.map((name, i) => `${name} (n=${rowTotals.get(['invalid-inference', 'deployment-failure', 'degraded-performance'][i]!) ?? 0})`));
    const nonEmptyCells = option.series[0]!.data.filter(([, , v]) => v > 0).length;
    expect(nonEmptyCells).toBe(counts.size);
    // The distribution of final mitigations: each category's share of the ten, as the test counts them.
    const mitigationCounts = new Map<string, number>();
    for (const p of PLAN) mitigationCounts.set(top(finalCode(p.id, 'mitigation')), (mitigationCounts.get(top(finalCode(p.id, 'mitigation'))) ?? 0) + 1);
    const distribution = await rowsByKey(page, 'distribution-mitigation');
    for (const [category, count] of mitigationCounts) {
      expect(Number(distribution.get(`${category}|*`)![2]), category).toBe(count);
      expect(Number(distribution.get(`${category}|*`)![4]), category).toBeCloseTo(count / PLAN.length, 12);
    }
    // The sunburst draws the same shares: each mitigation category's percent of the ten.
    const sunburst = await app.chartOption<{ series: Array<{ data: Array<{ name: string; value: number }> }> }>('distribution-mitigation-chart');
    expect(sunburst.series[0]!.data.map((d) => d.value).sort((x, y) => x - y)).toEqual([...mitigationCounts.values()].map((n) => (n / PLAN.length) * 100).sort((x, y) => x - y));
    // The overlay: of each symptom × root-cause cell, the share of incidents where A and B gave both codes alike.
    const overlay = await app.heatmapShares('agreement-symptom-rootCause');
    expect(overlay.size).toBe(shares.size);
    for (const [key, value] of overlay) {
      const [s, r] = key.split('|');
      const cell = PLAN.filter((p) => top(finalCode(p.id, 'symptom')) === s && top(finalCode(p.id, 'rootCause')) === r);
      if (cell.length === 0) expect(value, key).toBeNull();
      else expect(value, key).toBeCloseTo(cell.filter((p) => p.a.symptom === p.b.symptom && p.a.rootCause === p.b.rootCause).length / cell.length, 12);
    }
    // Fig. 9: mean time to mitigate per final mitigation category, from the fixture's own times (mitigated, else resolved).
    const fixture = Papa.parse<Record<string, string>>(readFileSync(FIXTURE, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const minutesOf = (id: string) => {
      const row = fixture.find((r) => r['Incident ID'] === id)!;
      const end = row.Mitigated || row.Resolved;
      return end ? (Date.parse(`${end.replace(' ', 'T')}Z`) - Date.parse(`${row.Created!.replace(' ', 'T')}Z`)) / 60_000 : null;
    };
    const ttm = await rowsByKey(page, 'ttm-mitigation');
    const meanOf = new Map<string, number>();
    for (const category of mitigationCounts.keys()) {
      const times = PLAN.filter((p) => top(finalCode(p.id, 'mitigation')) === category).map((p) => minutesOf(p.id)).filter((m): m is number => m !== null);
      if (times.length === 0) continue;
      meanOf.set(category, times.reduce((x, y) => x + y, 0) / times.length);
      expect(Number(ttm.get(category)![7]), category).toBeCloseTo(meanOf.get(category)!, 9);
    }
    expect(meanOf.size).toBeGreaterThanOrEqual(3);
    // Fig. 9 drawn: a bar per category, longest mean first, each the mean the test worked out (to a tenth of a minute).
    const fig9 = await app.chartOption<{ series: Array<{ name: string; data: Array<number | null> }> }>('ttm-mitigation-chart');
    expect(fig9.series[0]!.name).toBe('mean');
    const byMean = [...meanOf.values()].sort((x, y) => y - x).map((m) => Math.round(m * 10) / 10);
    expect(fig9.series[0]!.data.filter((v): v is number => v !== null)).toEqual(byMean);
    a11y.analysis = await accessibilityViolations(page);
    await screenshot(page, '08-analysis');

    for (const [screen, violations] of Object.entries(a11y)) expect(violations, `axe on ${screen}`).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
