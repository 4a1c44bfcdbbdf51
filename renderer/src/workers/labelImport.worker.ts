/// <reference lib="webworker" />
import { suggestExternalLabelMapping, type ExternalLabelMapping, type ExternalLabelPlan, type ExternalValueCount } from '../../../shared/coding/externalLabels.ts';
import { appendAll, createRecordReader, detectSourceFormat, type SourceFormat, type SourceRecord } from '../../../shared/import/readers/index.ts';
import { describePaths } from '../../../shared/import/samplePaths.ts';
import { describeSize, IMPORT_LIMITS, MIB, screenRecords } from '../../../shared/import/limits.ts';
import type { RowError } from '../../../shared/import/mapping.ts';
import type { Dimension, Person } from '../../../shared/model/labels.ts';
import { readActiveCodebook } from '../db/repositories/codebooks.ts';
import { checkExternalLabels, importExternalLabels, type ExternalCoder } from '../db/repositories/externalLabels.ts';
import { workerDatabases } from './workerDatabases.ts';

/**
 * Labels from elsewhere imported as a named coder, off the main thread: the file is read once (streamed, within the
 * stated limits) and its records held here while the lead maps its columns and unknown values; each check plans the
 * import again; the write is one transaction (a cancel, which stops the worker, leaves the study as it was).
 */
export type LabelImportRequest =
  | { id: number; kind: 'read'; dbName: string; file: Blob; fileName: string }
  | {
      id: number;
      kind: 'plan' | 'write';
      dbName: string;
      /** Dimension → column, as pairs: the dimensions' ids are data (a codebook may call one `constructor`). */
      codes: Array<[Dimension, string]>;
      mapping: Omit<ExternalLabelMapping, 'codes' | 'rationale'>;
      valueMap: Array<[Dimension, Array<[string, string]>]>;
      coder: ExternalCoder;
      round: number;
    };

export interface LabelImportCheck {
  labelled: number;
  unchanged: number;
  unknown: ExternalValueCount[];
  ignored: ExternalValueCount[];
  unlabelled: ExternalLabelPlan['unlabelled'];
  /** The problems (by file, row and field), the first MAX_ERRORS_SENT of them, and how many there are in all. */
  errors: RowError[];
  errorCount: number;
  incidents: number;
}

export type LabelImportResponse =
  | { id: number; kind: 'read'; format: SourceFormat; rows: number; columns: Array<{ path: string; samples: string[] }>; parseErrors: RowError[]; parseErrorCount: number; suggested: Array<[Dimension, string]>; idColumn: string; separators: string }
  | ({ id: number; kind: 'plan' } & LabelImportCheck)
  | { id: number; kind: 'written'; added: number; person: Person }
  | { id: number; error: string };

/** A file of labels is a few columns per incident: past this size it is refused with a message, before it is read. */
export const MAX_LABEL_FILE_BYTES = 256 * MIB;
const MAX_ERRORS_SENT = 10_000;

const databaseOf = workerDatabases(() => {});
let held: { fileName: string; records: SourceRecord[]; errors: RowError[] } | null = null;
const post = (message: LabelImportResponse) => (self as DedicatedWorkerGlobalScope).postMessage(message);

async function readRecords(file: Blob, fileName: string): Promise<{ format: SourceFormat; records: SourceRecord[]; errors: RowError[] }> {
  if (file.size > MAX_LABEL_FILE_BYTES) throw new Error(`${fileName}: ${describeSize(file.size)} is more than a file of labels may be (${describeSize(MAX_LABEL_FILE_BYTES)}); split it.`);
  const head = await file.slice(0, 4096).text();
  const format = detectSourceFormat(fileName, head);
  if (format !== 'csv' && format !== 'jsonl' && format !== 'json') throw new Error(`${fileName}: labels are read from CSV, JSON or JSON Lines files, one incident per row.`);
  const reader = createRecordReader(format, fileName);
  const records: SourceRecord[] = [];
  // Streamed: the reader cuts records as the text arrives (each within the import's stated limits).
  const chunks = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await chunks.read();
    if (done) break;
    appendAll(records, reader.push(value));
  }
  appendAll(records, reader.end());
  const errors = reader.takeErrors();
  return { format, records: screenRecords(records, fileName, IMPORT_LIMITS, errors), errors };
}

const inputOf = (request: Extract<LabelImportRequest, { kind: 'plan' | 'write' }>) => {
  if (!held) throw new Error('Choose the file of labels first.');
  const codes = Object.create(null) as ExternalLabelMapping['codes'];
  for (const [dimension, column] of request.codes) codes[dimension] = column;
  return {
    fileName: held.fileName,
    records: held.records,
    mapping: { ...request.mapping, codes },
    valueMap: new Map(request.valueMap.map(([d, pairs]) => [d, new Map(pairs)])),
    coder: request.coder,
    round: request.round,
    now: new Date(),
  };
};

self.onmessage = async (event: MessageEvent<LabelImportRequest>) => {
  const request = event.data;
  try {
    if (request.kind === 'read') {
      held = null;
      const codebook = await readActiveCodebook(await databaseOf(request.dbName));
      if (!codebook) throw new Error('The study has no codebook yet.');
      const { format, records, errors } = await readRecords(request.file, request.fileName);
      held = { fileName: request.fileName, records, errors };
      const paths = describePaths(records.slice(0, 500).map((r) => r.record));
      const columns = paths.map((p) => ({ path: p.path, samples: p.samples.slice(0, 3).map(String) }));
      const suggested = suggestExternalLabelMapping(
        columns.map((c) => c.path),
        codebook,
      );
      post({
        id: request.id,
        kind: 'read',
        format,
        rows: records.length,
        columns,
        parseErrors: errors.slice(0, MAX_ERRORS_SENT),
        parseErrorCount: errors.length,
        // Read as own keys only: the suggestion's dimension ids are data.
        suggested: Object.keys(suggested.codes).map((d) => [d, suggested.codes[d]!] as [Dimension, string]),
        idColumn: suggested.incidentId,
        separators: suggested.separators,
      });
      return;
    }
    const db = await databaseOf(request.dbName);
    const input = inputOf(request);
    if (request.kind === 'plan') {
      const { plan } = await checkExternalLabels(db, input);
      const errors = [...(held?.errors ?? []), ...plan.errors];
      post({
        id: request.id,
        kind: 'plan',
        labelled: plan.labelled,
        unchanged: plan.unchanged,
        unknown: plan.unknown,
        ignored: plan.ignored,
        unlabelled: plan.unlabelled,
        errors: errors.slice(0, MAX_ERRORS_SENT),
        errorCount: errors.length,
        incidents: held?.records.length ?? 0,
      });
      return;
    }
    const { person, added } = await importExternalLabels(db, input);
    held = null;
    post({ id: request.id, kind: 'written', added, person });
  } catch (e) {
    post({ id: request.id, error: (e as Error).message });
  }
};
