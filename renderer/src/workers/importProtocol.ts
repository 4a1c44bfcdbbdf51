import type { FieldMapping, RowError } from '../../../shared/import/mapping.ts';
import type { SourceFormat } from '../../../shared/import/readers/types.ts';
import type { TextEncoding } from '../../../shared/import/encoding.ts';

/** Messages between the import screen and the import worker. The file travels as a Blob and is streamed. */
export type ImportRequest =
  | { type: 'inspect'; file: Blob; fileName: string; format?: SourceFormat }
  | { type: 'import'; file: Blob; fileName: string; encoding: TextEncoding; format: SourceFormat; formatId: string | null; mapping: FieldMapping; importId: string; importedAt: string }
  | { type: 'commit' }
  | { type: 'cancel' };

export type ImportPhase = 'reading' | 'finishing' | 'rolling back';

export interface InspectedSource {
  fileName: string;
  encoding: TextEncoding;
  format: SourceFormat;
  columns: string[];
  /** The first records, unchanged, for the mapping preview and the value maps. */
  sample: unknown[];
  /** The built-in export recognised from the columns, if any. */
  formatId: string | null;
  suggested: FieldMapping;
  sizeBytes: number;
}

/** Where an import's time went, for the benchmark and for anyone wondering. */
export interface ImportTimings {
  readMs: number;
  normaliseMs: number;
  waitForWritesMs: number;
  totalMs: number;
}

export type ImportResponse =
  | { type: 'inspected'; source: InspectedSource }
  | { type: 'progress'; phase: ImportPhase; bytesRead: number; totalBytes: number; rows: number; elapsedMs: number }
  /** Rows had errors; the valid ones are written but not yet committed: the user keeps or drops them. */
  | { type: 'confirm'; valid: number; errors: RowError[] }
  | { type: 'done'; added: number; updated: number; rejected: number; errors: RowError[]; duplicateIds: string[]; elapsedMs: number; rows: number; timings: ImportTimings }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };
