/// <reference lib="webworker" />
import { planExternalLabels, suggestExternalLabelMapping, type ExternalLabelMapping, type ExternalLabelPlan, type ExternalValueCount } from '../../../shared/coding/externalLabels.ts';
import { createRecordReader, detectSourceFormat, readAll, type SourceFormat, type SourceRecord } from '../../../shared/import/readers/index.ts';
import { describePaths } from '../../../shared/import/samplePaths.ts';
import type { RowError } from '../../../shared/import/mapping.ts';
import type { Dimension, Person } from '../../../shared/model/labels.ts';
import { readActiveCodebook } from '../db/repositories/codebooks.ts';
import { appendRevisions } from '../db/repositories/labels.ts';
import { workerDatabases } from './workerDatabases.ts';

/**
 * Labels from elsewhere imported as a named coder, off the main thread: the file is read once and held here while
 * the lead maps its columns and unknown values; each check plans the import again; the write is one transaction
 * (a cancel, which stops the worker, leaves the study as it was).
 */
export type LabelImportRequest =
  | { id: number; kind: 'read'; dbName: string; file: Blob; fileName: string }
  | { id: number; kind: 'plan' | 'write'; dbName: string; mapping: ExternalLabelMapping; valueMap: Array<[Dimension, Array<[string, string]>]>; coder: { id: string | null; name: string }; round: number };

export interface LabelImportCheck {
  labelled: number;
  unchanged: number;
  unknown: ExternalValueCount[];
  ignored: ExternalValueCount[];
  unlabelled: ExternalLabelPlan['unlabelled'];
  /** The first problems (by file, row and field), and how many there are in all. */
  errors: RowError[];
  errorCount: number;
  incidents: number;
}

export type LabelImportResponse =
  | { id: number; kind: 'read'; format: SourceFormat; rows: number; columns: Array<{ path: string; samples: string[] }>; parseErrors: RowError[]; suggested: ExternalLabelMapping }
  | ({ id: number; kind: 'plan' } & LabelImportCheck)
  | { id: number; kind: 'written'; added: number; person: Person }
  | { id: number; error: string };

const databaseOf = workerDatabases(() => {});
let held: { fileName: string; records: SourceRecord[] } | null = null;
const post = (message: LabelImportResponse) => (self as DedicatedWorkerGlobalScope).postMessage(message);
const MAX_ERRORS_SHOWN = 200;

async function plan(request: Extract<LabelImportRequest, { kind: 'plan' | 'write' }>) {
  if (!held) throw new Error('Choose the file of labels first.');
  const db = await databaseOf(request.dbName);
  const codebook = await readActiveCodebook(db);
  if (!codebook) throw new Error('The study has no codebook yet.');
  const [incidentIds, people] = await Promise.all([db.summaries.toCollection().primaryKeys(), db.people.toArray()]);
  const name = request.coder.name.trim();
  const existing = request.coder.id ? people.find((p) => p.id === request.coder.id) : people.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (!existing && name === '') throw new Error('Name the coder these labels are from (a data set, a model).');
  if (existing && existing.role !== 'source') throw new Error(`${existing.name} is ${existing.role === 'lead' ? 'a lead' : 'an annotator'} of this study: labels from elsewhere go under a coder of their own (a source), never under someone who codes here.`);
  const person: Person = existing ?? { id: crypto.randomUUID(), name, role: 'source', createdAt: new Date().toISOString() };
  const heldRevisions = existing ? await db.labelRevisions.where('annotatorId').equals(existing.id).toArray() : [];
  const valueMap = new Map(request.valueMap.map(([d, pairs]) => [d, new Map(pairs)]));
  const result = planExternalLabels({
    fileName: held.fileName,
    records: held.records,
    mapping: request.mapping,
    codebook,
    valueMap,
    incidentIds: new Set(incidentIds as string[]),
    held: heldRevisions,
    coderId: person.id,
    round: request.round,
    newId: () => crypto.randomUUID(),
    now: new Date(),
  });
  return { db, person, isNew: !existing, result };
}

self.onmessage = async (event: MessageEvent<LabelImportRequest>) => {
  const request = event.data;
  try {
    if (request.kind === 'read') {
      const codebook = await readActiveCodebook(await databaseOf(request.dbName));
      if (!codebook) throw new Error('The study has no codebook yet.');
      const text = await request.file.text();
      const format = detectSourceFormat(request.fileName, text.slice(0, 4096));
      if (format !== 'csv' && format !== 'jsonl' && format !== 'json') throw new Error(`${request.fileName}: labels are read from CSV, JSON or JSON Lines files, one incident per row.`);
      const reader = createRecordReader(format, request.fileName);
      const read = readAll(reader, text);
      held = { fileName: request.fileName, records: read.records };
      const paths = describePaths(read.records.slice(0, 500).map((r) => r.record));
      const columns = paths.map((p) => ({ path: p.path, samples: p.samples.slice(0, 3).map(String) }));
      post({ id: request.id, kind: 'read', format, rows: read.records.length, columns, parseErrors: read.errors.slice(0, MAX_ERRORS_SHOWN), suggested: suggestExternalLabelMapping(columns.map((c) => c.path), codebook) });
      return;
    }
    const { db, person, isNew, result } = await plan(request);
    if (request.kind === 'plan') {
      post({
        id: request.id,
        kind: 'plan',
        labelled: result.labelled,
        unchanged: result.unchanged,
        unknown: result.unknown,
        ignored: result.ignored,
        unlabelled: result.unlabelled,
        errors: result.errors.slice(0, MAX_ERRORS_SHOWN),
        errorCount: result.errors.length,
        incidents: held?.records.length ?? 0,
      });
      return;
    }
    await db.transaction('rw', [db.people, db.labelRevisions, db.currentLabels, db.labelColumns, db.labelTallies], async () => {
      if (isNew) await db.people.add(person);
      await appendRevisions(db, result.revisions);
    });
    post({ id: request.id, kind: 'written', added: result.revisions.length, person });
  } catch (e) {
    post({ id: request.id, error: (e as Error).message });
  }
};
