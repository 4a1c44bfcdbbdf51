import { createCsvReader } from './csvReader.ts';
import { createJsonReader } from './jsonReader.ts';
import { createJsonLinesReader } from './jsonlReader.ts';
import { createMarkdownListReader } from './markdownReader.ts';
import type { RecordReader, SourceFormat, SourceRecord } from './types.ts';

export type { RecordReader, SourceFormat, SourceRecord } from './types.ts';

export function createRecordReader(format: SourceFormat, file: string): RecordReader {
  switch (format) {
    case 'csv':
      return createCsvReader(file);
    case 'json':
      return createJsonReader(file);
    case 'jsonl':
      return createJsonLinesReader(file);
    case 'markdown':
      return createMarkdownListReader(file);
  }
}

/** The container format from the file name, else from the first characters. */
export function detectSourceFormat(fileName: string, head: string): SourceFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) {
    const firstLine = start.split('\n', 1)[0]!.trim();
    return firstLine.endsWith('}') && start.includes('\n{') ? 'jsonl' : 'json';
  }
  if (start.startsWith('#')) return 'markdown';
  return 'csv';
}

/** Reads a whole text with a reader, in chunks of the given size (tests, the CLI on small inputs). */
export function readAll(reader: RecordReader, text: string, chunkSize = 64 * 1024): { records: SourceRecord[]; errors: ReturnType<RecordReader['takeErrors']> } {
  const records: SourceRecord[] = [];
  for (let i = 0; i < text.length; i += chunkSize) appendAll(records, reader.push(text.slice(i, i + chunkSize)));
  appendAll(records, reader.end());
  return { records, errors: reader.takeErrors() };
}

/** Appends a batch one by one: spreading a large batch into push() overflows the stack. */
export function appendAll<T>(into: T[], batch: readonly T[]): void {
  for (const item of batch) into.push(item);
}
