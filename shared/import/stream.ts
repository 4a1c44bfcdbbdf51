import type { Incident } from '../model/incident.ts';
import { createChunkDecoder, judgeEncoding, type ChunkDecoder, type EncodingProblem, type TextEncoding } from './encoding.ts';
import { IMPORT_LIMITS, screenRecords, type ImportLimits } from './limits.ts';
import type { FieldMapping, RowError } from './mapping.ts';
import { IncidentNormaliser, planImport, SAMPLE_RECORDS, type FieldWarningSummary, type ImportPlan } from './pipeline.ts';
import { appendAll, createRecordReader, detectSourceFormat, type RecordReader, type SourceFormat, type SourceRecord } from './readers/index.ts';

/**
 * The one streaming import loop: bytes → text → records → incidents, a few MiB at a time, for the app's import
 * worker and the CLI alike. Nothing here holds the whole file; every problem becomes a row error.
 */

/** Random access to a file's bytes: a Blob in the browser, a file handle in Node. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

export class ImportCancelled extends Error {
  constructor() {
    super('the import was cancelled');
  }
}

export const READ_BYTES = 2 * 1024 * 1024;
export const HEAD_BYTES = 256 * 1024;
/** Encoding problems reported one by one; past this, one more row error gives their count. */
const ENCODING_PROBLEMS_LISTED = 100;

interface Decoding {
  decoder: ChunkDecoder;
  problems: number;
}

function encodingErrors(fileName: string, encoding: TextEncoding, decoding: Decoding): RowError[] {
  const out: RowError[] = [];
  const problems: EncodingProblem[] = decoding.decoder.takeProblems();
  for (const p of problems) {
    decoding.problems += 1;
    if (decoding.problems > ENCODING_PROBLEMS_LISTED) continue;
    // A byte problem belongs to the file, not to a record: row 0, with the line and offset in the message.
    out.push({
      file: fileName,
      row: 0,
      field: '(encoding)',
      message: `line ${p.line}, byte offset ${p.byteOffset}: byte 0x${p.byte.toString(16).toUpperCase().padStart(2, '0')} is not valid ${encoding}; it reads as "\uFFFD". If the file is in another encoding, choose it on the mapping screen`,
    });
  }
  return out;
}

interface Reading {
  reader: RecordReader;
  decoding: Decoding;
  encoding: TextEncoding;
  /** Why the encoding was judged so, when the user should know (a file that is not quite UTF-8). */
  encodingNote: string | null;
  format: SourceFormat;
  headText: string;
}

function openReading(fileName: string, head: Uint8Array, options: { encoding?: TextEncoding; format?: SourceFormat }): Reading {
  const judged = options.encoding ? { encoding: options.encoding, note: null } : judgeEncoding(head);
  const encoding = judged.encoding;
  const decoding = { decoder: createChunkDecoder(encoding), problems: 0 };
  const headText = decoding.decoder.decode(head);
  const format = options.format ?? detectSourceFormat(fileName, headText.slice(0, 4096));
  return { reader: createRecordReader(format, fileName), decoding, encoding, encodingNote: judged.note, format, headText };
}

export interface InspectOptions {
  fileName: string;
  encoding?: TextEncoding;
  format?: SourceFormat;
  /** Records wanted for the preview and the suggestions. */
  sampleSize?: number;
  /** Read no further than this many bytes looking for them. */
  maxBytes?: number;
  limits?: ImportLimits;
  isCancelled?: () => boolean;
}

export interface InspectedHead {
  fileName: string;
  encoding: TextEncoding;
  encodingNote: string | null;
  format: SourceFormat;
  columns: string[];
  sample: unknown[];
  /** Problems met while reading the head (a file that is not JSON, an over-long line, bad bytes…). */
  errors: RowError[];
  /** The whole file was read (so the errors are all of them). */
  complete: boolean;
  sizeBytes: number;
}

/** Reads the head of a file for the mapping screen: enough records for a sample, within a byte budget. */
export async function inspectSource(source: ByteSource, options: InspectOptions): Promise<InspectedHead> {
  const limits = options.limits ?? IMPORT_LIMITS;
  const sampleSize = options.sampleSize ?? SAMPLE_RECORDS;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const head = await source.read(0, HEAD_BYTES);
  const reading = openReading(options.fileName, head, options);
  const { reader, decoding } = reading;
  const errors: RowError[] = [];
  const sample: SourceRecord[] = [];
  const take = (records: SourceRecord[]) => appendAll(sample, screenRecords(records, options.fileName, limits, errors));
  take(reader.push(reading.headText));
  let offset = head.length;
  let complete = false;
  while (sample.length < sampleSize) {
    if (options.isCancelled?.()) throw new ImportCancelled();
    if (offset >= source.size) {
      take(reader.push(decoding.decoder.end()));
      take(reader.end());
      complete = true;
      break;
    }
    if (offset >= maxBytes) break;
    const bytes = await source.read(offset, HEAD_BYTES);
    offset += bytes.length;
    take(reader.push(decoding.decoder.decode(bytes)));
  }
  appendAll(errors, reader.takeErrors());
  appendAll(errors, encodingErrors(options.fileName, reading.encoding, decoding));
  return {
    fileName: options.fileName,
    encoding: reading.encoding,
    encodingNote: reading.encodingNote,
    format: reading.format,
    columns: reader.columns(),
    sample: sample.slice(0, sampleSize).map((s) => s.record),
    errors: errors.sort((a, b) => a.row - b.row),
    complete,
    sizeBytes: source.size,
  };
}

export interface StreamOptions {
  fileName: string;
  encoding?: TextEncoding;
  format?: SourceFormat;
  formatId?: string | null;
  mapping?: FieldMapping;
  batchSize?: number;
  limits?: ImportLimits;
  isCancelled?: () => boolean;
}

/** A batch of incidents to store; the row errors come with the summary, in row order. */
export interface ImportBatch {
  incidents: Incident[];
}

export interface StreamProgress {
  bytesRead: number;
  totalBytes: number;
  rows: number;
}

export interface StreamSummary {
  plan: ImportPlan | null;
  encoding: TextEncoding;
  encodingNote: string | null;
  format: SourceFormat;
  columns: string[];
  /** Source records read (rows, non-blank lines, elements), those the reader or the mapper refused included. */
  rows: number;
  /** Distinct incidents normalised. */
  valid: number;
  /** Rows that became an incident (a repeated id counts each time). */
  acceptedRows: number;
  duplicateIds: string[];
  /** Every row error, in row order. */
  errors: RowError[];
  /** One per field that could not take some values (left empty, the raw value kept). */
  warnings: FieldWarningSummary[];
}

/**
 * Streams a file through reader, screening and normaliser, handing each batch of incidents to `onBatch`, and
 * progress after each slice read. Both may return a promise, which is
 * awaited: that is how a caller applies back-pressure and lets a cancel arrive.
 */
export async function streamIncidents(
  source: ByteSource,
  options: StreamOptions,
  onBatch: (batch: ImportBatch) => void | Promise<void>,
  onProgress: (progress: StreamProgress) => void | Promise<void> = () => {},
): Promise<StreamSummary> {
  const limits = options.limits ?? IMPORT_LIMITS;
  const batchSize = options.batchSize ?? 2000;
  const head = await source.read(0, Math.min(READ_BYTES, source.size));
  const reading = openReading(options.fileName, head, options);
  const { reader, decoding } = reading;
  let normaliser: IncidentNormaliser | null = null;
  let plan: ImportPlan | null = null;
  const allErrors: RowError[] = [];
  let pending: SourceRecord[] = [];

  const flush = async (final: boolean) => {
    if (!final && pending.length < batchSize) return;
    const records = screenRecords(pending, options.fileName, limits, allErrors);
    pending = [];
    plan ??= planImport(options.fileName, reading.format, reader.columns(), { formatId: options.formatId ?? undefined, mapping: options.mapping }, records.slice(0, SAMPLE_RECORDS).map((r) => r.record));
    normaliser ??= new IncidentNormaliser(plan);
    const incidents = normaliser.normalise(records);
    appendAll(allErrors, reader.takeErrors());
    appendAll(allErrors, normaliser.takeErrors());
    appendAll(allErrors, encodingErrors(options.fileName, reading.encoding, decoding));
    if (incidents.length > 0) await onBatch({ incidents });
  };

  const take = async (text: string) => {
    appendAll(pending, reader.push(text));
    await flush(false);
  };

  await take(reading.headText);
  for (let offset = head.length; ; ) {
    if (options.isCancelled?.()) throw new ImportCancelled();
    await onProgress({ bytesRead: offset, totalBytes: source.size, rows: reader.rowsRead() });
    if (offset >= source.size) break;
    const bytes = await source.read(offset, READ_BYTES);
    if (bytes.length === 0) break;
    offset += bytes.length;
    await take(reading.decoding.decoder.decode(bytes));
  }
  await take(decoding.decoder.end());
  appendAll(pending, reader.end());
  await flush(true);
  if (decoding.problems > ENCODING_PROBLEMS_LISTED) {
    allErrors.push({ file: options.fileName, row: 0, field: '(encoding)', message: `${decoding.problems - ENCODING_PROBLEMS_LISTED} more bytes are not valid ${reading.encoding} (${decoding.problems} in all)` });
  }
  const finalNormaliser = normaliser as IncidentNormaliser | null;
  return {
    plan,
    encoding: reading.encoding,
    encodingNote: reading.encodingNote,
    format: reading.format,
    columns: reader.columns(),
    rows: reader.rowsRead(),
    valid: finalNormaliser?.validCount ?? 0,
    acceptedRows: finalNormaliser?.acceptedRows ?? 0,
    duplicateIds: finalNormaliser?.duplicates ?? [],
    errors: allErrors.sort((a, b) => a.row - b.row),
    warnings: finalNormaliser?.warnings ?? [],
  };
}

/** Bytes in memory (tests, small inputs) as a byte source. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}
