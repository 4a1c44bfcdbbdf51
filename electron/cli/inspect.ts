import { open } from 'node:fs/promises';
import Ajv from 'ajv';
import presetSchema from '../../schemas/mapping-preset.schema.json' with { type: 'json' };
import { createChunkDecoder, detectEncoding } from '../../shared/import/encoding.ts';
import { BUILT_IN_FORMATS, findFormat } from '../../shared/import/formats/index.ts';
import type { FieldMapping, RowError } from '../../shared/import/mapping.ts';
import { IncidentNormaliser, planImport, type ImportPlan } from '../../shared/import/pipeline.ts';
import { createRecordReader, detectSourceFormat, type SourceFormat, type SourceRecord } from '../../shared/import/readers/index.ts';
import type { Incident } from '../../shared/model/incident.ts';

const CONTAINERS: readonly SourceFormat[] = ['csv', 'json', 'jsonl', 'markdown'];
const CHUNK = 2 * 1024 * 1024;
const BATCH = 2000;
const SAMPLE = 5;

export interface InspectReport {
  format: string;
  total: number;
  valid: number;
  invalid: number;
  errors: Array<Pick<RowError, 'row' | 'field' | 'message'>>;
  sample: Incident[];
}

/** A problem the user must fix before anything can be read; printed as a message, never a stack trace. */
export class UsageError extends Error {}

/** Reads a mapping file: a saved preset ({mapping: …}) or a bare mapping ({fields: …}), checked against the schema. */
export async function readMappingFile(path: string): Promise<FieldMapping> {
  let data: unknown;
  try {
    const handle = await open(path, 'r');
    try {
      data = JSON.parse(await handle.readFile('utf8'));
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new UsageError(`cannot read the mapping ${path}: ${(e as Error).message}`);
  }
  const preset = typeof data === 'object' && data !== null && 'mapping' in data ? data : { schemaVersion: 1, id: 'cli', name: 'cli', format: 'csv', signature: [], mapping: data };
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(presetSchema);
  if (!validate(preset)) throw new UsageError(`the mapping ${path} is not valid: ${ajv.errorsText(validate.errors, { dataVar: 'mapping' })}`);
  return (preset as { mapping: FieldMapping }).mapping;
}

/**
 * Streams a file through the same reader, format detection and normaliser the app uses, 2 MiB at a time,
 * and reports what an import would do.
 */
export async function inspectFile(path: string, options: { format?: string; mapping?: FieldMapping } = {}): Promise<InspectReport> {
  let container: SourceFormat | undefined;
  let formatId: string | undefined;
  if (options.format) {
    if ((CONTAINERS as readonly string[]).includes(options.format)) container = options.format as SourceFormat;
    else if (findFormat(options.format)) formatId = options.format;
    else throw new UsageError(`unknown format "${options.format}"; use one of ${[...CONTAINERS, ...BUILT_IN_FORMATS.map((f) => f.id)].join(', ')}`);
  }
  let file;
  try {
    file = await open(path, 'r');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const fileName = path.split(/[\\/]/).pop() ?? path;
  try {
    const buffer = new Uint8Array(CHUNK);
    const first = await file.read(buffer, 0, CHUNK, 0);
    const head = buffer.subarray(0, first.bytesRead);
    const decoder = createChunkDecoder(detectEncoding(head));
    let text = decoder.decode(head);
    container ??= findFormat(formatId ?? '')?.format ?? detectSourceFormat(fileName, text.slice(0, 4096));
    const reader = createRecordReader(container, fileName);
    let plan: ImportPlan | null = null;
    let normaliser: IncidentNormaliser | null = null;
    const errors: RowError[] = [];
    const sample: Incident[] = [];
    let total = 0;
    let pending: SourceRecord[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      plan ??= planImport(fileName, container!, reader.columns(), { formatId, mapping: options.mapping });
      normaliser ??= new IncidentNormaliser(plan);
      const incidents = normaliser.normalise(pending);
      for (const incident of incidents) if (sample.length < SAMPLE) sample.push(incident);
      total += pending.length;
      pending = [];
      errors.push(...reader.takeErrors(), ...normaliser.takeErrors());
    };
    let position = first.bytesRead;
    let bytesRead = first.bytesRead;
    for (;;) {
      pending.push(...reader.push(text));
      if (pending.length >= BATCH) flush();
      if (bytesRead === 0) break;
      const next = await file.read(buffer, 0, CHUNK, position);
      bytesRead = next.bytesRead;
      position += bytesRead;
      text = bytesRead === 0 ? decoder.end() : decoder.decode(buffer.subarray(0, bytesRead));
    }
    pending.push(...reader.end());
    flush();
    errors.push(...reader.takeErrors());
    const finalPlan = plan as ImportPlan | null;
    const finalNormaliser = normaliser as IncidentNormaliser | null;
    return {
      format: finalPlan?.exportFormat?.id ?? formatId ?? container,
      total,
      valid: finalNormaliser?.validCount ?? 0,
      invalid: total - (finalNormaliser?.acceptedRows ?? 0),
      errors: errors.sort((a, b) => a.row - b.row).map(({ row, field, message }) => ({ row, field, message })),
      sample,
    };
  } finally {
    await file.close();
  }
}
