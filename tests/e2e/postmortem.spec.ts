import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { tabTo } from './support/keyboard.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { openDocument } from './support/openDocument.ts';
import { holdsHidden, HOSTILE, HOSTILE_BY_NAME as H } from '../support/hostileStrings.ts';
import { flattenCodes, loadDefaultCodebook } from '../../shared/codebook/codebook.ts';
import { makeIncident } from '../../shared/model/testFactories.ts';
import type { Incident } from '../../shared/model/incident.ts';
import type { LabelRevision } from '../../shared/model/labels.ts';
import { defaultStudySettings } from '../../shared/study/studySettings.ts';
import { writeStudyFile, type StudyTables } from '../../shared/study/studyFile.ts';

type Dim = 'symptom' | 'rootCause' | 'mitigation';
interface Planned {
  id: string;
  day: number;
  minutes: number | null;
  codes: Record<Dim, string>;
}

const codebook = loadDefaultCodebook();
/** The nth sub-code of the nth top-level code of a dimension of the default codebook. */
const sub = (dimension: Dim, top: number, n = 0) => {
  const codes = flattenCodes(codebook, dimension);
  const parent = codes.filter((c) => c.depth === 0)[top]!;
  return codes.filter((c) => c.parentPath === parent.path)[n]!.path;
};
const topOf = (path: string) => path.split('/')[0]!;
const [R1, R1b, R2] = [sub('rootCause', 0), sub('rootCause', 0, 1), sub('rootCause', 1)];
const [S1, S2] = [sub('symptom', 0), sub('symptom', 1)];
const [M1, M2] = [sub('mitigation', 1), sub('mitigation', 2)];

/** Nine past incidents and the one whose postmortem is written (PM-9, the latest), with the codes both coders gave. */
const PLAN: Planned[] = [
  { id: 'PM-0', day: 1, minutes: 30, codes: { rootCause: R1, symptom: S2, mitigation: M1 } },
  { id: 'PM-1', day: 2, minutes: 90, codes: { rootCause: R1, symptom: S1, mitigation: M1 } },
  { id: 'PM-2', day: 3, minutes: 45, codes: { rootCause: R1b, symptom: S1, mitigation: M2 } },
  { id: 'PM-3', day: 4, minutes: 120, codes: { rootCause: R2, symptom: S1, mitigation: M2 } },
  { id: 'PM-4', day: 5, minutes: 15, codes: { rootCause: R2, symptom: S2, mitigation: M1 } },
  { id: 'PM-5', day: 6, minutes: 240, codes: { rootCause: R1b, symptom: S2, mitigation: M2 } },
  { id: 'PM-6', day: 7, minutes: null, codes: { rootCause: R1, symptom: S2, mitigation: M2 } },
  { id: 'PM-7', day: 8, minutes: 10, codes: { rootCause: R2, symptom: S2, mitigation: M2 } },
  { id: 'PM-8', day: 9, minutes: 20, codes: { rootCause: R2, symptom: S2, mitigation: M1 } },
  { id: 'PM-9', day: 20, minutes: 60, codes: { rootCause: R1, symptom: S1, mitigation: M1 } },
];
const TARGET = PLAN.at(-1)!;
const at = (day: number, minutes = 0) => new Date(Date.UTC(2024, 4, day, 8, minutes)).toISOString();

function incidentOf(p: Planned): Incident {
  const target = p === TARGET;
  return makeIncident(p.id, {
    // The past incidents' titles share no word with the target's, so the ranking below is by codes and dates alone.
    title: target ? `Checkout ${H.script} ${H.imgOnerror} ${H.hidden}` : `Outage number ${p.day}`,
    description: target ? HOSTILE.join('\n') : '',
    createdAt: at(p.day),
    detectedAt: at(p.day, 5),
    mitigatedAt: p.minutes === null ? null : at(p.day, p.minutes),
    timeToMitigateMinutes: p.minutes,
    detectionType: 'monitor',
    monitorName: target ? H.svgOnload : 'latency-probe',
    rootCauseText: target ? H.scriptLink : 'A bad config.',
    mitigationText: target ? H.remoteImage : `Rolled back (${p.id}).`,
    discussion: target
      ? [
          { at: at(p.day, 20), author: 'Ana', text: `Paged the owners ${H.remoteLink}` },
          { at: at(p.day, 10), author: H.rawAnchor, text: 'Looking at the dashboards' },
        ]
      : [],
  });
}

async function studyFile(dir: string): Promise<string> {
  const settings = defaultStudySettings('Postmortem study', { id: codebook.id, version: codebook.version }, new Date(Date.UTC(2024, 0, 1)), 'study-pm');
  const people = [
    { id: 'p-lead', name: 'Lead', role: 'lead' as const, createdAt: '2024-01-01T00:00:00.000Z' },
    { id: 'p-ana', name: 'Ana', role: 'annotator' as const, createdAt: '2024-01-01T00:00:00.000Z' },
    { id: 'p-ben', name: 'Ben', role: 'annotator' as const, createdAt: '2024-01-01T00:00:00.000Z' },
  ];
  const labelRevisions: LabelRevision[] = PLAN.flatMap((p) =>
    (['p-ana', 'p-ben'] as const).flatMap((annotatorId) =>
      (Object.keys(p.codes) as Dim[]).map((dimension) => ({
        id: `${annotatorId}-${p.id}-${dimension}`,
        incidentId: p.id,
        annotatorId,
        dimension,
        round: 1,
        code: p.codes[dimension],
        rationale: '',
        codebookId: codebook.id,
        codebookVersion: codebook.version,
        savedAt: '2024-06-01T00:00:00.000Z',
        previousId: null,
      })),
    ),
  );
  const tables: StudyTables = {
    settings: [settings],
    people,
    codebookVersions: [codebook],
    incidents: PLAN.map(incidentOf),
    labelRevisions,
    decisions: [],
    imports: [],
    mappingPresets: [],
    cohorts: [],
    proposals: [],
    splits: [],
    coderMarks: [],
    assignments: [],
    // Postmortems come after the study's coding: its round is unblinded, so the lead's views (and this machine) are open.
    studyEvents: [{ id: 'e1', at: '2024-06-02T00:00:00.000Z', kind: 'unblind', round: 1, by: 'p-lead' }],
    postmortemRevisions: [],
    postmortemTemplates: [],
  };
  const bytes = await writeStudyFile(tables, async (b) => createHash('sha256').update(b).digest('hex'));
  const path = join(dir, 'postmortem-study.zip');
  writeFileSync(path, bytes);
  return path;
}

/** numpy's default quantile (linear between order statistics), written out by the test. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  return sorted[below]! + (sorted[Math.min(sorted.length - 1, below + 1)]! - sorted[below]!) * (position - below);
}

/**
 * The similar incidents the test expects for the target: past incidents sharing its full root cause or symptom,
 * ranked by shared codes (root cause 4, symptom 3, mitigation 1), then the most recent.
 */
function expectedSimilar(): string[] {
  const weights: Record<Dim, number> = { rootCause: 4, symptom: 3, mitigation: 1 };
  return PLAN.filter((p) => p !== TARGET && (p.codes.rootCause === TARGET.codes.rootCause || p.codes.symptom === TARGET.codes.symptom))
    .map((p) => ({ p, score: (Object.keys(weights) as Dim[]).reduce((s, d) => s + (p.codes[d] === TARGET.codes[d] ? weights[d] : 0), 0) }))
    .sort((x, y) => y.score - x.score || y.p.day - x.p.day)
    .map((x) => x.p.id);
}

const ACTIVE = 'script, img, a, iframe, object, embed, svg foreignObject, image, use';

async function download(page: Page, selector: string): Promise<{ name: string; content: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), content: readFileSync((await file.path())!, 'utf8') };
}

async function openPostmortem(page: Page, id: string): Promise<void> {
  await page.fill('[data-testid="pm-go-id"]', id);
  await page.click('[data-testid="pm-go"]');
  await page.waitForSelector(`[data-testid="postmortem-editor"][data-incident-id="${id}"] [data-testid="section-summary"], [data-testid="postmortem-editor"][data-incident-id="${id}"] textarea`);
}

async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.fill(selector, text);
  const state = await page.waitForSelector('[data-testid="draft-state"]:is([data-state="saved"], [data-state="error"])');
  expect(await state.textContent()).toBe('Saved');
}

describe('postmortems: a draft from the incident, its codes and what similar incidents taught', () => {
  const env = useE2eEnvironment();

  it('drafts, survives a reload, restores a version, edits the template, lists action items and exports inert files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postmortem-'));
    const { context, page, consoleErrors } = await openApp(env());
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const app = new WorkbenchPage(page);
    expect(await app.importStudy(await studyFile(dir))).toContain('Imported "Postmortem study"');
    await app.switchToStudy('Postmortem study');
    await app.switchPerson('Lead');

    // By keyboard: the screen, then an incident by its id.
    await tabTo(page, '[data-testid="nav-postmortem"]');
    await page.keyboard.press('Enter');
    await tabTo(page, '[data-testid="pm-go-id"]');
    await page.keyboard.type(TARGET.id);
    await page.keyboard.press('Enter');
    const editor = `[data-testid="postmortem-editor"][data-incident-id="${TARGET.id}"]`;
    await page.waitForSelector(`${editor} [data-testid="section-timeline"]`);
    // Prefilled, not stored: it says so until the first change.
    expect(await page.getAttribute('[data-testid="draft-state"]', 'data-state')).toBe('new');

    // The timeline, prefilled in time order (the discussion entry at :10 before the one at :20), with its sources.
    const timeline = (await page.inputValue('[data-testid="section-timeline"]')).split('\n');
    expect(timeline).toHaveLength(5);
    expect(timeline[0]).toBe(`- ${at(TARGET.day).slice(0, 16).replace('T', ' ')} UTC: Incident opened`);
    expect(timeline[1]).toMatch(/^- 2024-05-20 08:05 UTC: Detected by a monitor/);
    expect(timeline[2]).toMatch(/^- 2024-05-20 08:10 UTC: /);
    expect(timeline[3]).toMatch(/^- 2024-05-20 08:20 UTC: Ana: Paged the owners/);
    expect(timeline[4]).toBe('- 2024-05-20 09:00 UTC: Mitigated');
    expect(await page.textContent('[data-testid="sources-timeline"]')).toContain('incident: created; incident: detected; incident: discussion; incident: mitigated');
    // The root cause from the final code both coders agreed on.
    expect(await page.textContent('[data-testid="sources-rootCause"]')).toContain('final code (both coders agreed)');

    // What similar incidents taught: the ranking and the category's distribution, as the test works them out.
    await page.waitForSelector(`${editor} [data-testid="similar-incidents"]`);
    expect(await page.$$eval('[data-testid="similar-incidents"] li', (lis) => lis.map((li) => li.getAttribute('data-incident-id')))).toEqual(expectedSimilar());
    const peers = PLAN.filter((p) => p !== TARGET && topOf(p.codes.rootCause) === topOf(TARGET.codes.rootCause));
    const times = peers.flatMap((p) => (p.minutes === null ? [] : [p.minutes]));
    const standing = await page.$eval('[data-testid="category-standing"]', (el) => ({ ...(el as HTMLElement).dataset }));
    expect(standing.category).toBe(topOf(TARGET.codes.rootCause));
    expect(Number(standing.n)).toBe(times.length);
    expect(Number(standing.median)).toBeCloseTo(quantile(times, 0.5), 9);
    expect(Number(standing.q1)).toBeCloseTo(quantile(times, 0.25), 9);
    expect(Number(standing.q3)).toBeCloseTo(quantile(times, 0.75), 9);
    expect(Number(standing.percentile)).toBe(times.filter((t) => t <= TARGET.minutes!).length / times.length);
    const mitigations = await page.$$eval('[data-testid="category-mitigations"] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-code'), Number(tr.querySelector('td')!.getAttribute('data-value'))]));
    const counted = new Map<string, number>();
    for (const p of peers) counted.set(topOf(p.codes.mitigation), (counted.get(topOf(p.codes.mitigation)) ?? 0) + 1);
    expect(new Map(mitigations as Array<[string, number]>)).toEqual(counted);
    // The chart draws this incident against the others.
    const chart = JSON.parse((await page.getAttribute('[data-chart-id="postmortem-category-ttm"] [data-option]', 'data-option'))!) as { series: Array<{ data: Array<[number, number]> }> };
    expect(chart.series[0]!.data.at(-1)).toEqual([Math.max(...times), 1]);
    expect(chart.series[1]!.data).toEqual([[TARGET.minutes, 0], [TARGET.minutes, 1]]);

    // Hostile text is inert in the reader and the preview: no element that runs, fetches or links; hidden characters shown.
    await page.click(`${editor} details summary`);
    await page.waitForSelector(`${editor} [data-testid="incident-reader"]`);
    expect(await page.$$eval(`${editor} :is(${ACTIVE})`, (els) => els.map((e) => e.outerHTML))).toEqual([]);
    await page.fill('[data-testid="section-wentPoorly"]', HOSTILE.join('\n\n'));
    await page.waitForSelector('[data-testid="preview-wentPoorly"] .md-address');
    expect(await page.$$eval(`${editor} :is(${ACTIVE})`, (els) => els.map((e) => e.outerHTML))).toEqual([]);
    expect(await page.textContent('[data-testid="preview-wentPoorly"]')).toContain('<script>alert(1)</script>');
    expect(await page.textContent('[data-testid="preview-wentPoorly"]')).toContain('click (javascript:alert(3))');
    // Shown text (not the Markdown being edited) holds no hidden character; the editor says the text has some.
    const shown = await page.$eval(editor, (el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const field of copy.querySelectorAll('textarea, input')) field.remove();
      return copy.textContent ?? '';
    });
    expect(holdsHidden(shown)).toBe(false);
    expect(await page.textContent('[data-testid="hidden-in-wentPoorly"]')).toMatch(/holds \d+ hidden characters?/);
    await page.waitForSelector('[data-testid="draft-state"][data-state="saved"]');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '14-postmortem-draft');

    // Drafting: an own summary, saved as a version; a reload keeps it.
    await typeInto(page, '[data-testid="section-summary"]', 'Checkout failed for **an hour**.');
    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-ready="true"]');
    await app.go('postmortem');
    await openPostmortem(page, TARGET.id);
    expect(await page.inputValue('[data-testid="section-summary"]')).toBe('Checkout failed for **an hour**.');
    expect(await page.inputValue('[data-testid="section-wentPoorly"]')).toBe(HOSTILE.join('\n\n'));
    expect(await page.innerHTML('[data-testid="preview-summary"]')).toContain('<strong>an hour</strong>');

    // A second version, then the first one back: the restore is a new version, nothing is lost.
    await typeInto(page, '[data-testid="section-summary"]', 'Checkout failed for two hours.');
    const versions = await page.$$eval('[data-testid="version-pick"] option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    // Three changes, three versions: the hostile text, "an hour", "two hours".
    expect(versions).toHaveLength(3);
    // The version before the last: the one with "an hour".
    await page.selectOption('[data-testid="version-pick"]', versions[1]!);
    // What changed from that version to the draft as it stands.
    await page.waitForSelector('[data-testid="version-diff"] del:has-text("an hour")');
    expect(await page.textContent('[data-testid="version-diff"]')).toContain('+ Checkout failed for two hours.');
    await page.click('[data-testid="restore-version"]');
    await page.waitForFunction(() => (document.querySelector('[data-testid="section-summary"]') as HTMLTextAreaElement).value === 'Checkout failed for **an hour**.');
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="version-pick"] option').length === n + 1, versions.length);
    expect(await page.textContent('[data-testid="version-pick"] option:first-child')).toContain('(a restore)');

    // Action items on two postmortems.
    await page.fill('[data-testid="new-action-text"]', 'Add a checkout canary');
    await page.fill('[data-testid="new-action-owner"]', 'Ana');
    await page.fill('[data-testid="new-action-due"]', '2024-07-01');
    await page.click('[data-testid="add-action"]');
    await page.fill('[data-testid="new-action-text"]', `Alert on ${H.imgOnerror}`);
    await page.fill('[data-testid="new-action-owner"]', 'Ben');
    await page.click('[data-testid="add-action"]');
    await page.waitForSelector('[data-testid="draft-state"][data-state="saved"]');
    expect(await page.locator('[data-testid="action-item"]').count()).toBe(2);
    // An item's text cleared and retyped from the keyboard: the box keeps the keyboard throughout.
    const firstItem = 'input[aria-label="Action item 1"]';
    await page.click(firstItem);
    await page.keyboard.press('End');
    for (let i = 0; i < 'Add a checkout canary'.length; i++) await page.keyboard.press('Backspace');
    expect(await page.inputValue(firstItem)).toBe('');
    await page.waitForSelector('[data-testid="action-items"] [role="alert"]:has-text("needs a text")');
    await page.keyboard.type('Add a checkout canary');
    expect(await page.inputValue(firstItem)).toBe('Add a checkout canary');
    await page.waitForSelector('[data-testid="draft-state"][data-state="saved"]');

    // Exports: Markdown with the prefilled timeline; one HTML file that opens with no request, no error, nothing active.
    const markdown = await download(page, '[data-testid="export-md"]');
    expect(markdown.name).toBe(`postmortem-${TARGET.id}.md`);
    for (const line of timeline.slice(0, 1).concat(timeline.slice(4))) expect(markdown.content).toContain(line);
    expect(markdown.content).toContain('| Add a checkout canary | Ana | 2024\\-07\\-01 | open |');
    const html = await download(page, '[data-testid="export-html"]');
    expect(html.name).toBe(`postmortem-${TARGET.id}.html`);
    const opened = await openDocument(context, html.content, dir, 'postmortem.html');
    expect(opened.requests).toEqual([]);
    expect(opened.errors).toEqual([]);
    expect(opened.active).toEqual([]);
    expect(opened.figures).toBe(1);
    expect(opened.text).toContain('2024-05-20 08:00 UTC: Incident opened');
    expect(opened.text).toContain('2024-05-20 09:00 UTC: Mitigated');
    expect(opened.text).toContain('<script>alert(1)</script>');
    expect(holdsHidden(opened.text)).toBe(false);

    // A second postmortem, with an action item of its own.
    await openPostmortem(page, 'PM-3');
    await page.fill('[data-testid="new-action-text"]', 'Shard the queue');
    await page.fill('[data-testid="new-action-owner"]', 'Ben');
    await page.fill('[data-testid="new-action-due"]', '2024-06-15');
    await page.click('[data-testid="add-action"]');
    await page.waitForSelector('[data-testid="draft-state"][data-state="saved"]');

    // The study's action items: from both postmortems, soonest due first; filtered; as CSV.
    await page.click('[data-testid="pm-tab-actions"]');
    await page.waitForSelector('[data-testid="action-item-table"]');
    expect(await page.$$eval('[data-testid="action-item-row"]', (rows) => rows.map((r) => r.getAttribute('data-incident-id')))).toEqual(['PM-3', TARGET.id, TARGET.id]);
    await page.selectOption('[data-testid="filter-owner"]', 'Ben');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="action-item-row"]').length === 2);
    await page.fill('[data-testid="filter-due"]', '2024-06-30');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="action-item-row"]').length === 1);
    await page.fill('[data-testid="filter-due"]', '');
    const csv = Papa.parse<string[]>((await download(page, '[data-testid="export-action-items"]')).content.trim()).data;
    expect(csv[0]).toEqual(['incident_id', 'action_item', 'owner', 'due', 'status']);
    expect(csv.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual([['PM-3', 'Ben', '2024-06-15'], [TARGET.id, 'Ben', '']]);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '14b-postmortem-action-items');

    // The template: a section renamed, one added and moved up, saved as a version; new drafts follow it, old ones keep theirs.
    await page.click('[data-testid="pm-tab-template"]');
    await page.waitForSelector('[data-testid="template-editor"]');
    const impact = '[data-testid="template-section"][data-section-id="impact"] [data-testid="template-title"]';
    await page.fill(impact, 'Customer impact');
    await page.press(impact, 'Enter');
    await page.fill('[data-testid="template-new-title"]', 'Appendix');
    await page.click('[data-testid="template-add"]');
    await page.click('[data-testid="template-section"]:last-child button:has-text("Up")');
    await page.click('[data-testid="template-save"]');
    await page.waitForSelector('[data-testid="template-message"]:has-text("Saved as version 1")');
    const titles = await page.$$eval('[data-testid="template-title"]', (inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(titles.slice(-3)).toEqual(['What went poorly', 'Appendix', 'Action items']);
    expect(titles[1]).toBe('Customer impact');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '14c-postmortem-template');
    // A skeleton's headings as the template (not saved: the working copy only).
    const skeleton = join(dir, 'skeleton.md');
    writeFileSync(skeleton, '# Our postmortem\n\n## Overview\n\n## Timeline\n\n```\n## not a heading\n```\n\n## Follow-ups\n');
    await page.setInputFiles('[data-testid="template-skeleton"]', skeleton);
    await page.waitForSelector('[data-testid="template-message"]:has-text("4 sections")');
    const skeletonTitles = ['Our postmortem', 'Overview', 'Timeline', 'Follow-ups'];
    const templateTitles = () => page.$$eval('[data-testid="template-title"]', (inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(await templateTitles()).toEqual(skeletonTitles);
    // Not saved, and not lost on leaving the tab: the tab says so, and the changes are there on coming back.
    await page.click('[data-testid="pm-tab-draft"]');
    expect(await page.textContent('[data-testid="pm-tab-template"]')).toContain('changes not saved');
    await page.click('[data-testid="pm-tab-template"]');
    expect(await templateTitles()).toEqual(skeletonTitles);
    await page.click('[data-testid="template-editor"] button:has-text("Undo the changes")');
    expect((await templateTitles())[1]).toBe('Customer impact');

    await page.click('[data-testid="pm-tab-draft"]');
    await openPostmortem(page, 'PM-5');
    const sectionsOf = () => page.$$eval('[data-testid="postmortem-editor"] .postmortem-section h3', (hs) => hs.map((h) => h.textContent));
    expect((await sectionsOf()).slice(0, 2)).toEqual(['Summary', 'Customer impact']);
    expect(await sectionsOf()).toContain('Appendix');
    await openPostmortem(page, TARGET.id);
    expect((await sectionsOf())[1]).toBe('Impact');

    expect(dialogs).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
