import { open, type FileHandle } from 'node:fs/promises';
import Ajv from 'ajv';
import presetSchema from '../../schemas/mapping-preset.schema.json' with { type: 'json' };
import { MAPPING_FILE } from '../../shared/files/mappingFile.ts';
import { readDataFile } from '../../shared/files/readFile.ts';
import { BUILT_IN_FORMATS, findFormat } from '../../shared/import/formats/index.ts';
import type { FieldMapping, RowError } from '../../shared/import/mapping.ts';
import type { FieldWarningSummary } from '../../shared/import/pipeline.ts';
import type { SourceFormat } from '../../shared/import/readers/index.ts';
import { streamIncidents, type ByteSource } from '../../shared/import/stream.ts';
import type { Incident } from '../../shared/model/incident.ts';

const CONTAINERS: readonly SourceFormat[] = ['csv', 'json', 'jsonl', 'markdown'];
const SAMPLE = 5;

export interface InspectReport {
  format: string;
  encoding: string;
  /** Why the encoding was judged so, when it matters (a file that is not quite UTF-8). */
  encodingNote: string | null;
  total: number;
  valid: number;
  invalid: number;
  errors: Array<Pick<RowError, 'row' | 'field' | 'message'>>;
  /** One per field that could not take some values: those fields were left empty, the rows kept. */
  warnings: FieldWarningSummary[];
  sample: Incident[];
}

/** A problem the user must fix before anything can be read; printed as a message, never a stack trace. */
export class UsageError extends Error {}

/** Reads a mapping file: a saved preset ({schemaVersion, mapping: …}) or a bare mapping ({fields: …}), through the shared file pipeline. */
export async function readMappingFile(path: string): Promise<FieldMapping> {
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (e) {
    throw new UsageError(`cannot read the mapping ${path}: ${(e as Error).message}`);
  }
  const read = readDataFile(MAPPING_FILE, text, new Ajv({ allErrors: true }).compile(presetSchema), path);
  if (!read.ok) throw new UsageError(read.message);
  return read.value.mapping;
}

/** An open file as a byte source for the shared streaming loop. */
function fileSource(file: FileHandle, size: number): ByteSource {
  return {
    size,
    read: async (offset, length) => {
      const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    },
  };
}

/**
 * Streams a file through the same loop the app's import worker uses (reader, limits, format detection,
 * normaliser), 2 MiB at a time, and reports what an import would do.
 */
export async function inspectFile(path: string, options: { format?: string; mapping?: FieldMapping } = {}): Promise<InspectReport> {
  let container: SourceFormat | undefined;
  let formatId: string | undefined;
  if (options.format) {
    if ((CONTAINERS as readonly string[]).includes(options.format)) container = options.format as SourceFormat;
    else if (findFormat(options.format)) formatId = options.format;
    else throw new UsageError(`unknown format "${options.format}"; use one of ${[...CONTAINERS, ...BUILT_IN_FORMATS.map((f) => f.id)].join(', ')}`);
  }
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const fileName = path.split(/[\\/]/).pop() ?? path;
  try {
    const stat = await file.stat();
    if (!stat.isFile()) throw new UsageError(`cannot read ${path}: not a file`);
    const size = stat.size;
    const sample: Incident[] = [];
    const summary = await streamIncidents(fileSource(file, size), { fileName, format: container ?? findFormat(formatId ?? '')?.format, formatId, mapping: options.mapping }, ({ incidents }) => {
      for (const incident of incidents) {
        if (sample.length >= SAMPLE) break;
        sample.push(incident);
      }
    });
    return {
      format: summary.plan?.exportFormat?.id ?? formatId ?? summary.format,
      encoding: summary.encoding,
      encodingNote: summary.encodingNote,
      total: summary.rows,
      valid: summary.valid,
      invalid: summary.rows - summary.acceptedRows,
      errors: summary.errors.map(({ row, field, message }) => ({ row, field, message })),
      warnings: summary.warnings,
      sample,
    };
  } finally {
    await file.close();
  }
}
