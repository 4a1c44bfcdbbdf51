import type { RowError } from '../mapping.ts';
import { keysOf, type RecordReader, type SourceRecord } from './types.ts';

/** JSON Lines: one record per line; a line that is not JSON is a row error naming its line. */
export function createJsonLinesReader(file: string): RecordReader {
  let pending = '';
  let line = 0;
  let errors: RowError[] = [];
  const columns = new Set<string>();

  const parseLines = (lines: string[]): SourceRecord[] => {
    const out: SourceRecord[] = [];
    for (const text of lines) {
      line += 1;
      if (text.trim() === '') continue;
      try {
        out.push({ row: line, record: JSON.parse(text) });
      } catch (e) {
        errors.push({ file, row: line, field: '(line)', message: `not valid JSON: ${(e as Error).message}` });
      }
    }
    if (columns.size === 0) keysOf(out, columns);
    return out;
  };

  return {
    format: 'jsonl',
    push(text) {
      pending += text;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      return parseLines(lines);
    },
    end() {
      const rest = pending;
      pending = '';
      return rest === '' ? [] : parseLines([rest]);
    },
    columns: () => [...columns],
    takeErrors() {
      const out = errors;
      errors = [];
      return out;
    },
  };
}
