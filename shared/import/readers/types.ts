import type { RowError } from '../mapping.ts';

export type SourceFormat = 'csv' | 'json' | 'jsonl' | 'markdown';

/** One source record and its 1-based row (data row of a CSV, line of JSONL, element of a JSON list). */
export interface SourceRecord {
  row: number;
  record: unknown;
}

/**
 * Reads records out of text fed in chunks, so no file is ever held as one string. push() returns the
 * records its chunk completed; end() returns the rest. Problems become row errors, never exceptions.
 */
export interface RecordReader {
  readonly format: SourceFormat;
  push(text: string): SourceRecord[];
  end(): SourceRecord[];
  /** Column names (CSV header; for JSON, the keys of the first records). */
  columns(): string[];
  /** Row errors found since the last call. */
  takeErrors(): RowError[];
  /** Records met so far (rows, non-blank lines, elements), those the reader refused included. */
  rowsRead(): number;
}

/** Column names seen in the first records of a JSON source. */
export function keysOf(records: readonly SourceRecord[], into: Set<string>, limit = 50): void {
  for (const { record } of records.slice(0, limit)) {
    if (typeof record === 'object' && record !== null && !Array.isArray(record)) Object.keys(record).forEach((k) => into.add(k));
  }
}
