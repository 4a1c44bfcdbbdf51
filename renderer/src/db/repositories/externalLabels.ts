import { planExternalLabels, type ExternalLabelMapping, type ExternalLabelPlan } from '../../../../shared/coding/externalLabels.ts';
import type { SourceRecord } from '../../../../shared/import/readers/index.ts';
import type { Dimension, Person } from '../../../../shared/model/labels.ts';
import type { WorkbenchDatabase } from '../schema.ts';
import { readActiveCodebook } from './codebooks.ts';
import { appendRevisions } from './labels.ts';

/** Which coder a file of labels goes under: a source already in the study (by id), or a new one by name. */
export interface ExternalCoder {
  id: string | null;
  name: string;
}

export interface ExternalLabelsInput {
  fileName: string;
  records: readonly SourceRecord[];
  mapping: ExternalLabelMapping;
  valueMap: ReadonlyMap<Dimension, ReadonlyMap<string, string>>;
  coder: ExternalCoder;
  round: number;
  now: Date;
}

/** The coder a file's labels go under; refuses anyone who codes here (labels from elsewhere never join theirs). */
function coderFor(people: readonly Person[], coder: ExternalCoder, now: Date): { person: Person; isNew: boolean } {
  const name = coder.name.trim();
  const existing = coder.id ? people.find((p) => p.id === coder.id) : people.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (coder.id && !existing) throw new Error('That coder is not in this study any more.');
  if (!existing && name === '') throw new Error('Name the coder these labels are from (a data set, a model).');
  if (existing && existing.role !== 'source') {
    throw new Error(`${existing.name} is ${existing.role === 'lead' ? 'a lead' : 'an annotator'} of this study: labels from elsewhere go under a coder of their own (a source), never under someone who codes here.`);
  }
  return existing ? { person: existing, isNew: false } : { person: { id: crypto.randomUUID(), name, role: 'source', createdAt: now.toISOString() }, isNew: true };
}

async function planFor(db: WorkbenchDatabase, input: ExternalLabelsInput): Promise<{ person: Person; isNew: boolean; plan: ExternalLabelPlan }> {
  const codebook = await readActiveCodebook(db);
  if (!codebook) throw new Error('The study has no codebook yet.');
  const [incidentIds, people] = await Promise.all([db.summaries.toCollection().primaryKeys(), db.people.toArray()]);
  const { person, isNew } = coderFor(people, input.coder, input.now);
  const held = isNew ? [] : await db.labelRevisions.where('annotatorId').equals(person.id).toArray();
  const plan = planExternalLabels({
    fileName: input.fileName,
    records: input.records,
    mapping: input.mapping,
    codebook,
    valueMap: input.valueMap,
    incidentIds: new Set(incidentIds as string[]),
    held,
    coderId: person.id,
    round: input.round,
    newId: () => crypto.randomUUID(),
    now: input.now,
  });
  return { person, isNew, plan };
}

/** What importing a file of labels as a coder would do, writing nothing. */
export async function checkExternalLabels(db: WorkbenchDatabase, input: ExternalLabelsInput): Promise<{ person: Person; isNew: boolean; plan: ExternalLabelPlan }> {
  return db.transaction('r', [db.settings, db.codebookVersions, db.summaries, db.people, db.labelRevisions], () => planFor(db, input));
}

/**
 * Imports a file of labels as a coder (a source), in one transaction: the plan is made again inside it, so what the
 * coder holds now is what the new revisions follow (the same file twice adds nothing), and a source of that name is
 * added only once.
 */
export async function importExternalLabels(db: WorkbenchDatabase, input: ExternalLabelsInput): Promise<{ person: Person; added: number }> {
  return db.transaction('rw', [db.settings, db.codebookVersions, db.summaries, db.people, db.labelRevisions, db.currentLabels, db.labelColumns, db.labelTallies], async () => {
    const { person, isNew, plan } = await planFor(db, input);
    if (isNew) await db.people.add(person);
    await appendRevisions(db, plan.revisions);
    return { person, added: plan.revisions.length };
  });
}
