import { CODEBOOK_SCHEMA_VERSION, findCodebookInconsistencies, OTHER_CODE, type CodeNode, type Codebook } from '../codebook/codebook.ts';
import { parseCategoryList } from '../codebook/codebookList.ts';
import { currentLabels } from '../coding/labelHistory.ts';
import { matchCode, planExternalLabels, suggestExternalLabelMapping, type ExternalLabelMapping } from '../coding/externalLabels.ts';
import { CLOUD_STATUS_LABELS } from '../import/formats/cloudStatusLabels.ts';
import type { RowError } from '../import/mapping.ts';
import { importText } from '../import/pipeline.ts';
import { createRecordReader, readAll, type SourceRecord } from '../import/readers/index.ts';
import type { Incident } from '../model/incident.ts';
import type { Dimension, LabelRevision, Person } from '../model/labels.ts';

/**
 * The second demo study, from real data: 460 public AWS, Azure and GCP status reports with the labels their human
 * annotators gave and those GPT-4o and Claude extracted (atlarge-research/llm-cloud-incident-extraction, CC0 1.0;
 * the files ship unchanged in renderer/public/samples/llm-cloud-incident-extraction/, see its NOTICE.md). The three
 * sets of labels become three coders with role 'source', so agreement, resolution and analysis have real
 * disagreements to show. Pure: the files' text, the clock and the ids are passed in.
 */

export type CloudVendor = 'aws' | 'azure' | 'gcp';
export type CloudModel = 'gpt-4o' | 'claude';

export interface CloudIncidentsDemoFiles {
  labels: Array<{ vendor: CloudVendor; fileName: string; text: string }>;
  /** One JSON object per line, line i for data row i of the vendor's label file. */
  extractions: Array<{ vendor: CloudVendor; model: CloudModel; fileName: string; text: string }>;
  symptomDefinitions: string;
  rootCauseDefinitions: string;
}

/** Values that gave no code (the data set's UNKNOWN, a model's NaN), per coder and dimension, over all its files. */
export interface DroppedValue {
  coderId: string;
  dimension: Dimension;
  value: string;
  count: number;
}

export interface CloudIncidentsDemo {
  incidents: Incident[];
  codebook: Codebook;
  people: Person[];
  revisions: LabelRevision[];
  dropped: DroppedValue[];
  /** Incidents whose file has the dimension's column but no code for it (empty, or only dropped values), per coder. */
  unlabelled: Array<{ coderId: string; dimension: Dimension; count: number }>;
  /** Problems met in the files (none in the shipped ones); the rows they name gave no labels. */
  errors: RowError[];
}

export const CLOUD_DEMO_CODEBOOK_ID = 'llm-cloud-incident-extraction';
export const CLOUD_DEMO_ROUND = 1;
/** The dimensions the data set labels; it says nothing of mitigation. */
export const CLOUD_DEMO_DIMENSIONS: readonly Dimension[] = ['symptom', 'rootCause'];

const CODER_NAMES = { human: 'Human annotators', 'gpt-4o': 'GPT-4o', claude: 'Claude' } as const;
type CoderKey = keyof typeof CODER_NAMES;

const SOURCE =
  'atlarge-research/llm-cloud-incident-extraction (commit 64c1ce51a66b90c49f75b8aef5c20455a43435f9), prompts/user_symp_instruction.txt and prompts/root_cause_instruction.txt; CC0 1.0. Definitions as the prompts give them.';

/**
 * A definition as a codebook holds it: without the list punctuation of the prompt it comes from (`…issues; and`,
 * `…latency, or timeout issues;`, `…external issues.`).
 */
export function cleanDefinition(text: string): string {
  let out = text.trim();
  for (;;) {
    const next = out.replace(/(?:[;.,]|\b(?:and|or)\b)\s*$/i, '').trimEnd();
    if (next === out) return out;
    out = next;
  }
}

/**
 * A dimension's codes from a prompt's `NAME: definition` lines. The data set's OTHERS is the codebook's "Other"
 * (code `other`), as the default codebook's mitigation "Others" is, so the dimension offers one Other, not two.
 */
function codesFromDefinitions(what: string, text: string): CodeNode[] {
  const parsed = parseCategoryList(text);
  if (!parsed.ok) throw new Error(`${what}: ${parsed.message}`);
  return parsed.codes.map((node) => {
    const description = cleanDefinition(node.description ?? '');
    const out: CodeNode = { code: node.code === 'others' ? OTHER_CODE : node.code, name: node.name };
    if (description !== '') out.description = description;
    return out;
  });
}

export function buildCloudDemoCodebook(symptomDefinitions: string, rootCauseDefinitions: string): Codebook {
  const codebook: Codebook = {
    schemaVersion: CODEBOOK_SCHEMA_VERSION,
    id: CLOUD_DEMO_CODEBOOK_ID,
    name: 'Cloud status reports: user symptoms and root causes (llm-cloud-incident-extraction)',
    version: 1,
    source: SOURCE,
    dimensions: {
      symptom: codesFromDefinitions('the symptom definitions', symptomDefinitions),
      rootCause: codesFromDefinitions('the root-cause definitions', rootCauseDefinitions),
      // No codes of its own: "Other" and "Not applicable" are offered in every dimension.
      mitigation: [],
    },
  };
  const problems = findCodebookInconsistencies(codebook);
  if (problems.length) throw new Error(`the demo codebook is inconsistent: ${problems.join('; ')}`);
  return codebook;
}

/** Where the demo puts the incident id beside a record's own fields (no file of the data set has such a column). */
const ID_KEY = '(incident id)';

function withIncidentId(id: string, record: unknown): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  if (typeof record === 'object' && record !== null && !Array.isArray(record)) for (const key of Object.keys(record)) out[key] = (record as Record<string, unknown>)[key];
  out[ID_KEY] = id;
  return out;
}

/**
 * The demo study. Incidents come through the import pipeline (the built-in cloud-status-labels format: ids like
 * `AWS-612`); each file's columns are found by suggestExternalLabelMapping; a model's line i is matched to data row
 * i of the vendor's label file. `UNVAIL` (the data set's misspelling) is UNAVIL; `UNKNOWN` is ignored; any other
 * value the codebook lacks (a model's `NaN`) is dropped; both are counted. Ids: the three people first (human
 * annotators, GPT-4o, Claude), then the revisions in file order.
 */
export function buildCloudIncidentsDemo(files: CloudIncidentsDemoFiles, now: Date, newId: () => string): CloudIncidentsDemo {
  const codebook = buildCloudDemoCodebook(files.symptomDefinitions, files.rootCauseDefinitions);
  const errors: RowError[] = [];
  const createdAt = now.toISOString();
  const coderIds = new Map<CoderKey, string>();
  const people: Person[] = (Object.keys(CODER_NAMES) as CoderKey[]).map((key) => {
    const id = newId();
    coderIds.set(key, id);
    return { id, name: CODER_NAMES[key], role: 'source', createdAt };
  });

  const incidents = new Map<string, Incident>();
  const labelRecords: Array<{ fileName: string; columns: string[]; records: SourceRecord[] }> = [];
  const rowsOf = new Map<CloudVendor, { fileName: string; ids: Map<number, string> }>();
  for (const file of files.labels) {
    const result = importText(file.fileName, file.text);
    if (result.plan.exportFormat?.id !== CLOUD_STATUS_LABELS.id) throw new Error(`${file.fileName} is not a labelled cloud status file (its columns are not those of ${CLOUD_STATUS_LABELS.name})`);
    for (const e of result.errors) errors.push(e);
    const ids = new Map<number, string>();
    const records: SourceRecord[] = [];
    for (const incident of result.incidents) {
      if (incidents.has(incident.id)) errors.push({ file: file.fileName, row: incident.source.row, field: '(column 1)', message: `incident "${incident.id}" is in another label file too; this one replaces it` });
      incidents.set(incident.id, incident);
      ids.set(incident.source.row, incident.id);
      records.push({ row: incident.source.row, record: withIncidentId(incident.id, incident.raw) });
    }
    rowsOf.set(file.vendor, { fileName: file.fileName, ids });
    labelRecords.push({ fileName: file.fileName, columns: result.columns, records });
  }
  const incidentIds = new Set(incidents.keys());

  const valueMap = new Map<Dimension, Map<string, string>>([
    ['symptom', new Map([['UNVAIL', matchCode('UNAVIL', codebook, 'symptom') ?? ''], ['UNKNOWN', '']])],
    ['rootCause', new Map([['UNKNOWN', '']])],
  ]);

  const revisions: LabelRevision[] = [];
  const held = new Map<string, LabelRevision[]>();
  const dropped = new Map<string, DroppedValue>();
  const unlabelled = new Map<string, { coderId: string; dimension: Dimension; count: number }>();
  const importAs = (coder: CoderKey, fileName: string, columns: string[], records: SourceRecord[]) => {
    const coderId = coderIds.get(coder)!;
    const suggested = suggestExternalLabelMapping(columns, codebook);
    const mapping: ExternalLabelMapping = { ...suggested, incidentId: ID_KEY };
    const mine = held.get(coderId) ?? [];
    held.set(coderId, mine);
    const plan = planExternalLabels({ fileName, records, mapping, codebook, valueMap, incidentIds, held: mine, coderId, round: CLOUD_DEMO_ROUND, newId, now });
    for (const r of plan.revisions) {
      mine.push(r);
      revisions.push(r);
    }
    for (const e of plan.errors) errors.push(e);
    for (const v of [...plan.unknown, ...plan.ignored]) {
      const key = `${coderId}\u0000${v.dimension}\u0000${v.value}`;
      const seen = dropped.get(key);
      if (seen) seen.count += v.count;
      else dropped.set(key, { coderId, dimension: v.dimension, value: v.value, count: v.count });
    }
    for (const u of plan.unlabelled) {
      const key = `${coderId}\u0000${u.dimension}`;
      const seen = unlabelled.get(key);
      if (seen) seen.count += u.count;
      else unlabelled.set(key, { coderId, dimension: u.dimension, count: u.count });
    }
  };

  for (const { fileName, columns, records } of labelRecords) importAs('human', fileName, columns, records);

  for (const file of files.extractions) {
    const rows = rowsOf.get(file.vendor);
    if (!rows) {
      errors.push({ file: file.fileName, row: 0, field: '(file)', message: `no label file of ${file.vendor} was given, so its lines match no incident` });
      continue;
    }
    const reader = createRecordReader('jsonl', file.fileName);
    const read = readAll(reader, file.text);
    for (const e of read.errors) errors.push(e);
    const records: SourceRecord[] = [];
    for (const { row, record } of read.records) {
      const id = rows.ids.get(row);
      if (id === undefined) errors.push({ file: file.fileName, row, field: '(line)', message: `${rows.fileName} has no data row ${row} for this line` });
      else records.push({ row, record: withIncidentId(id, record) });
    }
    if (reader.rowsRead() < rows.ids.size) {
      errors.push({ file: file.fileName, row: 0, field: '(file)', message: `has ${reader.rowsRead()} lines for the ${rows.ids.size} data rows of ${rows.fileName}; the rows after line ${reader.rowsRead()} have no label from it` });
    }
    importAs(file.model, file.fileName, reader.columns(), records);
  }

  return { incidents: [...incidents.values()], codebook, people, revisions, dropped: [...dropped.values()], unlabelled: [...unlabelled.values()], errors };
}

export interface CloudDemoDimensionSummary {
  dimension: Dimension;
  /** Incidents the coder gave a code. */
  labelled: number;
  /** Of those, the ones with further codes after the primary one. */
  withSecondary: number;
  /** Incidents whose file had the column but no code in it for them. */
  unlabelled: number;
  /** Values that gave no code, most frequent first, and their total. */
  droppedValues: Array<{ value: string; count: number }>;
  dropped: number;
}

export interface CloudIncidentsDemoSummary {
  incidents: number;
  coders: Array<{ coderId: string; name: string; dimensions: CloudDemoDimensionSummary[] }>;
}

/** What the demo holds, per coder and dimension: for the screen that offers it and for its tests. */
export function describeCloudIncidentsDemo(demo: CloudIncidentsDemo): CloudIncidentsDemoSummary {
  const key = (coderId: string, dimension: Dimension) => `${coderId}\u0000${dimension}`;
  const labelled = new Map<string, { labelled: number; withSecondary: number }>();
  for (const label of currentLabels(demo.revisions)) {
    const k = key(label.annotatorId, label.dimension);
    const entry = labelled.get(k) ?? { labelled: 0, withSecondary: 0 };
    entry.labelled += 1;
    if (label.secondaryCodes?.length) entry.withSecondary += 1;
    labelled.set(k, entry);
  }
  const unlabelled = new Map(demo.unlabelled.map((u) => [key(u.coderId, u.dimension), u.count]));
  return {
    incidents: demo.incidents.length,
    coders: demo.people.map((person) => ({
      coderId: person.id,
      name: person.name,
      dimensions: CLOUD_DEMO_DIMENSIONS.map((dimension) => {
        const droppedValues = demo.dropped
          .filter((d) => d.coderId === person.id && d.dimension === dimension)
          .map(({ value, count }) => ({ value, count }))
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
        const counts = labelled.get(key(person.id, dimension)) ?? { labelled: 0, withSecondary: 0 };
        return {
          dimension,
          ...counts,
          unlabelled: unlabelled.get(key(person.id, dimension)) ?? 0,
          droppedValues,
          dropped: droppedValues.reduce((s, d) => s + d.count, 0),
        };
      }),
    })),
  };
}
