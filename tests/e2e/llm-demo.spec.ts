import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { accessibilityViolations, openApp, screenshot, useE2eEnvironment } from './support/browser.ts';
import { WorkbenchPage } from './support/workbenchPage.ts';
import { kappaByHand } from './support/byHand.ts';
import { computeSetAlpha } from '../../shared/agreement/setAlpha.ts';

const FOLDER = new URL('../../renderer/public/samples/llm-cloud-incident-extraction/', import.meta.url);
const VENDORS = ['aws', 'azure', 'gcp'] as const;
const read = (path: string) => readFileSync(new URL(path, FOLDER), 'utf8');

/** The categories a definitions file names (`NAME: definition` lines), as the shipped file has them. */
const categoriesOf = (text: string) => new Set([...text.matchAll(/([A-Z]+):/g)].map((m) => m[1]!));

/**
 * One coder's primary code per incident (vendor and row), worked out from the shipped files alone: a cell's values in
 * the order written, the data set's misspelling UNVAIL read as UNAVIL, UNKNOWN and anything the definitions do not
 * name left out; the first value left is the primary code.
 */
function codeSets(values: Array<string | undefined>, categories: Set<string>): string[][] {
  return values.map((cell) => [
    ...new Set(
      (cell ?? '')
        .split(',')
        .map((v) => v.trim().toUpperCase())
        .map((v) => (v === 'UNVAIL' ? 'UNAVIL' : v))
        .filter((v) => categories.has(v)),
    ),
  ]);
}
const primaryCodes = (values: Array<string | undefined>, categories: Set<string>) => codeSets(values, categories).map((codes) => codes[0] ?? null);

function coders(column: { human: string; model: string }, categories: Set<string>) {
  const human: Array<string | null> = [];
  const models = { 'gpt-4o-1': [] as Array<string | null>, 'claude-4-1': [] as Array<string | null> };
  for (const vendor of VENDORS) {
    const rows = Papa.parse<Record<string, string>>(read(`label_data/${vendor}_label.csv`), { header: true, skipEmptyLines: true }).data;
    human.push(...primaryCodes(rows.map((r) => r[column.human]), categories));
    for (const model of Object.keys(models) as Array<keyof typeof models>) {
      const lines = read(`llm_extractions/${vendor}_ext-${model}-resp.jsonl`).split('\n').filter((l) => l.trim() !== '');
      expect(lines).toHaveLength(rows.length);
      models[model].push(...primaryCodes(lines.map((l) => (JSON.parse(l) as Record<string, string | undefined>)[column.model]), categories));
    }
  }
  return { human, models };
}

/** Kappa over the incidents both coders gave a code. */
function kappaOfPairs(a: Array<string | null>, b: Array<string | null>): { kappa: number; n: number } {
  const both = a.map((x, i) => [x, b[i]] as const).filter((p): p is readonly [string, string] => p[0] !== null && p[1] !== null);
  return { kappa: kappaByHand(both.map((p) => p[0]), both.map((p) => p[1])), n: both.length };
}

describe('the second demo study: people and language models on real cloud incidents', () => {
  const env = useE2eEnvironment();

  it('loads in one click and shows the human-vs-model kappas computed from the shipped files', async () => {
    const symptom = coders({ human: 'label_user_symptom_category', model: 'user_symptom_category' }, categoriesOf(read('codebook/user_symp_instruction.txt')));
    const rootCause = coders({ human: 'label_root_cause_category', model: 'root_cause_category' }, categoriesOf(read('codebook/root_cause_instruction.txt')));
    expect(symptom.human).toHaveLength(460);
    const symptomCategories = categoriesOf(read('codebook/user_symp_instruction.txt'));
    const setsOf = (model: string) => {
      const human: string[][] = [];
      const other: string[][] = [];
      for (const vendor of VENDORS) {
        const rows = Papa.parse<Record<string, string>>(read(`label_data/${vendor}_label.csv`), { header: true, skipEmptyLines: true }).data;
        human.push(...codeSets(rows.map((r) => r.label_user_symptom_category), symptomCategories));
        const lines = read(`llm_extractions/${vendor}_ext-${model}-resp.jsonl`).split('\n').filter((l) => l.trim() !== '');
        other.push(...codeSets(lines.map((l) => (JSON.parse(l) as Record<string, string | undefined>).user_symptom_category), symptomCategories));
      }
      return { human, model: other };
    };
    const symptomSets = { 'gpt-4o-1': setsOf('gpt-4o-1'), 'claude-4-1': setsOf('claude-4-1') };

    const { context, page, consoleErrors } = await openApp(env());
    const app = new WorkbenchPage(page);
    await app.go('import');
    await page.click('[data-testid="load-cloud-demo"]');
    await page.waitForSelector('[data-testid="screen-agreement"] [data-testid="agreement-table"]', { timeout: 60_000 });
    expect(await page.textContent('[data-testid="study-badge"]')).toContain('Cloud incidents: people and language models');
    expect(await page.$eval('[data-testid="coder-a"]', (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Human annotators');

    for (const [model, name] of [
      ['gpt-4o-1', 'GPT-4o'],
      ['claude-4-1', 'Claude'],
    ] as const) {
      await page.selectOption('[data-testid="coder-b"]', { label: name });
      for (const [dimension, data] of [
        ['symptom', symptom],
        ['rootCause', rootCause],
      ] as const) {
        const expected = kappaOfPairs(data.human, data.models[model]);
        expect(await app.agreementValue('n', dimension), `${name} ${dimension}`).toBe(expected.n);
        expect(await app.agreementValue('kappa', dimension), `${name} ${dimension}`).toBeCloseTo(expected.kappa, 12);
      }
      // Multi-valued symptoms (ERROR, DELAY): Krippendorff's alpha over code sets with the MASI distance (as nltk
      // computes it) is shown beside kappa, over the incidents both coded. The sets are the test's own, from the files;
      // the alpha of them comes from computeSetAlpha, which setAlpha.test.ts holds to values nltk computed.
      const sets = symptomSets[model];
      const ratings = sets.human.flatMap((h, i) => (h.length && sets.model[i]!.length ? [{ coder: 'h', item: String(i), labels: h }, { coder: 'm', item: String(i), labels: sets.model[i]! }] : []));
      expect(Number(await page.getAttribute('[data-testid="set-alpha-symptom"]', 'data-value'))).toBeCloseTo(computeSetAlpha(ratings)!, 12);
    }
    expect(await page.textContent('[data-testid="all-coders"] caption')).toContain('All 3 coders');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'llm-demo-agreement');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
