import type { FieldMapping, RowError } from '../../../shared/import/mapping.ts';
import type { SourceFormat } from '../../../shared/import/readers/types.ts';
import type { TextEncoding } from '../../../shared/import/encoding.ts';
import type { InspectedHead } from '../../../shared/import/stream.ts';
import type { FieldWarningSummary } from '../../../shared/import/pipeline.ts';
import type { MappingSuggestion } from '../../../shared/import/suggest.ts';

/** Messages between the import screen and the import worker. Files travel as Blobs and are streamed. */
export interface ImportFile {
  file: Blob;
  fileName: string;
  /** The encoding chosen on the mapping screen; detected from each file's head when absent. */
  encoding?: TextEncoding;
  /** The container shown on the mapping screen; detected from each file's name and head when absent. */
  format?: SourceFormat;
}

export type ImportRequest =
  | { type: 'inspect'; file: Blob; fileName: string; encoding?: TextEncoding; format?: SourceFormat; others?: Array<{ file: Blob; fileName: string }> }
  | { type: 'import'; files: ImportFile[]; formatId: string | null; mapping: FieldMapping; importId: string; importedAt: string; dbName: string }
  | { type: 'commit' }
  | { type: 'cancel' };

export type ImportPhase = 'reading' | 'finishing' | 'rolling back';

/** The head of another file chosen with the first: enough to tell whether the first file's mapping fits it. */
export interface OtherFileHead {
  fileName: string;
  format: SourceFormat;
  columns: string[];
}

export interface InspectedSource extends InspectedHead {
  /** The other files chosen with this one, read briefly. */
  others: OtherFileHead[];
  /** The built-in export recognised from the columns, if any. */
  formatId: string | null;
  /** The mapping suggested from the columns and the sample, with the ranked candidates for each field. */
  suggestion: MappingSuggestion;
}

/** Where an import's time went, for the benchmark and for anyone wondering. */
export interface ImportTimings {
  /** Reading, decoding, parsing and normalising (one streamed loop). */
  readMs: number;
  waitForWritesMs: number;
  totalMs: number;
}

export interface ImportProgress {
  phase: ImportPhase;
  fileName: string;
  /** 1-based position of the file being read among the files of this import. */
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  totalBytes: number;
  rows: number;
  elapsedMs: number;
}

export type ImportResponse =
  | { type: 'inspected'; source: InspectedSource }
  | ({ type: 'progress' } & ImportProgress)
  /** Rows had errors; the valid ones are written but not yet committed: the user keeps or drops them. */
  | { type: 'confirm'; valid: number; errors: RowError[]; warnings: FieldWarningSummary[] }
  | { type: 'done'; added: number; updated: number; rejected: number; errors: RowError[]; warnings: FieldWarningSummary[]; duplicateIds: string[]; elapsedMs: number; rows: number; timings: ImportTimings }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };
