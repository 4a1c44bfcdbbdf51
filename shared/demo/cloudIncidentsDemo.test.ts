import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { computeCohenKappa } from '../agreement/cohen.ts';
import { CodebookSchema, flattenCodes } from '../codebook/codebook.ts';
import { currentLabels } from '../coding/labelHistory.ts';
import { typeboxValidator } from '../files/typeboxValidator.ts';
import { IncidentSchema } from '../model/incident.ts';
import { LabelRevisionSchema, PersonSchema, type Label } from '../model/labels.ts';
import { buildCloudIncidentsDemo, cleanDefinition, describeCloudIncidentsDemo, type CloudIncidentsDemoFiles, type CloudModel } from './cloudIncidentsDemo.ts';

// The copy the app ships (its NOTICE.md and LICENSE are beside it).
const SAMPLES = new URL('../../renderer/public/samples/llm-cloud-incident-extraction/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, SAMPLES), 'utf8');
const VENDORS = ['aws', 'azure', 'gcp'] as const;
const MODELS: Record<CloudModel, string> = { 'gpt-4o': 'gpt-4o-1', claude: 'claude-4-1' };
const extractionFile = (vendor: string, model: CloudModel) => `llm_extractions/${vendor}_ext-${MODELS[model]}-resp.jsonl`;

const files: CloudIncidentsDemoFiles = {
  labels: VENDORS.map((vendor) => ({ vendor, fileName: `label_data/${vendor}_label.csv`, text: read(`label_data/${vendor}_label.csv`) })),
  extractions: VENDORS.flatMap((vendor) => (Object.keys(MODELS) as CloudModel[]).map((model) => ({ vendor, model, fileName: extractionFile(vendor, model), text: read(extractionFile(vendor, model)) }))),
  symptomDefinitions: read('codebook/user_symp_instruction.txt'),
  rootCauseDefinitions: read('codebook/root_cause_instruction.txt'),
};

const NOW = new Date(Date.UTC(2025, 5, 1, 9, 30));
const counter = () => {
  let n = 0;
  return () => `id-${String(++n).padStart(5, '0')}`;
};
const demo = buildCloudIncidentsDemo(files, NOW, counter());
const summary = describeCloudIncidentsDemo(demo);

// ─────────── The test's own reading of the shipped files: papaparse and JSON.parse, nothing of the app's ───────────

/** The category names a prompt defines: the word before the colon of each line. */
const categoryNames = (text: string) => [...text.matchAll(/^\s*([A-Z]+):/gm)].map((m) => m[1]!);
const NAMES = { symptom: new Set(categoryNames(files.symptomDefinitions)), rootCause: new Set(categoryNames(files.rootCauseDefinitions)) };
type Dim = keyof typeof NAMES;

interface Expected {
  /** Known names, in the order written (UNVAIL read as UNAVIL), repeats dropped. */
  names: string[];
  /** The rest (UNKNOWN, NaN…). */
  dropped: string[];
}
function expectedOf(cell: string, dimension: Dim): Expected {
  const names: string[] = [];
  const dropped: string[] = [];
  for (const part of cell.split(/[,;|]/)) {
    const value = part.trim();
    if (value === '') continue;
    const name = dimension === 'symptom' && value === 'UNVAIL' ? 'UNAVIL' : value;
    if (!NAMES[dimension].has(name)) dropped.push(value);
    else if (!names.includes(name)) names.push(name);
  }
  return { names, dropped };
}

type Coder = 'Human annotators' | 'GPT-4o' | 'Claude';
/** coder → dimension → incident id → expected; only incidents whose file has the dimension's column. */
const expected = new Map<Coder, Map<Dim, Map<string, Expected>>>();
const put = (coder: Coder, dimension: Dim, id: string, cell: string) => {
  if (!expected.has(coder)) expected.set(coder, new Map());
  const byDim = expected.get(coder)!;
  if (!byDim.has(dimension)) byDim.set(dimension, new Map());
  byDim.get(dimension)!.set(id, expectedOf(cell, dimension));
};
const lineCounts: Array<{ file: string; lines: number; rows: number }> = [];
const ownIds: string[] = [];
for (const vendor of VENDORS) {
  const rows = Papa.parse<Record<string, string>>(read(`label_data/${vendor}_label.csv`), { header: true, skipEmptyLines: 'greedy', transformHeader: (h, i) => (h === '' && i > 0 ? `(empty ${i})` : h) }).data;
  // The unnamed first column is the pandas index: the id is the vendor, a dash and that index.
  const ids = rows.map((r) => `${r.vendor}-${r['']}`);
  for (const id of ids) ownIds.push(id);
  rows.forEach((r, i) => {
    put('Human annotators', 'symptom', ids[i]!, r.label_user_symptom_category!);
    put('Human annotators', 'rootCause', ids[i]!, r.label_root_cause_category!);
  });
  for (const [model, coder] of [['gpt-4o', 'GPT-4o'], ['claude', 'Claude']] as const) {
    const lines = read(extractionFile(vendor, model)).split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    lineCounts.push({ file: extractionFile(vendor, model), lines: lines.length, rows: rows.length });
    lines.forEach((line, i) => {
      put(coder, 'symptom', ids[i]!, String(line.user_symptom_category ?? ''));
      if ('root_cause_category' in line) put(coder, 'rootCause', ids[i]!, String(line.root_cause_category ?? ''));
    });
  }
}

const personOf = (name: Coder) => demo.people.find((p) => p.name === name)!;
const labels = currentLabels(demo.revisions);
const labelOf = new Map<string, Label>(labels.map((l) => [`${l.annotatorId}\u0000${l.dimension}\u0000${l.incidentId}`, l]));
const nameOf = (dimension: Dim, path: string) => flattenCodes(demo.codebook, dimension).find((c) => c.path === path)!.name;

describe('the cloud incidents demo study, from the shipped files', () => {
  it('holds the 460 incidents of the three label files, through the import pipeline', () => {
    expect(ownIds).toHaveLength(460);
    expect(demo.incidents.map((i) => i.id).sort()).toEqual([...new Set(ownIds)].sort());
    expect(demo.errors).toEqual([]);
    const valid = typeboxValidator(IncidentSchema);
    expect(demo.incidents.filter((i) => !valid(i)).map((i) => i.id)).toEqual([]);
  });

  it('has every model line for a data row of its vendor', () => {
    for (const c of lineCounts) expect(c, c.file).toEqual({ ...c, lines: c.rows });
  });

  it('has a codebook from the two prompts, with one Other per dimension and no mitigation codes', () => {
    expect(typeboxValidator(CodebookSchema)(demo.codebook)).toBe(true);
    expect(demo.codebook).toMatchObject({ schemaVersion: 2, id: 'llm-cloud-incident-extraction', version: 1 });
    const symptom = flattenCodes(demo.codebook, 'symptom');
    expect(symptom.map((c) => [c.path, c.name, c.reserved])).toEqual([
      ['error', 'ERROR', false],
      ['unavil', 'UNAVIL', false],
      ['delay', 'DELAY', false],
      ['deperf', 'DEPERF', false],
      ['other', 'OTHERS', false],
      ['not-applicable', 'Not applicable', true],
    ]);
    expect(flattenCodes(demo.codebook, 'rootCause').map((c) => c.name)).toEqual([...NAMES.rootCause, 'Not applicable']);
    expect(flattenCodes(demo.codebook, 'mitigation').map((c) => c.path)).toEqual(['other', 'not-applicable']);
    const definition = (name: string) => flattenCodes(demo.codebook, 'rootCause').find((c) => c.name === name)!.description;
    // The prompt's lines: "MAINTAIN: system maintenance causing unexpected issues; and ", "EXTERNAL: … issues. ", and the last with no line break.
    expect(definition('MAINTAIN')).toBe('system maintenance causing unexpected issues');
    expect(definition('EXTERNAL')).toBe('third-party service outage, power outages, or other external issues');
    expect(definition('OTHERS')).toBe('other types of root causes, such as human incorrect operations');
    expect(symptom.find((c) => c.name === 'DELAY')!.description).toBe('users experience delays, latency, or timeout issues');
    expect(cleanDefinition(' a, b, or c; and ')).toBe('a, b, or c');
    expect(cleanDefinition('ends in Thor.')).toBe('ends in Thor');
  });

  it('has three source coders with ids drawn first, and is the same for the same ids and clock', () => {
    expect(demo.people).toEqual([
      { id: 'id-00001', name: 'Human annotators', role: 'source', createdAt: NOW.toISOString() },
      { id: 'id-00002', name: 'GPT-4o', role: 'source', createdAt: NOW.toISOString() },
      { id: 'id-00003', name: 'Claude', role: 'source', createdAt: NOW.toISOString() },
    ]);
    for (const p of demo.people) expect(typeboxValidator(PersonSchema)(p)).toBe(true);
    expect(buildCloudIncidentsDemo(files, NOW, counter())).toEqual(demo);
    const validRevision = typeboxValidator(LabelRevisionSchema);
    expect(demo.revisions.filter((r) => !validRevision(r))).toEqual([]);
    expect(new Set(demo.revisions.map((r) => r.id)).size).toBe(demo.revisions.length);
    for (const r of demo.revisions) expect(r).toMatchObject({ round: 1, codebookId: 'llm-cloud-incident-extraction', codebookVersion: 1, savedAt: NOW.toISOString(), previousId: null });
  });

  it('gives each coder the codes of its file, primary first and the rest in order, and counts what it dropped', () => {
    let checked = 0;
    for (const [coder, byDim] of expected) {
      const person = personOf(coder);
      const described = summary.coders.find((c) => c.coderId === person.id)!;
      for (const [dimension, byIncident] of byDim) {
        let labelled = 0;
        let withSecondary = 0;
        const dropped = new Map<string, number>();
        for (const [incidentId, want] of byIncident) {
          for (const v of want.dropped) dropped.set(v, (dropped.get(v) ?? 0) + 1);
          const got = labelOf.get(`${person.id}\u0000${dimension}\u0000${incidentId}`);
          if (want.names.length === 0) {
            expect(got, `${coder} ${dimension} ${incidentId}`).toBeUndefined();
            continue;
          }
          labelled += 1;
          if (want.names.length > 1) withSecondary += 1;
          expect([got!.code, ...(got!.secondaryCodes ?? [])].map((p) => nameOf(dimension, p)), `${coder} ${dimension} ${incidentId}`).toEqual(want.names);
          checked += 1;
        }
        const d = described.dimensions.find((x) => x.dimension === dimension)!;
        expect(d, `${coder} ${dimension}`).toMatchObject({ labelled, withSecondary, unlabelled: byIncident.size - labelled });
        expect(new Map(d.droppedValues.map((v) => [v.value, v.count])), `${coder} ${dimension}`).toEqual(dropped);
        expect(d.dropped).toBe([...dropped.values()].reduce((s, n) => s + n, 0));
      }
    }
    // Every label the demo holds was one the test expected.
    expect(labels).toHaveLength(checked);
  });

  it('matches the data set where the test knows it by heart', () => {
    const human = summary.coders.find((c) => c.name === 'Human annotators')!.dimensions;
    // Root causes: Azure 95 less 3 UNKNOWN, and 34 GCP reports; AWS has none.
    expect(human.find((d) => d.dimension === 'rootCause')!.labelled).toBe(92 + 34);
    // Symptoms: all but the 42 GCP reports labelled UNKNOWN.
    expect(human.find((d) => d.dimension === 'symptom')).toMatchObject({ labelled: 460 - 42, droppedValues: [{ value: 'UNKNOWN', count: 42 }] });
    // The models give a root cause for Azure only.
    for (const model of ['GPT-4o', 'Claude']) {
      const d = summary.coders.find((c) => c.name === model)!.dimensions.find((x) => x.dimension === 'rootCause')!;
      expect(d.labelled + d.unlabelled).toBe(95);
    }
  });

  it("computes Cohen's kappa of the human annotators and GPT-4o on the primary symptom as the test does by hand", () => {
    const human = expected.get('Human annotators')!.get('symptom')!;
    const gpt = expected.get('GPT-4o')!.get('symptom')!;
    const pairs: Array<[string, string]> = [];
    for (const [id, h] of human) {
      const g = gpt.get(id);
      if (h.names.length && g?.names.length) pairs.push([h.names[0]!, g.names[0]!]);
    }
    const n = pairs.length;
    const agree = pairs.filter(([a, b]) => a === b).length / n;
    let chance = 0;
    for (const c of NAMES.symptom) chance += (pairs.filter(([a]) => a === c).length / n) * (pairs.filter(([, b]) => b === c).length / n);
    const byHand = (agree - chance) / (1 - chance);

    const a: string[] = [];
    const b: string[] = [];
    const humanId = personOf('Human annotators').id;
    const gptId = personOf('GPT-4o').id;
    for (const incident of demo.incidents) {
      const x = labelOf.get(`${humanId}\u0000symptom\u0000${incident.id}`);
      const y = labelOf.get(`${gptId}\u0000symptom\u0000${incident.id}`);
      if (x && y) {
        a.push(x.code);
        b.push(y.code);
      }
    }
    const result = computeCohenKappa(a, b, flattenCodes(demo.codebook, 'symptom').map((c) => c.path));
    expect(result.nPairs).toBe(n);
    expect(n).toBeGreaterThan(350);
    expect(result.kappa).toBeCloseTo(byHand, 12);
  });
});
